import { ActionFailedError, CancelledError, type Logger } from '@deploy-kit/core';
import type { SshTarget } from '@deploy-kit/ssh';
import {
  connectFleet,
  historyStatus,
  recordCancelled,
  switchFleet,
  withLockedFleet,
  type FleetResult,
} from './fleet.js';
import { HostDeploy, inspectHost, type HostInspection } from './host.js';
import {
  DEFAULT_CADDY_ADMIN,
  DEFAULT_HAPROXY_SOCKET,
  type ActivationConfig,
  type DeployDeps,
  type HealthConfig,
  type HistoryEntry,
  type ReleaseManifest,
  type RunInfo,
} from './types.js';

export interface RollbackConfig {
  app: string;
  deployPath: string;
  /** Target version; undefined = the release that was live before the current one was deployed. */
  to?: string;
  reason: string;
  health: HealthConfig;
  drainMs: number;
  stopTimeoutMs: number;
  soakMs: number;
  lockTimeoutMs: number;
  breakStaleLockAfterMs?: number;
  commandTimeoutMs: number;
  maxParallel: number;
  failFast: boolean;
  run: RunInfo;
}

export interface RollbackCandidate {
  version: string;
  /** When it last went live successfully, and who did it. */
  time: string;
  actor: string;
  status: HistoryEntry['status'];
  event: HistoryEntry['event'];
}

export interface RollbackResult extends FleetResult {
  /** The version live on every host afterwards (the target on success, the old one otherwise). */
  version?: string;
  fromVersion?: string;
  candidates: RollbackCandidate[];
}

/** How many history lines rollback reads: years of deploys, and still one small read. */
const HISTORY_LINES = 2000;

export const rollbackMessages = {
  nothingLive: (host: string, path: string): string =>
    `${host}: nothing is live under ${path}; there is nothing to roll back`,
  nothingBefore: (host: string, current: string): string =>
    `${host}: no successful release preceded ${current} in the history; there is nothing to roll back to. Nothing was changed.`,
  notCandidate: (host: string, version: string, why: string, candidates: readonly string[]): string =>
    `${host}: cannot roll back to ${version}: ${why}. Candidates: ${candidates.length > 0 ? candidates.join(', ') : 'none'}. Nothing was changed.`,
  disagree: (choices: string): string =>
    `The hosts disagree on the release before the live one (${choices}); name the version with 'to'. Nothing was changed.`,
  unsupportedMode: (host: string, version: string, mode: string): string =>
    `${host}: ${version} was deployed in ${mode} mode, which this rollback cannot switch yet. Nothing was changed.`,
};

/**
 * Versions a host can roll back to, newest first: went live successfully, still present with its
 * manifest (complete), and not the live one.
 */
export function rollbackCandidates(inspection: HostInspection): RollbackCandidate[] {
  const present = new Set(inspection.releases.map((r) => r.name));
  const latest = new Map<string, HistoryEntry>();
  for (const entry of inspection.history) if (entry.status === 'success') latest.set(entry.version, entry);
  return [...latest.values()]
    .filter(
      (e) =>
        e.version !== inspection.current && present.has(e.version) && inspection.manifests.has(e.version),
    )
    .sort((a, b) => b.time.localeCompare(a.time))
    .map((e) => ({ version: e.version, time: e.time, actor: e.actor, status: e.status, event: e.event }));
}

export type RollbackPlan =
  | { kind: 'switch'; from: string; to: string; manifest: ReleaseManifest }
  | { kind: 'unchanged'; version: string; why: string }
  | { kind: 'refuse'; message: string };

