import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import {
  forms,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs,
  VERSION,
  type HealthConfig,
} from '@deploy-kit/release';
import { readSshInputs, type SshInputs } from '@deploy-kit/ssh';

const REASON_MAX = 500;

/** Every input of rollback/action.yml, read once; keys are the action.yml names. */
export interface Inputs extends SshInputs {
  app: string;
  'deploy-path': string;
  to?: string;
  reason: string;
  list: boolean;
  health: HealthConfig;
  drain: number;
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
  return {
    ...ssh,
    ...readAppInputs(read),
    to: read.string('to', { pattern: VERSION, accepted: forms.version }),
    reason,
    list: read.boolean('list'),
    health: readHealthInputs(read),
    ...readSwitchInputs(read),
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
  };
}
