import {
  ActionFailedError,
  assertTrustedEvent,
  formatMs,
  percentile,
  redactUrl,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import {
  httpProbe,
  runGate,
  type GateOptions,
  type GateResult,
  type Probe,
  type TargetReport,
} from '@deploy-kit/health';
import { formatTarget, sshConnector, type RemoteShell, type SshTarget } from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  probe: Probe;
  /** Opens a host's shell, to probe from it (SSH with the inputs' keys and pins, from the entry). */
  connect: (target: SshTarget) => Promise<RemoteShell>;
}

const BODY_EXCERPT = 500;
const CHART_POINTS = 100;

function statusLabel(status: number | undefined): string {
  return status === undefined ? 'no response' : String(status);
}

/** Status over time as a Mermaid xychart; 0 marks an attempt without an HTTP response. */
function statusChart(target: TargetReport): string {
  const points = target.attempts.slice(-CHART_POINTS);
  const title = redactUrl(new URL(target.url)).replace(/"/g, '');
  return [
    'xychart-beta',
    `  title "${title}: status per attempt (0 = no response)"`,
    `  x-axis "attempt" [${points.map((p) => p.attempt).join(', ')}]`,
    '  y-axis "HTTP status" 0 --> 600',
    `  line [${points.map((p) => p.status ?? 0).join(', ')}]`,
  ].join('\n');
}

function describeOutcome(result: GateResult, inputs: Inputs): string {
  switch (result.outcome) {
    case 'healthy':
      return 'healthy';
    case 'timeout':
      return `not healthy within ${formatMs(inputs.timeout)} (needs ${inputs['success-threshold']} consecutive successes)`;
    case 'regressed':
      return `${inputs['failure-threshold']} consecutive failures after having been healthy`;
    case 'flapping':
      return 'flapping: the result kept changing between pass and fail';
  }
}

export function buildSummary(result: GateResult, inputs: Inputs): Summary {
  const summary = new Summary().heading(
    `Health gate: ${result.healthy ? '✅ healthy' : `❌ ${result.outcome}`}`,
  );
  summary.table(
    ['URL', 'result', 'attempts', 'last status', 'p50 ms', 'p95 ms', 'last failure'],
    result.targets.map((t) => {
      const latencies = t.attempts.map((a) => a.latencyMs);
      return [
        `${inputs.method} ${redactUrl(new URL(t.url))}${t.via ? ` via ${t.via}` : ''}`,
        t.healthy ? 'healthy' : t.url === result.failedUrl ? result.outcome : 'not healthy',
        t.attempts.length,
        statusLabel(t.last?.status),
        percentile(latencies, 50),
        percentile(latencies, 95),
        t.lastReason ?? '',
      ];
    }),
  );
  summary.paragraph(
    `${result.attempts} attempts in ${(result.elapsedMs / 1000).toFixed(1)}s; interval ${formatMs(inputs.interval)}, ` +
      `success threshold ${inputs['success-threshold']}, failure threshold ${inputs['failure-threshold']}.`,
  );
  for (const target of result.targets) summary.mermaid(statusChart(target));
  return summary;
}

/** One result for gates run through several hosts: healthy only if all are; the first failure decides. */
export function mergeResults(results: readonly GateResult[], hosts: readonly string[]): GateResult {
  const failed = results.find((r) => !r.healthy);
  const decisive = failed ?? results.reduce((a, b) => (b.elapsedMs > a.elapsedMs ? b : a));
  const targets = results.flatMap((r, i) => r.targets.map((t) => ({ ...t, via: hosts[i] })));
  const latencies = targets.flatMap((t) =>
    t.attempts.filter((a) => a.status !== undefined).map((a) => a.latencyMs),
  );
  return {
    ...decisive,
    attempts: Math.max(...results.map((r) => r.attempts)),
    elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    failedUrl: failed ? failed.failedUrl : undefined,
    targets,
  };
}

export async function run(inputs: Inputs, deps: Deps): Promise<GateResult> {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  const shown = inputs.url.map((u) => redactUrl(u)).join(', ');
  logger.info(`Probing ${shown} every ${formatMs(inputs.interval)} (deadline ${formatMs(inputs.timeout)})`);
  const lastLine = new Map<string, string>();
  const options: GateOptions = {
    urls: inputs.url,
    method: inputs.method,
    headers: inputs.headers,
    expect: {
      status: inputs['expect-status'],
      body: inputs['expect-body'],
      version: inputs['expect-version'],
      followRedirects: inputs['follow-redirects'],
    },
    intervalMs: inputs.interval,
    requestTimeoutMs: inputs['request-timeout'],
    timeoutMs: inputs.timeout,
    successThreshold: inputs['success-threshold'],
    failureThreshold: inputs['failure-threshold'],
    soakMs: inputs.soak,
    insecureTls: inputs['insecure-tls'],
  };
  const gate = (via: string, extra: Partial<GateOptions> = {}): Promise<GateResult> =>
    runGate(
      { ...options, ...extra },
      {
        probe: deps.probe,
        clock: deps.clock,
        signal: deps.signal,
        onAttempt: (a) => {
          // Log changes, not every identical attempt: a 2-minute wait must not bury the reason.
          const key = `${via}${a.url}`;
          const line = `${statusLabel(a.status)}${a.ok ? ' ✓' : ` ✗ ${a.reason ?? ''}`}`;
          if (line === lastLine.get(key) && a.attempt % 10 !== 0) return;
          lastLine.set(key, line);
          logger.info(`  #${a.attempt} ${via}${redactUrl(new URL(a.url))} → ${line} (${a.latencyMs}ms)`);
        },
      },
    );
  let result: GateResult;
  if (!inputs.ssh) {
    result = await gate('');
  } else {
    const conns: Array<{ label: string; shell: RemoteShell }> = [];
    try {
      for (const target of inputs.ssh.hosts)
        conns.push({ label: formatTarget(target), shell: await deps.connect(target) });
      // Every URL is probed from every host, as the host itself would reach it.
      const results = await Promise.all(
        conns.map(({ label, shell }) =>
          gate(`[${label}] `, { connect: (host, port) => shell.forward(host, port) }),
        ),
      );
      result = mergeResults(
        results,
        conns.map((c) => c.label),
      );
    } finally {
      for (const { shell } of conns) shell.close();
    }
  }
  deps.setOutput('healthy', result.healthy);
  deps.setOutput('attempts', result.attempts);
  deps.setOutput('elapsed-ms', result.elapsedMs);
  deps.setOutput('last-status', result.lastStatus);
  deps.setOutput('latency-p50-ms', result.latencyP50Ms);
  deps.setOutput('latency-p95-ms', result.latencyP95Ms);
  deps.writeSummary(buildSummary(result, inputs));
  if (!result.healthy) {
    const failed = result.targets.find((t) => !t.healthy && t.url === result.failedUrl) ?? result.targets[0];
    const body = failed?.last?.body ?? '';
    if (body) {
      logger.info(`Last response body (first ${BODY_EXCERPT} characters):`);
      logger.untrusted(body.slice(0, BODY_EXCERPT));
    }
    throw new ActionFailedError(
      `Health gate failed for ${failed ? redactUrl(new URL(failed.url)) : '?'}${failed?.via ? ` (probed from ${failed.via})` : ''}: ${describeOutcome(result, inputs)}; ` +
        `last status ${statusLabel(failed?.last?.status)}${failed?.lastReason ? ` (${failed.lastReason})` : ''}, ` +
        `${result.attempts} attempts in ${(result.elapsedMs / 1000).toFixed(1)}s`,
    );
  }
  logger.info(`Healthy after ${result.attempts} attempts in ${(result.elapsedMs / 1000).toFixed(1)}s`);
  return result;
}

export const healthGate: ActionDefinition<Inputs> = {
  name: 'health-gate',
  readInputs,
  run: async (inputs, ctx) => {
    const { ssh } = inputs;
    const connect = ssh
      ? sshConnector(ssh, ctx)
      : (): never => {
          throw new ActionFailedError("health-gate probes from a host only with 'hosts' set");
        };
    await run(inputs, { ...ctx, probe: httpProbe, connect });
  },
};
