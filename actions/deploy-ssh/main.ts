import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  ActionFailedError,
  assertTrustedEvent,
  ConfigurationError,
  messages,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import { httpProbe, type Probe } from '@deploy-kit/health';
import {
  deployRelease,
  hostsOutput,
  runInfo,
  hostsReport,
  type FleetResult,
  type ReleaseConfig,
} from '@deploy-kit/release';
import { sshConnector } from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';
import { deployPlan } from './plan.js';

export interface Deps extends ActionContext {
  probe: Probe;
}

export function releaseConfig(inputs: Inputs, env: NodeJS.ProcessEnv): ReleaseConfig {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const source = isAbsolute(inputs.source) ? inputs.source : resolve(workspace, inputs.source);
  if (inputs.mode === 'release' && !existsSync(source))
    throw new ConfigurationError(
      messages.invalidInput('source', 'an existing directory or tarball', inputs.source),
    );
  const caddy = inputs.proxy === 'caddy';
  const migrate = inputs['migrate-command'];
  const common = {
    hooks: {
      ...(migrate ? { migrate: { command: migrate, host: inputs['migrate-host'] } } : {}),
      postSwitch: inputs['post-switch-command'],
      onFailure: inputs['on-failure-command'],
      onRollback: inputs['on-rollback-command'],
    },
    app: inputs.app,
    version: inputs.version,
    deployPath: inputs['deploy-path'],
    env: inputs.env,
    keepReleases: inputs['keep-releases'],
    strategy: inputs.strategy,
    ports: inputs.ports,
    proxy: inputs.proxy,
    drainMs: inputs.drain,
    health: inputs.health,
    soakMs: inputs.soak,
    rollbackOnFailure: inputs['rollback-on-failure'],
    lockTimeoutMs: inputs['lock-timeout'],
    breakStaleLockAfterMs: inputs['break-stale-lock-after'],
    // The defaults are nginx's; with Caddy and untouched defaults, use Caddy's equivalents.
    proxyTestCommand:
      caddy && inputs['proxy-test-command'] === 'nginx -t'
        ? 'caddy validate --config /etc/caddy/Caddyfile'
        : inputs['proxy-test-command'],
    proxyReloadCommand:
      caddy && inputs['proxy-reload-command'] === 'nginx -s reload'
        ? 'caddy reload --config /etc/caddy/Caddyfile'
        : inputs['proxy-reload-command'],
    commandTimeoutMs: inputs['command-timeout'],
    maxParallel: inputs['max-parallel'],
    failFast: inputs['fail-fast'],
    run: runInfo(env),
  };
  if (inputs.container) return { ...common, mode: 'container', container: inputs.container };
  if (inputs.compose) return { ...common, mode: 'compose', compose: inputs.compose };
  return {
    ...common,
    mode: 'release',
    upload: { compression: inputs['upload-compression'] },
    source,
    exclude: inputs.exclude,
    sharedPaths: inputs['shared-paths'],
    buildCommand: inputs['build-command'],
    startCommand: inputs['start-command'],
    stopCommand: inputs['stop-command'],
    restartCommand: inputs['restart-command'],
  };
}

export function buildSummary(inputs: Inputs, result: FleetResult): Summary {
  const icon = result.ok ? '✅' : result.rolledBack ? '↩️' : '❌';
  const summary = new Summary().heading(
    `deploy-ssh ${inputs.app} ${inputs.version}: ${icon} ${result.ok ? 'deployed' : result.rolledBack ? 'rolled back' : 'failed'}`,
  );
  return hostsReport(summary, result.hosts);
}

/** Deploys and reports (outputs, summary, log) without failing the step: the root action adds to it. */
export async function deploy(inputs: Inputs, deps: Deps): Promise<FleetResult> {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  const config = releaseConfig(inputs, deps.env);
  const connectTo = await sshConnector(inputs, deps);
  logger.info(
    `Deploying ${inputs.app} ${inputs.version} to ${inputs.hosts.length} host(s), ${config.strategy}${config.proxy !== 'none' ? ` behind ${config.proxy}` : ''}`,
  );
  const result = await deployRelease(config, inputs.hosts, {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: connectTo,
    probe: deps.probe,
  });
  const first = result.hosts[0];
  deps.setOutput('version', inputs.version);
  deps.setOutput('previous-version', first?.previous ?? '');
  deps.setOutput('release-path', `${config.deployPath}/releases/${inputs.version}`);
  deps.setOutput('slot', first?.slot ?? '');
  deps.setOutput('rolled-back', result.rolledBack);
  deps.setOutput('hosts', hostsOutput(result.hosts));
  deps.setOutput('duration-ms', result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (result.ok) logger.info(`Deployed ${inputs.version} in ${(result.durationMs / 1000).toFixed(1)}s`);
  return result;
}

export async function run(inputs: Inputs, deps: Deps): Promise<FleetResult> {
  const result = await deploy(inputs, deps);
  if (!result.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.version} failed: ${result.error ?? 'unknown error'}` +
        (result.rolledBack ? '; every host serves its previous version' : ''),
    );
  }
  return result;
}

export const deploySsh: ActionDefinition<Inputs> = {
  name: 'deploy-ssh',
  readInputs,
  plan: deployPlan,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe });
  },
};
