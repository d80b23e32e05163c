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
import { sshConnector } from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  probe: Probe;
}

export function rollbackConfig(inputs: Inputs, env: NodeJS.ProcessEnv): RollbackConfig {
  return {
    app: inputs.app,
    deployPath: inputs['deploy-path'],
    to: inputs.to,
    reason: inputs.reason,
    health: inputs.health,
    drainMs: inputs.drain,
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

export function buildSummary(inputs: Inputs, result: RollbackResult): Summary {
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

export async function run(inputs: Inputs, deps: Deps): Promise<RollbackResult | RollbackCandidate[]> {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  const config = rollbackConfig(inputs, deps.env);
  const connect = await sshConnector(inputs, deps);
  const ioDeps = { logger, clock: deps.clock, signal: deps.signal, connect, probe: deps.probe };

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
    await run(inputs, { ...ctx, probe: httpProbe });
  },
};
