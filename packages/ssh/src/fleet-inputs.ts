import type { InputReader } from '@deploy-kit/core';
import { readSshConnectionInputs, type SshInputs } from './inputs.js';

/** SSH connection inputs plus command-timeout, max-parallel and fail-fast (actions that change hosts). */
export function readSshInputs(read: InputReader): SshInputs {
  const connection = readSshConnectionInputs(read);
  const commandTimeout = read.requiredDuration('command-timeout', { minMs: 1000, maxMs: 6 * 3_600_000 });
  const maxParallel = read.int('max-parallel', { min: 1, max: 1000 });
  return {
    ...connection,
    'command-timeout': commandTimeout,
    'max-parallel': maxParallel ?? connection.hosts.length,
    'fail-fast': read.boolean('fail-fast'),
  };
}
