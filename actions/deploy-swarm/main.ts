import {
  ActionFailedError,
  assertTrustedEvent,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import { httpProbe, type Probe } from '@deploy-kit/health';
import { runInfo } from '@deploy-kit/release';
import { sshConnector } from '@deploy-kit/ssh';
import {
  deployStack,
  POLL_MS,
  servicesOutput,
  swarmSummary,
  type SwarmConfig,
  type SwarmResult,
} from '@deploy-kit/swarm';
import { readInputs, type Inputs } from './inputs.js';
import { swarmPlan } from './plan.js';

export interface Deps extends ActionContext {
  probe: Probe;
}

export function swarmConfig(inputs: Inputs, env: NodeJS.ProcessEnv): SwarmConfig {
  return {
    stack: inputs.stack,
    version: inputs.version,
    deployPath: inputs['deploy-path'],
    manifest: inputs.manifest,
    registry: inputs.registry,
    prune: inputs.prune,
    timeoutMs: inputs.timeout,
    health: inputs.health,
    rollbackOnFailure: inputs['rollback-on-failure'],
    lockTimeoutMs: inputs['lock-timeout'],
    commandTimeoutMs: inputs['command-timeout'],
    pollMs: POLL_MS,
    run: runInfo(env),
    hooks: inputs.hooks,
    env: inputs.env,
  };
}

export async function run(inputs: Inputs, deps: Deps): Promise<SwarmResult> {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  for (const name of inputs.rendered.unset)
    logger.warning(
      `${name} is not set (in 'env' or the job's environment): the compose file gets an empty string`,
    );
  const config = swarmConfig(inputs, deps.env);
  logger.info(
    `Deploying stack ${inputs.stack} ${inputs.version}: ${inputs.rendered.services.map((s) => s.name).join(', ')}`,
  );
  const result = await deployStack(inputs.rendered, inputs.hosts, config, {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: sshConnector(inputs, deps),
    probe: deps.probe,
  });
  deps.setOutput('version', inputs.version);
  deps.setOutput('previous-version', result.previous ?? '');
  deps.setOutput('rolled-back', result.rolledBack);
  deps.setOutput('services', servicesOutput(result));
  deps.setOutput('duration-ms', result.durationMs);
  deps.writeSummary(swarmSummary(`deploy-swarm ${inputs.stack} ${inputs.version}`, result));
  if (!result.ok)
    throw new ActionFailedError(
      `Deploy of stack ${inputs.stack} ${inputs.version} failed: ${result.error ?? 'unknown error'}` +
        (result.rolledBack
          ? `; the whole stack runs ${result.previous ?? 'its previous version'} again`
          : ''),
    );
  logger.info(
    `Deployed stack ${inputs.stack} ${inputs.version} in ${(result.durationMs / 1000).toFixed(1)}s`,
  );
  return result;
}

export const deploySwarm: ActionDefinition<Inputs> = {
  name: 'deploy-swarm',
  readInputs,
  plan: swarmPlan,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe });
  },
};
