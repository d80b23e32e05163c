import type { Clock, Summary } from '@deploy-kit/core';
import type { HostOutcome, Phase, RunInfo } from './types.js';

/** Times named steps for the summary's timeline: deploy-ssh per host, deploy-swarm per stack. */
export class PhaseRecorder {
  readonly phases: Phase[] = [];
  constructor(private readonly clock: Clock) {}

  async run<T>(name: string, body: () => Promise<T>): Promise<T> {
    const startMs = this.clock.now();
    try {
      const result = await body();
      this.phases.push({ name, startMs, endMs: this.clock.now(), ok: true });
      return result;
    } catch (error) {
      this.phases.push({ name, startMs, endMs: this.clock.now(), ok: false });
      throw error;
    }
  }
}

/** Who and what started this run, for the lock holder and the history (GitHub's env, or local). */
export function runInfo(env: NodeJS.ProcessEnv): RunInfo {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    runId: env.GITHUB_RUN_ID ?? `local-${process.pid}`,
    actor: env.GITHUB_ACTOR ?? env.USER ?? 'unknown',
    sha: env.GITHUB_SHA ?? '',
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : '',
  };
}

/** A Mermaid gantt of each host's (or stack's) phases: where the time went, and where it failed. */
export function timeline(hosts: ReadonlyArray<{ host: string; phases: readonly Phase[] }>): string {
  const lines = ['gantt', '  dateFormat x', '  axisFormat %M:%S'];
  for (const host of hosts) {
    lines.push(`  section ${host.host.replace(/[:#;]/g, ' ')}`);
    for (const phase of host.phases) {
      const end = Math.max(phase.endMs, phase.startMs + 1);
      lines.push(`  ${phase.name} :${phase.ok ? '' : 'crit, '}${phase.startMs}, ${end}`);
    }
  }
  return lines.join('\n');
}

/** The `hosts` output: JSON per host, with milliseconds per phase so a slow run shows where its time went. */
export function hostsOutput(hosts: readonly HostOutcome[]): string {
  return JSON.stringify(
    hosts.map((h) => ({
      host: h.host,
      status: h.status,
      version: h.version,
      previous: h.previous ?? null,
      slot: h.slot ?? null,
      durationMs: h.durationMs,
      error: h.error ?? null,
      phases: Object.fromEntries(h.phases.map((p) => [p.name, p.endMs - p.startMs])),
    })),
  );
}

/** The hosts table and, when any host ran phases, the Mermaid timeline, appended to a summary. */
export function hostsReport(
  summary: Summary,
  hosts: readonly HostOutcome[],
  previousLabel = 'previous',
): Summary {
  summary.table(
    ['host', 'status', 'version', previousLabel, 'slot', 'duration', 'error'],
    hosts.map((h) => [
      h.host,
      h.status,
      h.version,
      h.previous ?? '',
      h.slot ?? '',
      `${(h.durationMs / 1000).toFixed(1)}s`,
      h.error ?? '',
    ]),
  );
  if (hosts.some((h) => h.phases.length > 0)) summary.mermaid(timeline(hosts));
  return summary;
}
