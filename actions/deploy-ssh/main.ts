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
import { deployRelease, type FleetResult, type HostOutcome, type ReleaseConfig } from '@deploy-kit/release';
import { sshConnector } from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  probe: Probe;
}

export function releaseConfig(inputs: Inputs, env: NodeJS.ProcessEnv): ReleaseConfig {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const source = isAbsolute(inputs.source) ? inputs.source : resolve(workspace, inputs.source);
  if (!existsSync(source))
    throw new ConfigurationError(
      messages.invalidInput('source', 'an existing directory or tarball', inputs.source),
    );
  const caddy = inputs.proxy === 'caddy';
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
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
    source,
    exclude: inputs.exclude,
    sharedPaths: inputs['shared-paths'],
    buildCommand: inputs['build-command'],
    startCommand: inputs['start-command'],
    stopCommand: inputs['stop-command'],
    restartCommand: inputs['restart-command'],
    commandTimeoutMs: inputs['command-timeout'],
    maxParallel: inputs['max-parallel'],
    failFast: inputs['fail-fast'],
    run: {
      runId: env.GITHUB_RUN_ID ?? `local-${process.pid}`,
      actor: env.GITHUB_ACTOR ?? env.USER ?? 'unknown',
      sha: env.GITHUB_SHA ?? '',
      runUrl:
        env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : '',
    },
  };
}

/** A Mermaid gantt of each host's phases: where the time went, and where it failed. */
export function timeline(hosts: readonly HostOutcome[]): string {
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

export function buildSummary(inputs: Inputs, result: FleetResult): Summary {
  const icon = result.ok ? '✅' : result.rolledBack ? '↩️' : '❌';
  const summary = new Summary().heading(
    `deploy-ssh ${inputs.app} ${inputs.version}: ${icon} ${result.ok ? 'deployed' : result.rolledBack ? 'rolled back' : 'failed'}`,
  );
  summary.table(
    ['host', 'status', 'version', 'previous', 'slot', 'duration', 'error'],
    result.hosts.map((h) => [
      h.host,
      h.status,
      h.version,
      h.previous ?? '',
      h.slot ?? '',
      `${(h.durationMs / 1000).toFixed(1)}s`,
      h.error ?? '',
    ]),
  );
  if (result.hosts.some((h) => h.phases.length > 0)) summary.mermaid(timeline(result.hosts));
  return summary;
}

export async function run(inputs: Inputs, deps: Deps): Promise<FleetResult> {
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
  deps.setOutput(
    'hosts',
    JSON.stringify(
      result.hosts.map((h) => ({
        host: h.host,
        status: h.status,
        version: h.version,
        previous: h.previous ?? null,
        slot: h.slot ?? null,
        durationMs: h.durationMs,
        error: h.error ?? null,
        // Milliseconds per phase, so a slow deploy shows where its time went.
        phases: Object.fromEntries(h.phases.map((p) => [p.name, p.endMs - p.startMs])),
      })),
    ),
  );
  deps.setOutput('duration-ms', result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (!result.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.version} failed: ${result.error ?? 'unknown error'}` +
        (result.rolledBack ? '; every host serves its previous version' : ''),
    );
  }
  logger.info(`Deployed ${inputs.version} in ${(result.durationMs / 1000).toFixed(1)}s`);
  return result;
}

export const deploySsh: ActionDefinition<Inputs> = {
  name: 'deploy-ssh',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe });
  },
};
