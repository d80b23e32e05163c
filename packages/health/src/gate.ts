import { percentile, throwIfCancelled, type Clock, type Header } from '@deploy-kit/core';
import { evaluate, type Expectations } from './expectations.js';
import type { Probe, ProbeResponse } from './probe.js';

export interface GateOptions {
  urls: readonly URL[];
  method: string;
  headers: readonly Header[];
  expect: Expectations;
  intervalMs: number;
  requestTimeoutMs: number;
  /** Deadline for becoming healthy. A soak that has started runs to its end. */
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
  /** After all URLs are healthy, keep probing this long; `failureThreshold` failures in a row fail it. */
  soakMs: number;
  insecureTls: boolean;
  /** Opens each request's TCP stream (SSH tunnel); default: a direct connection. */
  connect?: (host: string, port: number) => Promise<import('node:stream').Duplex>;
}

export interface GateDeps {
  probe: Probe;
  clock: Clock;
  signal: AbortSignal;
  onAttempt?: (record: AttemptRecord) => void;
}

export interface AttemptRecord {
  url: string;
  attempt: number;
  /** Milliseconds since the gate started. */
  atMs: number;
  ok: boolean;
  status?: number;
  latencyMs: number;
  reason?: string;
}

export type GateOutcome = 'healthy' | 'timeout' | 'regressed' | 'flapping';

export interface TargetReport {
  url: string;
  /** The SSH host the URL was probed through, when it was. */
  via?: string;
  healthy: boolean;
  attempts: AttemptRecord[];
  /** The last response that carried a status: a probe the deadline cut short does not replace it. */
  last?: ProbeResponse;
  lastReason?: string;
}

export interface GateResult {
  healthy: boolean;
  outcome: GateOutcome;
  /** The URL that decided a failure. */
  failedUrl?: string;
  attempts: number;
  elapsedMs: number;
  lastStatus: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  targets: TargetReport[];
}

/**
 * Flapping: too many pass/fail changes in the recent window. A service coming up changes state once;
 * one that alternates would otherwise only fail at the deadline, or pass on a lucky streak.
 */
export function flapWindow(
  successThreshold: number,
  failureThreshold: number,
): { size: number; maxChanges: number } {
  const size = Math.max(6, 2 * (successThreshold + failureThreshold));
  return { size, maxChanges: Math.max(4, Math.floor(size / 2)) };
}

function countChanges(outcomes: readonly boolean[]): number {
  let changes = 0;
  for (let i = 1; i < outcomes.length; i += 1) if (outcomes[i] !== outcomes[i - 1]) changes += 1;
  return changes;
}

class TargetState {
  readonly report: TargetReport;
  up = false;
  successes = 0;
  failures = 0;
  private readonly recent: boolean[] = [];

  constructor(
    url: URL,
    private readonly window: { size: number; maxChanges: number },
  ) {
    this.report = { url: url.href, healthy: false, attempts: [] };
  }

  /** Records one probe; returns a failure outcome when this probe decides one. */
  record(ok: boolean, successThreshold: number, failureThreshold: number): GateOutcome | undefined {
    this.successes = ok ? this.successes + 1 : 0;
    this.failures = ok ? 0 : this.failures + 1;
    this.recent.push(ok);
    if (this.recent.length > this.window.size) this.recent.shift();
    if (countChanges(this.recent) >= this.window.maxChanges) return 'flapping';
    if (this.up && this.failures >= failureThreshold) {
      this.up = false;
      return 'regressed';
    }
    if (!this.up && this.successes >= successThreshold) this.up = true;
    return undefined;
  }
}

/** Probes every URL each interval until all are healthy (and soaked), one fails, or the deadline passes. */
export async function runGate(options: GateOptions, deps: GateDeps): Promise<GateResult> {
  const { clock, signal } = deps;
  const window = flapWindow(options.successThreshold, options.failureThreshold);
  const targets = options.urls.map((url) => new TargetState(url, window));
  const lastTarget = targets[targets.length - 1];
  if (!lastTarget) throw new Error('runGate needs at least one URL');
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  let soakStarted: number | undefined;
  let round = 0;

  const finish = (outcome: GateOutcome, failed?: TargetState): GateResult => {
    const latencies = targets.flatMap((t) =>
      t.report.attempts.filter((a) => a.status !== undefined).map((a) => a.latencyMs),
    );
    const decisive = failed ?? lastTarget;
    for (const t of targets) t.report.healthy = outcome === 'healthy' || (t.up && t !== failed);
    return {
      healthy: outcome === 'healthy',
      outcome,
      failedUrl: failed?.report.url,
      attempts: round,
      elapsedMs: clock.now() - started,
      // The last status received: a probe the deadline cut short saw none, and must not hide it.
      lastStatus: decisive.report.attempts.findLast((a) => a.status !== undefined)?.status ?? 0,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      targets: targets.map((t) => t.report),
    };
  };

  for (;;) {
    throwIfCancelled(signal);
    const roundStart = clock.now();
    const soaking = soakStarted !== undefined;
    const remaining = soaking ? options.requestTimeoutMs : deadline - roundStart;
    if (remaining <= 0) return finish('timeout', targets.find((t) => !t.up) ?? targets[0]);
    round += 1;
    const responses = await Promise.all(
      targets.map(async (target) => ({
        target,
        response: await deps.probe({
          url: new URL(target.report.url),
          method: options.method,
          headers: options.headers,
          timeoutMs: Math.min(options.requestTimeoutMs, remaining),
          followRedirects: options.expect.followRedirects,
          insecureTls: options.insecureTls,
          signal,
          ...(options.connect ? { connect: options.connect } : {}),
        }),
      })),
    );
    throwIfCancelled(signal);
    for (const { target, response } of responses) {
      const verdict = evaluate(response, options.expect);
      const record: AttemptRecord = {
        url: target.report.url,
        attempt: round,
        atMs: clock.now() - started,
        ok: verdict.ok,
        status: response.status,
        latencyMs: response.latencyMs,
        reason: verdict.reason,
      };
      target.report.attempts.push(record);
      if (response.status !== undefined || target.report.last === undefined) target.report.last = response;
      if (verdict.reason !== undefined) target.report.lastReason = verdict.reason;
      deps.onAttempt?.(record);
      const failure = target.record(verdict.ok, options.successThreshold, options.failureThreshold);
      if (failure) return finish(failure, target);
    }
    if (targets.every((t) => t.up)) {
      soakStarted ??= clock.now();
      if (clock.now() - soakStarted >= options.soakMs) return finish('healthy');
    }
    const next = roundStart + options.intervalMs;
    const wait = soakStarted === undefined ? Math.min(next, deadline) - clock.now() : next - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  }
}
