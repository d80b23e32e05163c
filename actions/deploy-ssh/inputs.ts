import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import {
  caddyEndpoint,
  forms,
  isSafePath,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs,
  runInfo,
  VERSION,
  type DeployHooks,
  type ProxyKind,
  type ReleaseConfig,
  type Strategy,
} from '@deploy-kit/release';
import { formatTarget, parseTarget, readSshInputs, type SshInputs } from '@deploy-kit/ssh';
import { readComposeInputs, readContainerInputs } from './container-inputs.js';

export { APP, VERSION, forms } from '@deploy-kit/release';

/**
 * Every input of deploy-ssh/action.yml, read once: the SSH inputs (keys are the action.yml names),
 * and the deploy as the core takes it (packages/release ReleaseConfig), read straight into it.
 */
export interface Inputs extends SshInputs {
  deploy: ReleaseConfig;
  'allow-untrusted-event': boolean;
}

/** The hooks: each a user command; migrate-host one of the hosts. */
function readHooks(read: InputReader, ssh: SshInputs): DeployHooks {
  // Each read by name (the action.yml check scans for literal reader calls).
  const migrate = read.string('migrate-command');
  const hooks: DeployHooks = {
    postSwitch: read.string('post-switch-command'),
    onFailure: read.string('on-failure-command'),
    onRollback: read.string('on-rollback-command'),
  };
  const migrateHostText = read.string('migrate-host');
  let migrateHost: string | undefined;
  if (migrateHostText !== undefined) {
    if (!migrate)
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
  return migrate ? { ...hooks, migrate: { command: migrate, host: migrateHost } } : hooks;
}

/** HAProxy's admin socket: an absolute path (it is opened on the host, as the SSH user). */
function readHaproxySocket(read: InputReader): string {
  const socket = read.string('haproxy-socket', { required: true, accepted: forms.socket });
  if (!isSafePath(socket, true))
    throw new ConfigurationError(messages.invalidInput('haproxy-socket', forms.socket, socket));
  return socket;
}

/** Caddy's admin endpoint on the host (reached through the SSH connection), or off. */
function readCaddyAdmin(read: InputReader): string {
  const admin = read.string('caddy-admin', { required: true, accepted: forms.caddyAdmin });
  if (caddyEndpoint(admin) === undefined)
    throw new ConfigurationError(messages.invalidInput('caddy-admin', forms.caddyAdmin, admin));
  return admin;
}

/** action.yml's defaults for proxy-test-command and proxy-reload-command. */
const NGINX_TEST = 'nginx -t';
const NGINX_RELOAD = 'nginx -s reload';

/** The proxy's commands; with Caddy and nginx's defaults untouched, Caddy's equivalents. */
function readProxyCommands(
  read: InputReader,
  proxy: ProxyKind,
  ssh: SshInputs,
): Pick<ReleaseConfig, 'proxyTestCommand' | 'proxyReloadCommand'> {
  const test = read.string('proxy-test-command', {
    required: true,
    accepted: 'a command that validates the proxy configuration',
  });
  const reload = read.string('proxy-reload-command', {
    required: true,
    accepted: 'a command that reloads the proxy',
  });
  if (proxy === 'nginx') {
    // nginx's own commands need root (its pid file, its logs): a deploy user runs nginx's defaults
    // through `sudo -n`, which fails at once instead of asking for a password (proxies.ts says
    // which sudoers line lets it).
    const sudo = ssh.hosts.every((h) => h.user === 'root') ? '' : 'sudo -n ';
    return {
      proxyTestCommand: test === NGINX_TEST ? `${sudo}${test}` : test,
      proxyReloadCommand: reload === NGINX_RELOAD ? `${sudo}${reload}` : reload,
    };
  }
  const caddy = proxy === 'caddy';
  return {
    proxyTestCommand: caddy && test === NGINX_TEST ? 'caddy validate --config /etc/caddy/Caddyfile' : test,
    proxyReloadCommand:
      caddy && reload === NGINX_RELOAD ? 'caddy reload --config /etc/caddy/Caddyfile' : reload,
  };
}

export async function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Promise<Inputs> {
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
  const proxy = read.enum('proxy', ['nginx', 'caddy', 'haproxy', 'none'] as const);
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
      "Input 'strategy' blue-green needs a proxy to switch: set 'proxy: nginx' (or haproxy, caddy), or use 'strategy: in-place'",
    );
  }
  const health = readHealthInputs(read);
  const startCommand = read.string('start-command');
  const restartCommand = read.string('restart-command');
  const container = readContainerInputs(read, mode, app);
  const compose = await readComposeInputs(read, mode, app, envPairs, env.GITHUB_WORKSPACE ?? process.cwd(), {
    strategy,
    ports,
    version,
  });
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
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const sourceText = read.string('source', { required: true, accepted: 'a directory or tarball to upload' });
  const switchInputs = readSwitchInputs(read, ssh['command-timeout']);
  const common = {
    app,
    version,
    deployPath,
    strategy,
    ports,
    proxy,
    ...readProxyCommands(read, proxy, ssh),
    haproxySocket: readHaproxySocket(read),
    caddyAdmin: readCaddyAdmin(read),
    drainMs: switchInputs.drain,
    stopTimeoutMs: switchInputs['stop-timeout'],
    health,
    soakMs: switchInputs.soak,
    hooks: readHooks(read, ssh),
    run: runInfo(env),
    env: envPairs,
    keepReleases: read.requiredInt('keep-releases', { min: 1, max: 100 }),
    rollbackOnFailure: read.boolean('rollback-on-failure'),
    lockTimeoutMs: switchInputs['lock-timeout'],
    breakStaleLockAfterMs: switchInputs['break-stale-lock-after'],
    commandTimeoutMs: ssh['command-timeout'],
    maxParallel: ssh['max-parallel'],
    failFast: ssh['fail-fast'],
  };
  const exclude = read.list('exclude');
  const compression = read.enum('upload-compression', ['none', 'gzip'] as const);
  const buildCommand = read.string('build-command');
  const stopCommand = read.string('stop-command');
  let deploy: ReleaseConfig;
  if (container) deploy = { ...common, mode: 'container', container };
  else if (compose) deploy = { ...common, mode: 'compose', compose };
  else {
    const source = isAbsolute(sourceText) ? sourceText : resolve(workspace, sourceText);
    if (!existsSync(source))
      throw new ConfigurationError(
        messages.invalidInput('source', 'an existing directory or tarball', sourceText),
      );
    deploy = {
      ...common,
      mode: 'release',
      source,
      exclude,
      upload: { compression },
      sharedPaths,
      buildCommand,
      startCommand,
      stopCommand,
      restartCommand,
    };
  }
  return { ...ssh, deploy, 'allow-untrusted-event': read.boolean('allow-untrusted-event') };
}
