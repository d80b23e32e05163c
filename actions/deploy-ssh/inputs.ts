import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import { parseBodyExpectation, parseStatusRanges, STATUS_FORM } from '@deploy-kit/health';
import type { HealthConfig, ProxyKind, Strategy } from '@deploy-kit/release';
import { readSshInputs, type SshInputs } from '@deploy-kit/ssh';

export const APP = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
const SAFE_SEGMENT = /^(?!\.{1,2}$)(?!-)[A-Za-z0-9._-]+$/;
const HEALTH_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;

export const forms = {
  app: 'a name of lower-case letters, digits and _ . - (starting with a letter or digit, at most 64)',
  version: 'letters, digits and . _ + - (starting with a letter or digit, at most 128)',
  deployPath: "an absolute path of letters, digits and . _ - / without '..' segments",
  sharedPaths: "relative paths of letters, digits and . _ - / without '..' segments",
  ports: 'one port (in-place) or two distinct ports blue,green (blue-green), each 1-65535',
  healthPath: "a path starting with '/'",
};

/** Every input of deploy-ssh/action.yml (release mode), read once; keys are the action.yml names. */
export interface Inputs extends SshInputs {
  mode: 'release';
  app: string;
  version: string;
  'deploy-path': string;
  env: Array<[string, string]>;
  'keep-releases': number;
  strategy: Strategy;
  ports: number[];
  proxy: ProxyKind;
  drain: number;
  health: HealthConfig;
  soak: number;
  'rollback-on-failure': boolean;
  'lock-timeout': number;
  'break-stale-lock-after'?: number;
  'proxy-test-command': string;
  'proxy-reload-command': string;
  source: string;
  exclude: string[];
  'shared-paths': string[];
  'build-command'?: string;
  'start-command'?: string;
  'stop-command'?: string;
  'restart-command'?: string;
  'allow-untrusted-event': boolean;
}

function isSafePath(path: string, absolute: boolean): boolean {
  if (absolute !== path.startsWith('/')) return false;
  const segments = path.split('/').filter((s, i) => !(absolute && i === 0));
  return segments.length > 0 && segments.every((s) => SAFE_SEGMENT.test(s));
}

