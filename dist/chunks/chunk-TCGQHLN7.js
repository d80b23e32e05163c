import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  evaluate
} from "./chunk-62URBDRV.js";
import {
  throwIfCancelled
} from "./chunk-4YTAKGCH.js";

// packages/core/src/stats.ts
function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(p / 100 * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
}

// packages/health/src/gate.ts
function flapWindow(successThreshold, failureThreshold) {
  const size = Math.max(6, 2 * (successThreshold + failureThreshold));
  return { size, maxChanges: Math.max(4, Math.floor(size / 2)) };
}
function countChanges(outcomes) {
  let changes = 0;
  for (let i = 1; i < outcomes.length; i += 1) if (outcomes[i] !== outcomes[i - 1]) changes += 1;
  return changes;
}
var TargetState = class {
  constructor(url, window) {
    this.window = window;
    this.report = { url: url.href, healthy: false, attempts: [] };
  }
  window;
  report;
  up = false;
  successes = 0;
  failures = 0;
  recent = [];
  /** Records one probe; returns a failure outcome when this probe decides one. */
  record(ok, successThreshold, failureThreshold) {
    this.successes = ok ? this.successes + 1 : 0;
    this.failures = ok ? 0 : this.failures + 1;
    this.recent.push(ok);
    if (this.recent.length > this.window.size) this.recent.shift();
    if (countChanges(this.recent) >= this.window.maxChanges) return "flapping";
    if (this.up && this.failures >= failureThreshold) {
      this.up = false;
      return "regressed";
    }
    if (!this.up && this.successes >= successThreshold) this.up = true;
    return void 0;
  }
};
async function runGate(options, deps) {
  const { clock, signal } = deps;
  const window = flapWindow(options.successThreshold, options.failureThreshold);
  const targets = options.urls.map((url) => new TargetState(url, window));
  const lastTarget = targets[targets.length - 1];
  if (!lastTarget) throw new Error("runGate needs at least one URL");
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  let soakStarted;
  let round = 0;
  const finish = (outcome, failed) => {
    const latencies = targets.flatMap(
      (t) => t.report.attempts.filter((a) => a.status !== void 0).map((a) => a.latencyMs)
    );
    const decisive = failed ?? lastTarget;
    for (const t of targets) t.report.healthy = outcome === "healthy" || t.up && t !== failed;
    return {
      healthy: outcome === "healthy",
      outcome,
      failedUrl: failed?.report.url,
      attempts: round,
      elapsedMs: clock.now() - started,
      // The last status received: a probe the deadline cut short saw none, and must not hide it.
      lastStatus: decisive.report.attempts.findLast((a) => a.status !== void 0)?.status ?? 0,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      targets: targets.map((t) => t.report)
    };
  };
  for (; ; ) {
    throwIfCancelled(signal);
    const roundStart = clock.now();
    const soaking = soakStarted !== void 0;
    const remaining = soaking ? options.requestTimeoutMs : deadline - roundStart;
    if (remaining <= 0) return finish("timeout", targets.find((t) => !t.up) ?? targets[0]);
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
          ...options.connect ? { connect: options.connect } : {}
        })
      }))
    );
    throwIfCancelled(signal);
    for (const { target, response } of responses) {
      const verdict = evaluate(response, options.expect);
      const record = {
        url: target.report.url,
        attempt: round,
        atMs: clock.now() - started,
        ok: verdict.ok,
        status: response.status,
        latencyMs: response.latencyMs,
        reason: verdict.reason
      };
      target.report.attempts.push(record);
      if (response.status !== void 0 || target.report.last === void 0) target.report.last = response;
      if (verdict.reason !== void 0) target.report.lastReason = verdict.reason;
      deps.onAttempt?.(record);
      const failure = target.record(verdict.ok, options.successThreshold, options.failureThreshold);
      if (failure) return finish(failure, target);
    }
    if (targets.every((t) => t.up)) {
      soakStarted ??= clock.now();
      if (clock.now() - soakStarted >= options.soakMs) return finish("healthy");
    }
    const next = roundStart + options.intervalMs;
    const wait = soakStarted === void 0 ? Math.min(next, deadline) - clock.now() : next - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  }
}

export {
  percentile,
  runGate
};
//# sourceMappingURL=chunk-TCGQHLN7.js.map
