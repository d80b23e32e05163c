import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import {
  forms,
  isSafePath,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs,
  VERSION,
  type ComposeConfig,
  type ContainerConfig,
  type DeployMode,
  type HealthConfig,
  type ProxyKind,
  type Strategy,
} from '@deploy-kit/release';
import { formatTarget, parseTarget, readSshInputs, type SshInputs } from '@deploy-kit/ssh';
import { readComposeInputs, readContainerInputs } from './container-inputs.js';

export { APP, VERSION, forms } from '@deploy-kit/release';

/** Every input of deploy-ssh/action.yml (release mode), read once; keys are the action.yml names. */
export interface Inputs extends SshInputs {
  mode: DeployMode;
  /** Container mode only: the image and how it runs (image, image-manifest, image-transfer, engine, container-port, registry*, run-args). */
  container?: ContainerConfig;
  /** Compose mode only: the compose file, services, and the image it is given (compose-file, services, image*, engine, registry*). */
  compose?: ComposeConfig;
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
  'upload-compression': 'none' | 'gzip';
  'shared-paths': string[];
  'build-command'?: string;
  'start-command'?: string;
  'stop-command'?: string;
  'restart-command'?: string;
  'migrate-command'?: string;
  /** The label (user@host:port) of the host named by migrate-host, one of `hosts`. */
  'migrate-host'?: string;
  'post-switch-command'?: string;
  'on-failure-command'?: string;
  'on-rollback-command'?: string;
  'allow-untrusted-event': boolean;
}

type HookInput = 'migrate-command' | 'post-switch-command' | 'on-failure-command' | 'on-rollback-command';

/** The hooks: each a user command; migrate-host one of the hosts. */
function readHooks(read: InputReader, ssh: SshInputs): Pick<Inputs, HookInput | 'migrate-host'> {
  // Each read by name (the action.yml check scans for literal reader calls).
  const hooks: Record<HookInput, string | undefined> = {
    'migrate-command': read.string('migrate-command'),
    'post-switch-command': read.string('post-switch-command'),
    'on-failure-command': read.string('on-failure-command'),
    'on-rollback-command': read.string('on-rollback-command'),
  };
  const migrateHostText = read.string('migrate-host');
  let migrateHost: string | undefined;
  if (migrateHostText !== undefined) {
    if (!hooks['migrate-command'])
      throw new ConfigurationError("Input 'migrate-host' needs 'migrate-command': it names where that runs");
    const wanted = parseTarget('migrate-host', migrateHostText, {
      user: ssh.hosts[0]?.user ?? '',
      port: ssh.hosts[0]?.port ?? 22,
    });
    const match =
      ssh.hosts.find((h) => h.host === wanted.host && h.port === wanted.port && h.user === wanted.user) ??
      (/[@:]/.test(migrateHostText) ? undefined : ssh.hosts.find((h) => h.host === wanted.host));
    if (!match)
      throw new ConfigurationError(
        messages.invalidInput('migrate-host', "one of the hosts in 'hosts'", migrateHostText),
      );
    migrateHost = formatTarget(match);
  }
  return { ...hooks, 'migrate-host': migrateHost };
}

export function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Inputs {
  const ssh = readSshInputs(read);
  const envPairs = read.keyValues('env', { secret: true });
  const mode = read.enum('mode', ['release', 'container', 'compose'] as const);
  const { app, 'deploy-path': deployPath } = readAppInputs(read);
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
  if (mode === 'compose' && strategyText === 'blue-green')
    throw new ConfigurationError(
      "Input 'strategy': compose mode deploys in place (compose replaces the project's containers); set 'strategy: in-place' or leave it empty",
    );
  const strategy: Strategy =
    strategyText ?? (proxy === 'none' || mode === 'compose' ? 'in-place' : 'blue-green');
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
  const health = readHealthInputs(read);
  const startCommand = read.string('start-command');
  const restartCommand = read.string('restart-command');
  const container = readContainerInputs(read, mode, app);
  const compose = readComposeInputs(read, mode, app, envPairs, env.GITHUB_WORKSPACE ?? process.cwd());
  if (container || compose) {
    for (const name of [
      'start-command',
      'stop-command',
      'restart-command',
      'build-command',
      'shared-paths',
    ] as const) {
      if (read.string(name) !== undefined)
        throw new ConfigurationError(
          `Input '${name}' is for mode release; in ${mode} mode the image's own command runs`,
        );
    }
    if (container && strategy === 'in-place' && ports.length !== 1)
      throw new ConfigurationError(
        messages.requiredInput(
          'ports',
          "the host port the container's app is reached on (in-place container mode)",
        ),
      );
  } else if (strategy === 'blue-green' && !startCommand) {
    throw new ConfigurationError(
      messages.requiredInput(
        'start-command',
        'the command that starts the app on $PORT in the release directory (blue-green)',
      ),
    );
  }
  if (health.enabled && strategy === 'in-place' && ports.length === 0) {
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
    container,
    compose,
    app,
    version,
    'deploy-path': deployPath,
    env: envPairs,
    'keep-releases': read.requiredInt('keep-releases', { min: 1, max: 100 }),
    strategy,
    ports,
    proxy,
    ...readSwitchInputs(read),
    health,
    'rollback-on-failure': read.boolean('rollback-on-failure'),
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
    'upload-compression': read.enum('upload-compression', ['none', 'gzip'] as const),
    'shared-paths': sharedPaths,
    'build-command': read.string('build-command'),
    'start-command': startCommand,
    'stop-command': read.string('stop-command'),
    'restart-command': restartCommand,
    ...readHooks(read, ssh),
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
  };
}
