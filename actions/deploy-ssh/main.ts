import {
  ActionFailedError,
  assertTrustedEvent,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import { httpProbe, type Probe } from '@deploy-kit/health';
import {
  deployRelease,
  hostsOutput,
  hostsReport,
  type DeployDeps,
  type FleetResult,
} from '@deploy-kit/release';
import { sshConnector } from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';
import { deployPlan } from './plan.js';

export interface Deps extends ActionContext {
  probe: Probe;
  /** Opens a host's shell: SSH with the inputs' keys and pins (the entry), a local shell in unit tests. */
  connect: DeployDeps['connect'];
}

export function buildSummary(inputs: Inputs, result: FleetResult): Summary {
  const icon = result.ok ? '✅' : result.rolledBack ? '↩️' : '❌';
  const summary = new Summary().heading(
    `deploy-ssh ${inputs.deploy.app} ${inputs.deploy.version}: ${icon} ${result.ok ? 'deployed' : result.rolledBack ? 'rolled back' : 'failed'}`,
  );
  return hostsReport(summary, result.hosts);
}

/** Deploys and reports (outputs, summary, log) without failing the step: the root action adds to it. */
export async function deploy(inputs: Inputs, deps: Deps): Promise<FleetResult> {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  const config = inputs.deploy;
  logger.info(
    `Deploying ${config.app} ${config.version} to ${inputs.hosts.length} host(s), ${config.strategy}${config.proxy !== 'none' ? ` behind ${config.proxy}` : ''}`,
  );
  const result = await deployRelease(config, inputs.hosts, {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: deps.connect,
    probe: deps.probe,
  });
  const first = result.hosts[0];
  deps.setOutput('version', config.version);
  deps.setOutput('previous-version', first?.previous ?? '');
  deps.setOutput('release-path', `${config.deployPath}/releases/${config.version}`);
  deps.setOutput('slot', first?.slot ?? '');
  deps.setOutput('rolled-back', result.rolledBack);
  deps.setOutput('hosts', hostsOutput(result.hosts));
  deps.setOutput('duration-ms', result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (result.ok) logger.info(`Deployed ${config.version} in ${(result.durationMs / 1000).toFixed(1)}s`);
  return result;
}

export async function run(inputs: Inputs, deps: Deps): Promise<FleetResult> {
  const result = await deploy(inputs, deps);
  if (!result.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.deploy.version} failed: ${result.error ?? 'unknown error'}` +
        (result.rolledBack ? '; every host serves its previous version' : ''),
    );
  }
  return result;
}

export const deploySsh: ActionDefinition<Inputs> = {
  name: 'deploy-ssh',
  readInputs,
  plan: (inputs) => deployPlan(inputs),
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe, connect: sshConnector(inputs, ctx) });
  },
};