/** Decides what rollback does on one host, from what the host has; pure, so every rule is unit-tested. */
export function planRollback(
  label: string,
  inspection: HostInspection,
  options: { to?: string; runId: string; deployPath: string },
): RollbackPlan {
  const current = inspection.current;
  if (!current) return { kind: 'refuse', message: rollbackMessages.nothingLive(label, options.deployPath) };
  const { history } = inspection;
  // A re-run of the run that already rolled back to the default (same GITHUB_RUN_ID) must not step
  // back again; with an explicit `to`, a re-run finds its target live anyway.
  if (
    options.to === undefined &&
    history.some(
      (e) =>
        e.event === 'rollback' &&
        e.status === 'success' &&
        e.runId === options.runId &&
        e.version === current,
    )
  ) {
    return { kind: 'unchanged', version: current, why: `this run already rolled back to ${current}` };
  }
  let target = options.to;
  if (target === undefined) {
    // The release before current = what was live when current was deployed (its deploy's
    // `previous`); after v1 v2 v3 and a rollback to v2, the next default rollback goes to v1.
    const deployedCurrent = history.findLast(
      (e) => e.event === 'deploy' && e.status === 'success' && e.version === current,
    );
    target = deployedCurrent?.previous;
    if (!target) return { kind: 'refuse', message: rollbackMessages.nothingBefore(label, current) };
  }
  if (target === current) return { kind: 'unchanged', version: current, why: `${current} is already live` };
  const candidates = rollbackCandidates(inspection).map((c) => c.version);
  const refuse = (why: string): RollbackPlan => ({
    kind: 'refuse',
    message: rollbackMessages.notCandidate(label, target, why, candidates),
  });
  if (!history.some((e) => e.version === target && e.status === 'success'))
    return refuse('it never went live successfully here');
  if (!inspection.releases.some((r) => r.name === target))
    return refuse('it is not on the host any more (pruned)');
  const manifest = inspection.manifests.get(target);
  if (!manifest) return refuse('its release is incomplete (no manifest)');
  return { kind: 'switch', from: current, to: target, manifest };
}

/**
 * What a rollback puts live: the recorded release's own settings (mode, strategy, ports, proxy
 * commands) and this run's gate, drain and soak. No hooks: a rollback runs none.
 */
export function rollbackActivation(manifest: ReleaseManifest, config: RollbackConfig): ActivationConfig {
  return {
    app: config.app,
    version: manifest.version,
    deployPath: config.deployPath,
    strategy: manifest.strategy,
    ports: manifest.ports,
    proxy: manifest.proxy,
    proxyTestCommand: manifest.proxyTestCommand,
    proxyReloadCommand: manifest.proxyReloadCommand,
    haproxySocket: manifest.haproxySocket ?? DEFAULT_HAPROXY_SOCKET,
    caddyAdmin: manifest.caddyAdmin ?? DEFAULT_CADDY_ADMIN,
    drainMs: config.drainMs,
    stopTimeoutMs: config.stopTimeoutMs,
    health: config.health,
    soakMs: config.soakMs,
    hooks: {},
    run: config.run,
  };
}

/** Candidates present on every host, with the first host's details. */
function commonCandidates(inspections: readonly HostInspection[]): RollbackCandidate[] {
  const [first, ...rest] = inspections.map(rollbackCandidates);
  return (first ?? []).filter((c) => rest.every((list) => list.some((o) => o.version === c.version)));
}

/** `list: true`: what each host could roll back to; connects, reads, changes nothing (no lock). */
export async function listRollbackCandidates(
  config: RollbackConfig,
  targets: readonly SshTarget[],
  deps: DeployDeps,
): Promise<{ current: Array<string | undefined>; candidates: RollbackCandidate[] }> {
  const remotes = await connectFleet(targets, config, deps);
  try {
    const inspections = await Promise.all(
      remotes.map((r) => inspectHost(r, config.deployPath, HISTORY_LINES)),
    );
    return { current: inspections.map((i) => i.current), candidates: commonCandidates(inspections) };
  } finally {
    for (const remote of remotes) remote.conn.close();
  }
}

function describePlans(plans: ReadonlyArray<{ label: string; plan: RollbackPlan }>): string {
  return plans
    .map(
      ({ label, plan }) =>
        `${label} → ${plan.kind === 'switch' ? plan.to : plan.kind === 'unchanged' ? plan.version : '?'}`,
    )
    .join(', ');
}

