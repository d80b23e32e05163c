import { formatMs } from '@deploy-kit/core';
import { formatTarget } from '@deploy-kit/ssh';
import {
  blueGreenPhases,
  inPlacePhases,
  type BlueGreenPhase,
  type InPlacePhase,
  type ReleaseConfig,
  SLOTS_FILE,
} from '@deploy-kit/release';
import type { Inputs } from './inputs.js';

/** What installing a release does in each mode, before any phase of its activation. */
function installSteps(deploy: ReleaseConfig, release: string): string[] {
  const keys = deploy.env.map(([k]) => k).join(', ');
  const envFile = deploy.env.length ? [`write the env file (0600): ${keys}`] : [];
  switch (deploy.mode) {
    case 'compose': {
      const { compose } = deploy;
      const { rollout } = compose;
      const slots =
        rollout.strategy === 'blue-green'
          ? `, ${SLOTS_FILE} (${rollout.services.map((s) => `${s}-blue/${s}-green`).join(', ')}; in place: ${rollout.inPlace.join(', ') || 'none'})`
          : '';
      const pulled = rollout.strategy === 'in-place' ? compose.services : [];
      return [
        `write ${release}/compose.yaml (sha256 ${compose.sha256.slice(0, 12)}…)${slots} and its .env (0600: VERSION${compose.image ? ', IMAGE' : ''}${keys ? `, ${keys}` : ''}), then rename into place`,
        `${compose.engine === 'docker' ? 'docker compose' : 'podman-compose'} -p ${deploy.app} pull${pulled.length ? ` ${pulled.join(' ')}` : ''}${compose.username ? ` (login as ${compose.username}, password on stdin)` : ''}`,
      ];
    }
    case 'container': {
      const { container } = deploy;
      return [
        container.transfer === 'registry'
          ? `pull ${container.image} with ${container.engine}${container.username ? ` (login as ${container.username}, password on stdin)` : ''}`
          : `stream ${container.image} from the runner over SSH unless the host has it (${container.engine} load)`,
        ...envFile,
      ];
    }
    case 'release':
      return [
        `upload ${deploy.source} as one tar stream${deploy.exclude.length ? ` (excluding ${deploy.exclude.join(', ')})` : ''} → ${release} (SHA-256 checked on the host, then renamed into place)`,
        ...(deploy.sharedPaths.length ? [`link shared paths: ${deploy.sharedPaths.join(', ')}`] : []),
        ...(deploy.buildCommand ? [`build in ${release}: ${deploy.buildCommand}`] : []),
        ...envFile,
      ];
  }
}

/** What an in-place restart does in each mode. */
function restartStep(deploy: ReleaseConfig, release: string): string {
  switch (deploy.mode) {
    case 'compose': {
      const { services } = deploy.compose;
      return `compose up -d --remove-orphans in ${release}${services.length ? ` (${services.join(', ')})` : ''}`;
    }
    case 'container':
      return 'replace the container';
    case 'release':
      return deploy.restartCommand
        ? `restart: ${deploy.restartCommand}`
        : deploy.startCommand
          ? `restart the supervised process: ${deploy.startCommand}`
          : 'nothing restarts (no restart-command or start-command)';
  }
}

/**
 * What a deploy would do, from the inputs alone (`deploy-kit deploy-ssh --dry-run`): hosts,
 * phases in order and the commands each runs. Nothing connects, so what depends on a host's state
 * (which slot is idle, what is live) is named, not resolved.
 */
