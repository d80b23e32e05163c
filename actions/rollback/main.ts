import {
  ActionFailedError,
  assertTrustedEvent,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import { httpProbe, type Probe } from '@deploy-kit/health';
import {
  hostsOutput,
  listRollbackCandidates,
  rollbackRelease,
  runInfo,
  hostsReport,
  type RollbackCandidate,
  type RollbackConfig,
  type RollbackResult,
} from '@deploy-kit/release';
import { sshConnector, type Connector } from '@deploy-kit/ssh';
import type { HistoryEntry, SwarmResult } from '@deploy-kit/swarm';
import { readInputs, type Inputs, type ReleaseInputs, type SwarmInputs } from './inputs.js';

export interface Deps extends ActionContext {
  probe: Probe;
  /** Opens a host's shell (SSH with the inputs' keys and pins, from the entry). */
  connect: Connector;
}

export function rollbackConfig(inputs: ReleaseInputs, env: NodeJS.ProcessEnv): RollbackConfig {
  return {
    app: inputs.app,
    deployPath: inputs['deploy-path'],
    to: inputs.to,
    reason: inputs.reason,
    health: inputs.health,
    drainMs: inputs.drain,
    stopTimeoutMs: inputs['stop-timeout'],
    soakMs: inputs.soak,
    lockTimeoutMs: inputs['lock-timeout'],
    breakStaleLockAfterMs: inputs['break-stale-lock-after'],
    commandTimeoutMs: inputs['command-timeout'],
    maxParallel: inputs['max-parallel'],
    failFast: inputs['fail-fast'],
    run: runInfo(env),
  };
}

export function candidatesTable(summary: Summary, candidates: readonly RollbackCandidate[]): Summary {
  return summary.table(
    ['version', 'live since', 'by', 'how', 'status'],
    candidates.map((c) => [c.version, c.time, c.actor, c.event, c.status]),
  );
}

export function buildSummary(inputs: ReleaseInputs, result: RollbackResult): Summary {
  const icon = result.ok ? '✅' : '❌';
  const unchanged = result.hosts.every((h) => h.status === 'unchanged');
  const summary = new Summary().heading(
    `rollback ${inputs.app}: ${icon} ${
      result.ok
        ? unchanged
          ? `${result.version ?? ''} already live`
          : `${result.fromVersion ?? '?'} → ${result.version ?? '?'}`
        : `failed; ${result.version ?? '?'} still live`
    }`,
  );
  if (inputs.reason) summary.table(['reason'], [[inputs.reason]]);
  return hostsReport(summary, result.hosts, 'from');
}

/** mode swarm: list the stack's recorded versions, or re-deploy one (the one before the current by default). */
export async function runSwarm(inputs: SwarmInputs, deps: Deps): Promise<SwarmResult | HistoryEntry[]> {
  const { logger } = deps;
  // Loaded only in this mode: rollback of a release never pays for the swarm code and yaml.
  const { listStackVersions, POLL_MS, rollbackStack, servicesOutput, swarmSummary } =
    await import('@deploy-kit/swarm');
  const config = {
    stack: inputs.stack,
    version: inputs.to ?? 'previous',
    deployPath: inputs['deploy-path'],
    manifest: new Map<string, string>(),
    prune: true,
    timeoutMs: inputs['command-timeout'],
    health: inputs.health,
    rollbackOnFailure: false,
    lockTimeoutMs: inputs['lock-timeout'],
    commandTimeoutMs: inputs['command-timeout'],
    pollMs: POLL_MS,
    run: runInfo(deps.env),
    // deploy-swarm's hooks belong to a deploy; a rollback re-deploys a recorded version only.
    hooks: {},
    env: [],
  };
  const swarmDeps = {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: deps.connect,
    probe: deps.probe,
  };
  if (inputs.list) {
    const { history } = await listStackVersions(inputs.hosts, config, swarmDeps);
    const deployed = history.filter((h) => h.outcome === 'deployed').reverse();
    const candidates = deployed.map((h) => ({
      version: h.version,
      time: h.time,
      actor: h.actor,
      event: h.action === 'rollback' ? ('rollback' as const) : ('deploy' as const),
      status: 'success' as const,
    }));
    deps.setOutput('candidates', JSON.stringify(candidates));
    deps.setOutput('version', deployed[0]?.version ?? '');
    deps.setOutput('from-version', '');
    deps.writeSummary(
      candidatesTable(
        new Summary().heading(
          `rollback stack ${inputs.stack}: candidates (live: ${deployed[0]?.version ?? 'nothing'})`,
        ),
        candidates,
      ),
    );
    logger.info(
      `Recorded versions of ${inputs.stack}: ${candidates.map((c) => c.version).join(', ') || 'none'}`,
    );
    return history;
  }
  logger.info(
    `Rolling stack ${inputs.stack} back to ${inputs.to ?? 'the previous version'}${inputs.reason ? ` (reason: ${inputs.reason})` : ''}`,
  );
  const result = await rollbackStack(inputs.hosts, { to: inputs.to }, config, swarmDeps);
  deps.setOutput('version', result.ok ? result.version : (result.previous ?? ''));
  deps.setOutput('from-version', result.previous ?? '');
  deps.setOutput(
    'hosts',
    JSON.stringify([
      {
        host: result.manager,
        status: result.ok ? 'success' : 'failed',
        version: result.version,
        previous: result.previous ?? null,
        durationMs: result.durationMs,
        error: result.error ?? null,
        services: JSON.parse(servicesOutput(result)) as unknown,
      },
    ]),
  );
  deps.setOutput('duration-ms', result.durationMs);
  deps.writeSummary(swarmSummary(`rollback stack ${inputs.stack}`, result));
  if (!result.ok)
    throw new ActionFailedError(
      `Rollback of stack ${inputs.stack} failed: ${result.error ?? 'unknown error'}`,
    );
  logger.info(
    `Rolled stack ${inputs.stack} back ${result.previous ?? '?'} → ${result.version} in ${(result.durationMs / 1000).toFixed(1)}s`,
  );
  return result;
}

export async function run(
  inputs: Inputs,
  deps: Deps,
): Promise<RollbackResult | RollbackCandidate[] | SwarmResult | HistoryEntry[]> {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  if (inputs.mode === 'swarm') return runSwarm(inputs, deps);
  const config = rollbackConfig(inputs, deps.env);
  const ioDeps = { logger, clock: deps.clock, signal: deps.signal, connect: deps.connect, probe: deps.probe };

  if (inputs.list) {
    const { current, candidates } = await listRollbackCandidates(config, inputs.hosts, ioDeps);
    deps.setOutput('candidates', JSON.stringify(candidates));
    deps.setOutput('version', current[0] ?? '');
    deps.setOutput('from-version', '');
    const summary = new Summary().heading(
      `rollback ${inputs.app}: candidates (live: ${current[0] ?? 'nothing'})`,
    );
    deps.writeSummary(candidatesTable(summary, candidates));
    logger.info(
      `Live: ${current.map((c) => c ?? 'nothing').join(', ')}. Candidates: ${candidates.map((c) => c.version).join(', ') || 'none'}`,
    );
    return candidates;
  }

  logger.info(
    `Rolling back ${inputs.app} on ${inputs.hosts.length} host(s) to ${inputs.to ?? 'the previous release'}` +
      (inputs.reason ? ` (reason: ${inputs.reason})` : ''),
  );
  const result = await rollbackRelease(config, inputs.hosts, ioDeps);
  deps.setOutput('version', result.version ?? '');
  deps.setOutput('from-version', result.fromVersion ?? '');
  deps.setOutput('hosts', hostsOutput(result.hosts));
  deps.setOutput('candidates', JSON.stringify(result.candidates));
  deps.setOutput('duration-ms', result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (!result.ok) {
    throw new ActionFailedError(
      `Rollback failed: ${result.error ?? 'unknown error'}` +
        (result.rolledBack
          ? `; every host still serves ${result.fromVersion ?? 'its previous version'}`
          : ''),
    );
  }
  if (result.hosts.every((h) => h.status === 'unchanged'))
    logger.info(`${result.version ?? ''} is live; nothing to do`);
  else
    logger.info(
      `Rolled back ${result.fromVersion ?? '?'} → ${result.version ?? '?'} in ${(result.durationMs / 1000).toFixed(1)}s`,
    );
  return result;
}

export const rollback: ActionDefinition<Inputs> = {
  name: 'rollback',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe, connect: sshConnector(inputs, ctx) });
  },
};