/**
 * Rolls every host back to one version through the deploy lock and the same switch and gate as a
 * deploy. Refuses before changing anything when any host cannot; if a host fails mid-way, the hosts
 * already switched are switched back, so the fleet ends on one version.
 */
export async function rollbackRelease(
  config: RollbackConfig,
  targets: readonly SshTarget[],
  deps: DeployDeps,
): Promise<RollbackResult> {
  const started = deps.clock.now();
  const logger: Logger = deps.logger;
  return withLockedFleet(
    targets,
    { ...config, lockVersion: config.to ?? 'previous', lockAction: 'rollback' },
    deps,
    async (remotes) => {
      const plans = await Promise.all(
        remotes.map(async (remote) => {
          const inspection = await inspectHost(remote, config.deployPath, HISTORY_LINES);
          const plan = planRollback(remote.label, inspection, { ...config, runId: config.run.runId });
          return { remote, label: remote.label, inspection, plan };
        }),
      );
      const inspections = plans.map((p) => p.inspection);
      const refusals = plans.flatMap(({ plan }) => (plan.kind === 'refuse' ? [plan.message] : []));
      if (refusals.length > 0) throw new ActionFailedError(refusals.join('\n'));
      const targetVersions = new Set(
        plans.map(({ plan }) =>
          plan.kind === 'switch' ? plan.to : plan.kind === 'unchanged' ? plan.version : '',
        ),
      );
      if (targetVersions.size > 1)
        throw new ActionFailedError(rollbackMessages.disagree(describePlans(plans)));
      const [version] = targetVersions;

      const hosts = plans.map(({ remote, inspection, plan }) => {
        if (plan.kind !== 'switch') return undefined;
        // The same mode objects as a deploy, built from what the release's manifest recorded.
        const host = HostDeploy.rollback(
          remote,
          rollbackActivation(plan.manifest, config),
          plan.manifest,
          deps,
        );
        if (!host)
          throw new ActionFailedError(
            rollbackMessages.unsupportedMode(remote.label, plan.to, plan.manifest.mode),
          );
        host.inspection = inspection;
        return host;
      });
      plans.forEach(({ label, plan }) => {
        if (plan.kind === 'unchanged') logger.info(`${label}: ${plan.why}; nothing to do`);
      });
      const switching = hosts.filter((h): h is HostDeploy => h !== undefined);
      let failure: string | undefined;
      try {
        failure = await switchFleet(switching, { ...config, rollbackOnFailure: true, logger }, (host) =>
          logger.group(`${host.host.label}: roll back ${host.previous ?? '?'} → ${host.targetVersion}`, () =>
            host.activate(),
          ),
        );
        await Promise.all(
          switching.map((h) =>
            h.record({
              event: 'rollback',
              version: h.targetVersion,
              previous: h.previous,
              slot: h.slot,
              status: historyStatus(h),
              reason: config.reason,
              error: h.error,
            }),
          ),
        );
      } catch (error) {
        if (error instanceof CancelledError) await recordCancelled(switching, 'rollback', config.reason);
        throw error;
      }
      const fromVersion = inspections[0]?.current;
      const outcomes = plans.map(({ label, inspection, plan }, i) => {
        const host = hosts[i];
        if (host) return host.outcome();
        return {
          host: label,
          status: 'unchanged' as const,
          version: plan.kind === 'unchanged' ? plan.version : '',
          previous: inspection.current,
          durationMs: 0,
          phases: [],
        };
      });
      return {
        ok: failure === undefined,
        rolledBack: failure !== undefined && switching.every((h) => !h.switched),
        hosts: outcomes,
        durationMs: deps.clock.now() - started,
        error: failure,
        version: failure === undefined ? version : fromVersion,
        fromVersion,
        candidates: commonCandidates(inspections),
      };
    },
  );
}
