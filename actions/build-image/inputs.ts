import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import { IMAGE_NAME, REGISTRY_HOST, TAG, type Engine, type LatestPolicy } from '@deploy-kit/image';

export const forms = {
  image:
    'image names like ghcr.io/acme/app or 127.0.0.1:5000/app (lower-case path), newline- or comma-separated',
  tags: 'Docker tags ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})',
  platforms: 'platforms like linux/amd64, linux/arm64/v8',
  path: "a path relative to the workspace (or absolute), not starting with '-', on one line",
  labelKey: 'a label key (letters, digits, . _ -)',
  target: 'a build stage name (letters, digits, _ . -)',
  registry: 'a registry host[:port]',
  username: 'a registry user name without spaces',
};

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const STAGE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const USERNAME = /^[^\s]{1,256}$/;
const SECRET_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every input of build-image/action.yml, read once; keys are the action.yml names. */
export interface Inputs {
  /** The first names the build (cache, summary); the others are more names for it. */
  image: [string, ...string[]];
  tags: string[];
  latest: LatestPolicy;
  labels: Array<[string, string]>;
  context: string;
  file?: string;
  target?: string;
  platforms: string[];
  'build-args': Array<[string, string]>;
  secrets: Array<[string, string]>;
  cache: 'none' | 'gha' | 'registry';
  push?: boolean;
  registry?: string;
  username?: string;
  password?: string;
  engine: Engine;
  'manifest-name'?: string;
  'allow-untrusted-event': boolean;
  /** Warnings found while reading (capitals folded in image names), logged when the action runs. */
  notices: string[];
}

/** Paths reach the engine as argv (never a shell): refuse only what could read as an option or break a line. */
function safePath(name: string, value: string): string {
  if (value.startsWith('-') || hasControlCharacter(value))
    throw new ConfigurationError(messages.invalidInput(name, forms.path, value));
  return value;
}

/** Image names are lower-case in Docker references: capitals are folded, with a warning naming them. */
function readImages(read: InputReader, notices: string[]): [string, ...string[]] {
  const names = read.list('image', { required: true, accepted: forms.image });
  const [first, ...rest] = names.map((name) => {
    const lower = name.replace(/\/.*$/s, (path) => path.toLowerCase());
    const folded = name.includes('/') ? lower : name.toLowerCase();
    if (folded !== name)
      notices.push(`Input 'image': '${name}' has capitals; using '${folded}' (image names are lower-case)`);
    if (!IMAGE_NAME.test(folded))
      throw new ConfigurationError(messages.invalidInput('image', forms.image, name));
    return folded;
  });
  if (first === undefined) throw new ConfigurationError(messages.requiredInput('image', forms.image));
  return [first, ...rest];
}

export function readInputs(read: InputReader): Inputs {
  const notices: string[] = [];
  const image = readImages(read, notices);
  const pushText = read.string('push');
  if (pushText !== undefined && pushText !== 'true' && pushText !== 'false')
    throw new ConfigurationError(
      messages.invalidInput('push', 'true or false (empty: push except on pull requests)', pushText),
    );
  const engine = read.enum('engine', ['docker', 'podman'] as const);
  const platforms = read.list('platforms', { item: PLATFORM, accepted: forms.platforms });
  if (engine === 'podman' && platforms.length > 1)
    throw new ConfigurationError(
      `Input 'platforms': podman builds one platform per run here (got ${platforms.join(', ')}); use a matrix, or 'engine: docker' with buildx`,
    );
  const cache = read.enum('cache', ['none', 'gha', 'registry'] as const);
  if (engine === 'podman' && cache === 'gha')
    throw new ConfigurationError(
      "Input 'cache': gha is a BuildKit cache; with 'engine: podman' use registry or none",
    );
  const username = read.string('username', { pattern: USERNAME, accepted: forms.username });
  const password = read.string('password', { secret: true });
  if ((username === undefined) !== (password === undefined))
    throw new ConfigurationError(
      "Inputs 'username' and 'password' go together: set both to log in, or neither",
    );
  const file = read.string('file');
  return {
    image,
    tags: read.list('tags', { item: TAG, accepted: forms.tags }),
    latest: read.enum('latest', ['auto', 'true', 'false'] as const),
    labels: read.keyValues('labels', { key: LABEL_KEY, keyForm: forms.labelKey }),
    context: safePath('context', read.string('context', { required: true, accepted: forms.path })),
    file: file === undefined ? undefined : safePath('file', file),
    target: read.string('target', { pattern: STAGE, accepted: forms.target }),
    platforms,
    'build-args': read.keyValues('build-args'),
    secrets: read.keyValues('secrets', {
      secret: true,
      key: SECRET_ID,
      keyForm: 'a secret id ([A-Za-z_][A-Za-z0-9_]*)',
    }),
    cache,
    push: pushText === undefined ? undefined : pushText === 'true',
    registry: read.string('registry', { pattern: REGISTRY_HOST, accepted: forms.registry }),
    username,
    password,
    engine,
    'manifest-name': read.string('manifest-name', {
      pattern: /^[a-z0-9][a-z0-9_.-]{0,63}$/,
      accepted: 'a file name of lower-case letters, digits and _ . -',
    }),
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
    notices,
  };
}
