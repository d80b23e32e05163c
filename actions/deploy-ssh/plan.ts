import { formatMs } from '@deploy-kit/core';
import { formatTarget } from '@deploy-kit/ssh';
import type { Inputs } from './inputs.js';

/**
 * What a deploy would do, from the inputs alone (`deploy-kit deploy-ssh --dry-run`): hosts,
 * phases in order and the commands each runs. Nothing connects, so what depends on a host's state
 * (which slot is idle, what is live) is named, not resolved.
 */
export function deployPlan(inputs: Inputs): string[] {
  const hostKeys =
    inputs.hostKeys.kind === 'fingerprints'
      ? `host keys pinned: ${inputs.hostKeys.pins.map((p) => p.fingerprint).join(', ')}`
      : inputs.hostKeys.kind === 'known-hosts'
        ? 'host keys checked against known-hosts'
        : 'host keys NOT verified (insecure-skip-host-key-check)';
  const path = inputs['deploy-path'];
  const release = `${path}/releases/${inputs.version}`;
  const container = inputs.container;
  const blueGreen = inputs.strategy === 'blue-green';
  const gate = inputs.health.enabled
    ? `GET http://127.0.0.1:<port>${inputs.health.path} through the SSH connection, every ${formatMs(inputs.health.intervalMs)}, ${inputs.health.successThreshold} successes within ${formatMs(inputs.health.timeoutMs)}`
    : 'off (health-check: false): only the process start is checked';
  const lines = [
    `Plan: deploy ${inputs.app} ${inputs.version} (dry run: nothing connects, nothing changes)`,
    '',
    `hosts: ${inputs.hosts.map(formatTarget).join(', ')} (${inputs['max-parallel']} at a time, fail-fast ${String(inputs['fail-fast'])}); ${hostKeys}`,
    `mode ${inputs.mode}, strategy ${inputs.strategy}${blueGreen ? ` behind ${inputs.proxy}, ports ${inputs.ports.join('/')}` : inputs.ports.length ? `, port ${inputs.ports[0]}` : ''}`,
    '',
    'On each host:',
  ];
  const steps: string[] = [
    `connect (host key checked before authentication), take the lock ${path}/.deploy-kit/lock (${inputs['lock-timeout'] ? `waits up to ${formatMs(inputs['lock-timeout'])}` : 'fails at once if another deploy holds it'})`,
    `inspect ${path}: the live release, the slots, ${path}/.deploy-kit/history.jsonl`,
  ];
  const compose = inputs.compose;
  if (compose) {
    steps.push(
      `write ${release}/compose.yaml (sha256 ${compose.sha256.slice(0, 12)}…) and its .env (0600: VERSION${compose.image ? ', IMAGE' : ''}${inputs.env.length ? `, ${inputs.env.map(([k]) => k).join(', ')}` : ''}), then rename into place`,
      `${compose.engine === 'docker' ? 'docker compose' : 'podman-compose'} -p ${inputs.app} pull${compose.services.length ? ` ${compose.services.join(' ')}` : ''}${compose.username ? ` (login as ${compose.username}, password on stdin)` : ''}`,
    );
  } else if (container) {
    steps.push(
      container.transfer === 'registry'
        ? `pull ${container.image} with ${container.engine}${container.username ? ` (login as ${container.username}, password on stdin)` : ''}`
        : `stream ${container.image} from the runner over SSH unless the host has it (${container.engine} load)`,
    );
  } else {
    steps.push(
      `upload ${inputs.source} as one tar stream${inputs.exclude.length ? ` (excluding ${inputs.exclude.join(', ')})` : ''} → ${release} (SHA-256 checked on the host, then renamed into place)`,
    );
    if (inputs['shared-paths'].length) steps.push(`link shared paths: ${inputs['shared-paths'].join(', ')}`);
    if (inputs['build-command']) steps.push(`build in ${release}: ${inputs['build-command']}`);
  }
  if (inputs.env.length && !compose)
    steps.push(`write the env file (0600): ${inputs.env.map(([k]) => k).join(', ')}`);
  const where = container ? 'in a throwaway container of the new image' : `in ${release}`;
  if (inputs['migrate-command'])
    steps.push(
      `migrate, once per deploy, on ${inputs['migrate-host'] ?? 'the first host'} only, before any host switches, ${where}: ${inputs['migrate-command']}`,
    );
  const postSwitch = inputs['post-switch-command']
    ? [`post-switch, ${where}: ${inputs['post-switch-command']}`]
    : [];
  if (blueGreen) {
    steps.push(
      container
        ? `run the container in the idle slot on its port`
        : `start in the idle slot on its port: ${inputs['start-command'] ?? '(start-command)'} (in a session of its own, once the port is free)`,
      container ? `gate: ${gate}` : `gate: ${gate}, while the started process runs and owns the port`,
      `switch: rewrite ${path}/.deploy-kit/upstream.conf, ${inputs['proxy-test-command']}, ${inputs['proxy-reload-command']}`,
      ...postSwitch,
      `drain ${formatMs(inputs.drain)}, then stop the old slot${inputs['stop-command'] ? `: ${inputs['stop-command']}` : ''}`,
    );
  } else {
    steps.push(
      `switch: ${path}/current → releases/${inputs.version} (atomic rename)`,
      compose
        ? `compose up -d --remove-orphans in ${release}${compose.services.length ? ` (${compose.services.join(', ')})` : ''}`
        : container
          ? 'replace the container'
          : inputs['restart-command']
            ? `restart: ${inputs['restart-command']}`
            : inputs['start-command']
              ? `restart the supervised process: ${inputs['start-command']}`
              : 'nothing restarts (no restart-command or start-command)',
      `gate: ${gate}`,
      ...postSwitch,
    );
  }
  if (inputs.soak > 0 || inputs.health.url)
    steps.push(
      `soak ${formatMs(inputs.soak)}${inputs.health.url ? ` watching ${inputs.health.url.href}` : ''}`,
    );
  steps.push(
    `record the outcome in history.jsonl, keep ${inputs['keep-releases']} releases, release the lock`,
  );
  lines.push(...steps.map((step, i) => `  ${i + 1}. ${step}`));
  lines.push(
    '',
    inputs['rollback-on-failure']
      ? 'Any failure before the switch leaves the live release untouched; after it, every switched host is switched back.'
      : 'rollback-on-failure is off: a failure after the switch leaves the new release in place.',
  );
  if (inputs['on-rollback-command'])
    lines.push(
      `On each host switched back, in the release switched away from: ${inputs['on-rollback-command']}`,
    );
  if (inputs['on-failure-command'])
    lines.push(
      `On each host a failed deploy touched, in the release live then: ${inputs['on-failure-command']}`,
    );
  return lines;
}
