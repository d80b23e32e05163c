import { formatMs } from '@deploy-kit/core';
import { formatTarget } from '@deploy-kit/ssh';
import type { Inputs } from './inputs.js';

/** What deploy-swarm would do, from the inputs alone (`deploy-kit deploy-swarm --dry-run`). */
export function swarmPlan(inputs: Inputs): string[] {
  const { rendered } = inputs;
  const dir = `${inputs['deploy-path']}/stacks/${inputs.stack}`;
  const { hooks } = inputs;
  const steps = [
    `take the lock ${dir}/.deploy-kit/lock (${inputs['lock-timeout'] ? `waits up to ${formatMs(inputs['lock-timeout'])}` : 'fails at once if another deploy holds it'}); read ${dir}/history.jsonl`,
    ...(hooks.migrate ? [`migrate, in ${dir}, before anything is deployed: ${hooks.migrate}`] : []),
    `docker stack deploy --with-registry-auth${inputs.prune ? ' --prune' : ''} ${inputs.stack}${inputs.registry ? ` (login as ${inputs.registry.username} to ${inputs.registry.registry} in a temporary config, password on stdin)` : ''}`,
    `wait until every service runs the new spec with its replicas (deadline ${formatMs(inputs.timeout)})`,
    inputs.health ? `gate ${inputs.health.url.href}` : 'no health-url gate',
    ...(hooks.postSwitch ? [`post-switch, in ${dir}: ${hooks.postSwitch}`] : []),
    `record ${dir}/versions/${inputs.version}.yml and history.jsonl on every reachable manager listed`,
  ];
  return [
    `Plan: deploy stack ${inputs.stack} ${inputs.version} (dry run: nothing connects, nothing changes)`,
    '',
    `managers: ${inputs.hosts.map(formatTarget).join(', ')} (the first reachable manager is used)`,
    `compose files: ${inputs['compose-file'].join(', ')}${inputs.env.length ? `; variables from env: ${inputs.env.map(([k]) => k).join(', ')}` : ''}`,
    ...rendered.unset.map((name) => `warning: ${name} is not set; the compose file gets an empty string`),
    '',
    'services:',
    ...rendered.services.map(
      (s) =>
        `  ${s.name}: ${s.image} → pinned to ${inputs.manifest.size ? 'its image-manifest digest, or ' : ''}the digest the manager pulls; update ${s.hostPorts ? 'stop-first (publishes a host-mode port)' : 'start-first'}, failure_action rollback unless set`,
    ),
    ...rendered.files.map((f) => `  ${f.kind} ${f.key} → ${f.name}`),
    '',
    'On the manager:',
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
    inputs['rollback-on-failure']
      ? '  on failure: re-deploy the previous recorded version of the whole stack, wait for it; the step fails'
      : '  on failure: the step fails; the stack is left as Swarm has it',
    ...(hooks.onRollback
      ? [`  after a re-deploy of the previous version, in ${dir}: ${hooks.onRollback}`]
      : []),
    ...(hooks.onFailure ? [`  after a failure, in ${dir}: ${hooks.onFailure}`] : []),
  ];
}
