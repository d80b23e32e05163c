import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import { readGateInputs, VERSION_FORM } from './gate-inputs.js';
import type { HealthConfig } from './types.js';

/** Input groups shared by deploy-ssh, rollback and the root action: one definition, one message. */
export const APP = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export { VERSION } from './gate-inputs.js';
const SAFE_SEGMENT = /^(?!\.{1,2}$)(?!-)[A-Za-z0-9._-]+$/;
const HEALTH_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;

export const forms = {
  app: 'a name of lower-case letters, digits and _ . - (starting with a letter or digit, at most 64)',
  version: VERSION_FORM,
  deployPath: "an absolute path of letters, digits and . _ - / without '..' segments",
  sharedPaths: "relative paths of letters, digits and . _ - / without '..' segments",
  ports: 'one port (in-place) or two distinct ports blue,green (blue-green), each 1-65535',
  healthPath: "a path starting with '/'",
  socket: "an absolute path of letters, digits and . _ - / without '..' segments",
  caddyAdmin: 'host:port (e.g. localhost:2019), unix//<absolute path>, or off',
};

const ADMIN_HOST = /^([A-Za-z0-9][A-Za-z0-9.-]{0,252}|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/;

/** Caddy's admin endpoint, as its `admin` option names it (`host:port`, `unix//path`) or `off`. */
export type CaddyEndpoint =
  | { kind: 'off' }
  | { kind: 'unix'; path: string }
  /** `address` as written: Caddy wants it back as the Host header. */
  | { kind: 'tcp'; address: string; host: string; port: number };

/** The endpoint `caddy-admin` names, or undefined when it is none of the accepted forms. */
export function caddyEndpoint(text: string): CaddyEndpoint | undefined {
  if (text === 'off') return { kind: 'off' };
  if (text.startsWith('unix/')) {
    const path = text.slice('unix/'.length);
    return isSafePath(path, true) ? { kind: 'unix', path } : undefined;
  }
  const [, host = '', port = ''] = ADMIN_HOST.exec(text) ?? [];
  const number = Number(port);
  if (host === '' || number < 1 || number > 65535) return undefined;
  return { kind: 'tcp', address: text, host: host.replace(/^\[|\]$/g, ''), port: number };
}

/** Every segment made of safe characters, no `.`/`..` segment, no leading '-' (never an option). */
export function isSafePath(path: string, absolute: boolean): boolean {
  if (absolute !== path.startsWith('/')) return false;
  const segments = path.split('/').filter((s, i) => !(absolute && i === 0));
  return segments.length > 0 && segments.every((s) => SAFE_SEGMENT.test(s));
}

/** A deploy-swarm stack name, as Docker accepts it. */
export const STACK = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const stackForms = {
  stack: 'a stack name of lower-case letters, digits, _ and - (starting with a letter or digit, at most 63)',
  deployPath: "an absolute path, or one under '~/', of letters, digits and . _ - / without '..' segments",
};

/** deploy-path for swarm history: `~/…` (the SSH user's home) or absolute, each segment safe. */
export function checkSwarmDeployPath(text: string): string {
  const path = text.replace(/\/+$/, '');
  if (!isSafePath(path.startsWith('~/') ? path.slice(1) : path, true))
    throw new ConfigurationError(messages.invalidInput('deploy-path', stackForms.deployPath, text));
  return path;
}

/** `app` and `deploy-path` (default /opt/<app>), validated for use as remote paths. */
export function readAppInputs(read: InputReader): { app: string; 'deploy-path': string } {
  const app = read.string('app', { required: true, pattern: APP, accepted: forms.app });
  const deployPath = (read.string('deploy-path') ?? `/opt/${app}`).replace(/\/+$/, '');
  if (!isSafePath(deployPath, true))
    throw new ConfigurationError(messages.invalidInput('deploy-path', forms.deployPath, deployPath));
  return { app, 'deploy-path': deployPath };
}

/** The health-* inputs, as the gate on the host and on the public URL uses them. */
export function readHealthInputs(read: InputReader): HealthConfig {
  const path = read.string('health-path', {
    required: true,
    pattern: HEALTH_PATH,
    accepted: forms.healthPath,
  });
  const enabled = read.boolean('health-check');
  return { enabled, path, url: read.url('health-url'), ...readGateInputs(read) };
}

/** Seconds a stop may take beyond stop-timeout (KILL, then the check that nothing is left). */
const STOP_CHECK_S = 5;

/**
 * How a switch waits and holds the lock: drain, stop-timeout, soak, lock-timeout,
 * break-stale-lock-after. A stop waits out stop-timeout inside one remote command, so it must fit
 * in command-timeout: one wait for everything it stops (dk_stop in @deploy-kit/ssh), then KILL.
 */
export function readSwitchInputs(
  read: InputReader,
  commandTimeoutMs: number,
): {
  drain: number;
  'stop-timeout': number;
  soak: number;
  'lock-timeout': number;
  'break-stale-lock-after'?: number;
} {
  const stop = read.requiredDuration('stop-timeout', { minMs: 1000, maxMs: 600_000 });
  if (stop + STOP_CHECK_S * 1000 > commandTimeoutMs)
    throw new ConfigurationError(
      messages.invalidInput(
        'stop-timeout',
        `a duration at least ${STOP_CHECK_S}s shorter than 'command-timeout'`,
        read.string('stop-timeout') ?? '',
      ),
    );
  return {
    drain: read.requiredDuration('drain', { maxMs: 600_000 }),
    'stop-timeout': stop,
    soak: read.requiredDuration('soak', { maxMs: 6 * 3_600_000 }),
    'lock-timeout': read.requiredDuration('lock-timeout', { maxMs: 6 * 3_600_000 }),
    'break-stale-lock-after': read.duration('break-stale-lock-after', { minMs: 60_000 }),
  };
}
