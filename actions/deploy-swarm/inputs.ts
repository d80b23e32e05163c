import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  ConfigurationError,
  hasControlCharacter,
  loadYaml,
  messages,
  type InputReader,
} from '@deploy-kit/core';
import { REGISTRY_HOST } from '@deploy-kit/image';
import {
  checkSwarmDeployPath,
  forms,
  readGateInputs,
  STACK,
  stackForms,
  VERSION,
  type HealthConfig,
} from '@deploy-kit/release';
import { readSshConnectionInputs, type SshConnectionInputs } from '@deploy-kit/ssh';
import {
  renderStack,
  repositoryOf,
  type RenderedStack,
  type RegistryLogin,
  type SwarmHooks,
} from '@deploy-kit/swarm';

const COMPOSE_FILE_LIMIT = 1024 * 1024;

export const swarmForms = {
  composeFile: 'one or more compose files on the runner (relative to the workspace), each up to 1 MB',
  manifest: 'a JSON file {"<name>": "<image>@sha256:…"} written by build-image\'s manifest-name',
  registry: 'a registry host[:port]',
  username: 'a registry user name without spaces',
};

/** Every input of deploy-swarm/action.yml, read once and checked before anything connects. */
export interface Inputs extends SshConnectionInputs {
  'command-timeout': number;
  stack: string;
  'compose-file': string[];
  /** The compose files rendered: interpolated with `env` then the runner's environment, merged. */
  rendered: RenderedStack;
  env: Array<[string, string]>;
  version: string;
  /** image-manifest's entries: repository → pinned reference. */
  manifest: Map<string, string>;
  registry?: RegistryLogin;
  prune: boolean;
  timeout: number;
  health?: HealthConfig & { url: URL };
  'rollback-on-failure': boolean;
  'lock-timeout': number;
  'deploy-path': string;
  'allow-untrusted-event': boolean;
  hooks: SwarmHooks;
}

/** A path the workspace holds (a compose file, or a file a config or secret is made from). */
function insideWorkspace(workspace: string, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(realpathSync(workspace), real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function readComposeFiles(
  read: InputReader,
  workspace: string,
): Array<{ path: string; full: string; text: string }> {
  const items = read.list('compose-file', { accepted: swarmForms.composeFile });
  const names = items.length > 0 ? items : ['compose.yaml'];
  return names.map((name) => {
    const full = isAbsolute(name) ? name : resolve(workspace, name);
    if (hasControlCharacter(name) || name.startsWith('-') || !existsSync(full) || !statSync(full).isFile())
      throw new ConfigurationError(messages.invalidInput('compose-file', swarmForms.composeFile, name));
    if (!isAbsolute(name) && !insideWorkspace(workspace, full))
      throw new ConfigurationError(`Input 'compose-file': ${name} is outside the workspace`);
    if (statSync(full).size > COMPOSE_FILE_LIMIT)
      throw new ConfigurationError(`Input 'compose-file': ${name} is larger than 1 MB`);
    return { path: name, full, text: readFileSync(full, 'utf8') };
  });
}

function readManifest(path: string, workspace: string): Map<string, string> {
  const full = isAbsolute(path) ? path : resolve(workspace, path);
  let entries: Array<[string, unknown]>;
  try {
    entries = Object.entries(JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>);
  } catch {
    throw new ConfigurationError(messages.invalidInput('image-manifest', swarmForms.manifest, path));
  }
  const map = new Map<string, string>();
  for (const [name, ref] of entries) {
    if (typeof ref !== 'string' || !/^[^@\s]+@sha256:[a-f0-9]{64}$/.test(ref))
      throw new ConfigurationError(
        `Input 'image-manifest': entry ${JSON.stringify(name)} is not a reference pinned to a digest (name@sha256:…)`,
      );
    map.set(repositoryOf(ref), ref);
  }
  return map;
}

export async function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Promise<Inputs> {
  const ssh = readSshConnectionInputs(read);
  const password = read.string('registry-password', { secret: true, raw: true });
  const envPairs = read.keyValues('env', { secret: true });
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const stack = read.string('stack', { required: true, pattern: STACK, accepted: stackForms.stack });
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
  const deployPath = checkSwarmDeployPath(
    read.string('deploy-path', { required: true, accepted: stackForms.deployPath }),
  );
  const registry = read.string('registry', { pattern: REGISTRY_HOST, accepted: swarmForms.registry });
  const username = read.string('registry-username', {
    pattern: /^\S{1,256}$/,
    accepted: swarmForms.username,
  });
  if ((username === undefined) !== (password === undefined))
    throw new ConfigurationError(
      "Inputs 'registry-username' and 'registry-password' go together: set both or neither",
    );
  if (username !== undefined && registry === undefined)
    throw new ConfigurationError(messages.requiredInput('registry', `${swarmForms.registry}, to log in to`));
  const manifestPath = read.string('image-manifest');
  const healthUrl = read.url('health-url');
  const gate = readGateInputs(read);
  const files = readComposeFiles(read, workspace);
  const vars = new Map(envPairs);
  const { parse } = await loadYaml();
  const rendered = renderStack(
    stack,
    files.map((f) => ({ path: f.path, text: f.text })),
    (name) => vars.get(name) ?? env[name],
    (text) => parse(text, { merge: true }) as unknown,
    (key, path, kind) => {
      const base = dirname(files[0]?.full ?? workspace);
      const full = isAbsolute(path) ? path : resolve(base, path);
      if (!insideWorkspace(workspace, full))
        throw new ConfigurationError(
          `Input 'compose-file': ${kind} ${key} reads ${path}, which is not a file inside the workspace`,
        );
      return readFileSync(full);
    },
  );
  const rollbackOnFailure = read.boolean('rollback-on-failure');
  const onRollback = read.string('on-rollback-command');
  if (onRollback !== undefined && !rollbackOnFailure)
    throw new ConfigurationError(
      "Input 'on-rollback-command' runs after a failed deploy re-deployed the previous version, which 'rollback-on-failure: false' turns off",
    );
  return {
    ...ssh,
    'command-timeout': read.requiredDuration('command-timeout', { minMs: 1000 }),
    stack,
    'compose-file': files.map((f) => f.path),
    rendered,
    env: envPairs,
    version,
    manifest: manifestPath === undefined ? new Map<string, string>() : readManifest(manifestPath, workspace),
    ...(username !== undefined && password !== undefined && registry !== undefined
      ? { registry: { registry, username, password } }
      : {}),
    prune: read.boolean('prune'),
    timeout: read.requiredDuration('timeout', { minMs: 10_000, maxMs: 6 * 3_600_000 }),
    ...(healthUrl ? { health: { enabled: true, path: healthUrl.pathname, url: healthUrl, ...gate } } : {}),
    'rollback-on-failure': rollbackOnFailure,
    'lock-timeout': read.requiredDuration('lock-timeout', { maxMs: 6 * 3_600_000 }),
    'deploy-path': deployPath,
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
    // Each read by name (the action.yml check scans for literal reader calls).
    hooks: {
      migrate: read.string('migrate-command'),
      postSwitch: read.string('post-switch-command'),
      onFailure: read.string('on-failure-command'),
      onRollback,
    },
  };
}