export function deployPlan(
  inputs: Inputs,
  /** The phase lists HostDeploy runs; a test passes others to prove the plan follows them. */
  order = { blueGreen: blueGreenPhases, inPlace: inPlacePhases },
): string[] {
  const { deploy } = inputs;
  const hostKeys =
    inputs.hostKeys.kind === 'fingerprints'
      ? `host keys pinned: ${inputs.hostKeys.pins.map((p) => p.fingerprint).join(', ')}`
      : inputs.hostKeys.kind === 'known-hosts'
        ? 'host keys checked against known-hosts'
        : 'host keys NOT verified (insecure-skip-host-key-check)';
  const path = deploy.deployPath;
  const release = `${path}/releases/${deploy.version}`;
  const container = deploy.mode === 'container';
  const blueGreen = deploy.strategy === 'blue-green';
  const { health, hooks } = deploy;
  const gate = health.enabled
    ? `GET http://127.0.0.1:<port>${health.path} through the SSH connection, every ${formatMs(health.intervalMs)}, ${health.successThreshold} successes within ${formatMs(health.timeoutMs)}`
    : 'off (health-check: false): only the process start is checked';
  const lines = [
    `Plan: deploy ${deploy.app} ${deploy.version} (dry run: nothing connects, nothing changes)`,
    '',
    `hosts: ${inputs.hosts.map(formatTarget).join(', ')} (${deploy.maxParallel} at a time, fail-fast ${String(deploy.failFast)}); ${hostKeys}`,
    `mode ${deploy.mode}, strategy ${deploy.strategy}${blueGreen ? ` behind ${deploy.proxy}, ports ${deploy.ports.join('/')}` : deploy.ports.length ? `, port ${deploy.ports[0]}` : ''}`,
    '',
    'On each host:',
  ];
  const steps: string[] = [
    `connect (host key checked before authentication), take the lock ${path}/.deploy-kit/lock (${deploy.lockTimeoutMs ? `waits up to ${formatMs(deploy.lockTimeoutMs)}` : 'fails at once if another deploy holds it'})`,
    `inspect ${path}: the live release, the slots, ${path}/.deploy-kit/history.jsonl`,
    ...installSteps(deploy, release),
  ];
  const where = container ? 'in a throwaway container of the new image' : `in ${release}`;
  if (hooks.migrate)
    steps.push(
      `migrate, once per deploy, on ${hooks.migrate.host ?? 'the first host'} only, before any host switches, ${where}: ${hooks.migrate.command}`,
    );
  // The activation, phase by phase, from the list HostDeploy runs (packages/release/src/phases.ts).
  const shared = {
    'post-switch': `post-switch, ${where}: ${hooks.postSwitch ?? ''}`,
    soak: `soak ${formatMs(deploy.soakMs)}${health.url ? ` watching ${health.url.href}` : ''}`,
  };
  if (blueGreen) {
    const stopCommand = deploy.mode === 'release' ? deploy.stopCommand : undefined;
    // Caddy's admin API when it answers; the plan cannot know, so it names the fallback too.
    const caddyApi = deploy.proxy === 'caddy' && deploy.caddyAdmin !== 'off';
    const described: Record<BlueGreenPhase, string> = {
      ...shared,
      start:
        deploy.mode === 'release'
          ? `start in the idle slot on its port: ${deploy.startCommand ?? '(start-command)'} (in a session of its own, once the port is free)`
          : deploy.mode === 'compose'
            ? `update the in-place services if their definition changed, then compose up -d --force-recreate the idle slot's services beside the old ones`
            : `run the container in the idle slot on its port`,
      gate: container ? `gate: ${gate}` : `gate: ${gate}, while the started process runs and owns the port`,
      switch:
        deploy.proxy === 'haproxy'
          ? `switch through HAProxy's runtime API (${deploy.haproxySocket}): backend ${deploy.app}, the new server ready, the old one draining; no reload`
          : caddyApi
            ? `switch through Caddy's admin API (${deploy.caddyAdmin}): the reverse_proxy to ${deploy.app}'s ports points at the new slot, ${path}/.deploy-kit/upstream.conf written; if the API does not answer: ${deploy.proxyTestCommand}, ${deploy.proxyReloadCommand}`
            : `switch: rewrite ${path}/.deploy-kit/upstream.conf, ${deploy.proxyTestCommand}, ${deploy.proxyReloadCommand}`,
      drain:
        deploy.proxy === 'haproxy'
          ? `drain until the old server has no session (at most ${formatMs(deploy.drainMs)}), then put it in maintenance`
          : caddyApi
            ? `drain until Caddy has no request in flight to the old slot (at most ${formatMs(deploy.drainMs)})`
            : `drain ${formatMs(deploy.drainMs)} (where an old slot serves)`,
      'stop-old':
        deploy.mode === 'compose'
          ? `stop and remove the old slot's containers (SIGTERM, SIGKILL after ${formatMs(deploy.stopTimeoutMs)})`
          : `stop the old slot${stopCommand ? `: ${stopCommand}, then` : ':'} SIGTERM, SIGKILL after ${formatMs(deploy.stopTimeoutMs)}`,
    };
    steps.push(...order.blueGreen(deploy).map((phase) => described[phase]));
  } else {
    const described: Record<InPlacePhase, string> = {
      ...shared,
      switch: `switch: ${path}/current → releases/${deploy.version} (atomic rename)`,
      restart: restartStep(deploy, release),
      gate: `gate: ${gate}`,
    };
    steps.push(...order.inPlace(deploy).map((phase) => described[phase]));
  }
  steps.push(`record the outcome in history.jsonl, keep ${deploy.keepReleases} releases, release the lock`);
  lines.push(...steps.map((step, i) => `  ${i + 1}. ${step}`));
  lines.push(
    '',
    deploy.rollbackOnFailure
      ? 'Any failure before the switch leaves the live release untouched; after it, every switched host is switched back.'
      : 'rollback-on-failure is off: a failure after the switch leaves the new release in place.',
  );
  if (hooks.onRollback)
    lines.push(`On each host switched back, in the release switched away from: ${hooks.onRollback}`);
  if (hooks.onFailure)
    lines.push(`On each host a failed deploy touched, in the release live then: ${hooks.onFailure}`);
  return lines;
}