export function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Inputs {
  const ssh = readSshInputs(read);
  const envPairs = read.keyValues('env', { secret: true });
  const mode = read.enum('mode', ['release'] as const);
  const app = read.string('app', { required: true, pattern: APP, accepted: forms.app });
  const sha = env.GITHUB_SHA ?? '';
  const version =
    read.string('version', { pattern: VERSION, accepted: forms.version }) ??
    (sha ? sha.slice(0, 7) : undefined);
  if (!version)
    throw new ConfigurationError(
      messages.requiredInput(
        'version',
        `${forms.version} (default: the short commit SHA, but GITHUB_SHA is not set)`,
      ),
    );
  const deployPath = (read.string('deploy-path') ?? `/opt/${app}`).replace(/\/+$/, '');
  if (!isSafePath(deployPath, true))
    throw new ConfigurationError(messages.invalidInput('deploy-path', forms.deployPath, deployPath));
  const proxy = read.enum('proxy', ['nginx', 'caddy', 'none'] as const);
  const strategyText = read.string('strategy');
  if (strategyText !== undefined && strategyText !== 'blue-green' && strategyText !== 'in-place') {
    throw new ConfigurationError(
      messages.invalidInput(
        'strategy',
        'blue-green or in-place (empty: blue-green with a proxy, else in-place)',
        strategyText,
      ),
    );
  }
  const strategy: Strategy = strategyText ?? (proxy === 'none' ? 'in-place' : 'blue-green');
  const portItems = read.list('ports', { item: /^\d{1,5}$/, accepted: forms.ports });
  const ports = portItems.map(Number);
  const wanted = strategy === 'blue-green' ? 2 : 1;
  if (
    (ports.length !== wanted && !(strategy === 'in-place' && ports.length === 0)) ||
    ports.some((p) => p < 1 || p > 65535) ||
    new Set(ports).size !== ports.length
  ) {
    throw new ConfigurationError(
      messages.invalidInput('ports', `${forms.ports}; ${strategy} needs ${wanted}`, portItems.join(',')),
    );
  }
  if (strategy === 'blue-green' && proxy === 'none') {
    throw new ConfigurationError(
      "Input 'strategy' blue-green needs a proxy to switch: set 'proxy: nginx' (or caddy), or use 'strategy: in-place'",
    );
  }
  const healthPath = read.string('health-path', {
    required: true,
    pattern: HEALTH_PATH,
    accepted: forms.healthPath,
  });
  const healthCheck = read.boolean('health-check');
  const statusText = read.string('health-expect-status', { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status)
    throw new ConfigurationError(messages.invalidInput('health-expect-status', STATUS_FORM, statusText));
  const bodyText = read.string('health-expect-body');
  const body = bodyText === undefined ? undefined : parseBodyExpectation(bodyText);
  if (bodyText !== undefined && !body)
    throw new ConfigurationError(
      messages.invalidInput('health-expect-body', 'a substring, or a valid /regex/flags', bodyText),
    );
  const health: HealthConfig = {
    enabled: healthCheck,
    path: healthPath,
    url: read.url('health-url'),
    intervalMs: read.requiredDuration('health-interval', { minMs: 100, maxMs: 600_000 }),
    timeoutMs: read.requiredDuration('health-timeout', { minMs: 1000, maxMs: 3_600_000 }),
    successThreshold: read.int('health-success-threshold', { min: 1, max: 100, required: true })!,
    expect: {
      status,
      body,
      version: read.string('health-expect-version', { pattern: VERSION, accepted: forms.version }),
    },
  };
  const startCommand = read.string('start-command');
  const restartCommand = read.string('restart-command');
  if (strategy === 'blue-green' && !startCommand) {
    throw new ConfigurationError(
      messages.requiredInput(
        'start-command',
        'the command that starts the app on $PORT in the release directory (blue-green)',
      ),
    );
  }
  if (healthCheck && strategy === 'in-place' && ports.length === 0) {
    throw new ConfigurationError(
      messages.requiredInput(
        'ports',
        "the app's port, to gate the release on health-path (or set 'health-check: false')",
      ),
    );
  }
  const sharedPaths = read.list('shared-paths');
  for (const p of sharedPaths) {
    if (!isSafePath(p, false))
      throw new ConfigurationError(messages.invalidInput('shared-paths', forms.sharedPaths, p));
  }
  return {
    ...ssh,
    mode,
    app,
    version,
    'deploy-path': deployPath,
    env: envPairs,
    'keep-releases': read.int('keep-releases', { min: 1, max: 100, required: true })!,
    strategy,
    ports,
    proxy,
    drain: read.requiredDuration('drain', { maxMs: 600_000 }),
    health,
    soak: read.requiredDuration('soak', { maxMs: 6 * 3_600_000 }),
    'rollback-on-failure': read.boolean('rollback-on-failure'),
    'lock-timeout': read.requiredDuration('lock-timeout', { maxMs: 6 * 3_600_000 }),
    'break-stale-lock-after': read.duration('break-stale-lock-after', { minMs: 60_000 }),
    'proxy-test-command': read.string('proxy-test-command', {
      required: true,
      accepted: 'a command that validates the proxy configuration',
    }),
    'proxy-reload-command': read.string('proxy-reload-command', {
      required: true,
      accepted: 'a command that reloads the proxy',
    }),
    source: read.string('source', { required: true, accepted: 'a directory or tarball to upload' }),
    exclude: read.list('exclude'),
    'shared-paths': sharedPaths,
    'build-command': read.string('build-command'),
    'start-command': startCommand,
    'stop-command': read.string('stop-command'),
    'restart-command': restartCommand,
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
  };
}
