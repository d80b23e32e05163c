import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import {
  forms,
  readAppInputs,
  readHealthInputs,
  checkSwarmDeployPath,
  readGateInputs,
  STACK,
  stackForms,
  readSwitchInputs,
  VERSION,
  type HealthConfig,
} from '@deploy-kit/release';
import { readSshInputs, type SshInputs } from '@deploy-kit/ssh';

const REASON_MAX = 500;

/** Every input of rollback/action.yml, read once; keys are the action.yml names. */
export type Inputs = ReleaseInputs | SwarmInputs;

/** mode swarm: re-deploy a recorded version of a deploy-swarm stack. */
export interface SwarmInputs extends SshInputs {
  mode: 'swarm';
  stack: string;
  'deploy-path': string;
  to?: string;
  reason: string;
  list: boolean;
  health?: HealthConfig & { url: URL };
  'lock-timeout': number;
  'allow-untrusted-event': boolean;
}

export interface ReleaseInputs extends SshInputs {
  mode: 'release';
  app: string;
  'deploy-path': string;
  to?: string;
  reason: string;
  list: boolean;
  health: HealthConfig;
  drain: number;
  'stop-timeout': number;
  soak: number;
  'lock-timeout': number;
  'break-stale-lock-after'?: number;
  'allow-untrusted-event': boolean;
}

export function readInputs(read: InputReader): Inputs {
  const ssh = readSshInputs(read);
  const reason = (read.string('reason') ?? '').trim();
  // The reason is data (JSON on stdin to the history file), but a log line too: keep it one line.
  if (reason.length > REASON_MAX || hasControlCharacter(reason)) {
    throw new ConfigurationError(
      messages.invalidInput('reason', `one line of at most ${REASON_MAX} characters`, reason.slice(0, 80)),
    );
  }
  const mode = read.enum('mode', ['release', 'swarm'] as const);
  const to = read.string('to', { pattern: VERSION, accepted: forms.version });
  const list = read.boolean('list');
  if (mode === 'swarm') {
    const url = read.url('health-url');
    const gate = readGateInputs(read);
    return {
      ...ssh,
      mode,
      stack: read.string('stack', { required: true, pattern: STACK, accepted: stackForms.stack }),
      'deploy-path': checkSwarmDeployPath(read.string('deploy-path') ?? '~/.deploy-kit'),
      to,
      reason,
      list,
      ...(url ? { health: { enabled: true, path: url.pathname, url, ...gate } } : {}),
      'lock-timeout': read.requiredDuration('lock-timeout', { maxMs: 6 * 3_600_000 }),
      'allow-untrusted-event': read.boolean('allow-untrusted-event'),
    };
  }
  return {
    ...ssh,
    mode,
    ...readAppInputs(read),
    to,
    reason,
    list,
    health: readHealthInputs(read),
    ...readSwitchInputs(read, ssh['command-timeout']),
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
  };
}
