import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  ConfigurationError,
  hasControlCharacter,
  loadYaml,
  messages,
  type InputReader,
} from '@deploy-kit/core';
import { imageReferenceForm, isImageReference, registryOf, REGISTRY_HOST } from '@deploy-kit/image';
import {
  COMPOSE_RESERVED_KEYS,
  composeEnvPairs,
  composeEnvValueProblem,
  type ComposeConfig,
  type ContainerConfig,
  type DeployMode,
  planComposeSlots,
  type Strategy,
} from '@deploy-kit/release';

export const containerForms = {
  image: `${imageReferenceForm} (prefer a digest)`,
  manifest: 'a JSON file {"<name>": "<image>@sha256:…"} written by build-image\'s manifest-name',
  runArgs:
    'engine run options, one argv item per line, starting with an option (not --name, --network, -p/--publish, --env-file, -d or --rm, which deploy-ssh sets)',
  registry: 'a registry host[:port]',
  username: 'a registry user name without spaces',
  composeFile: 'a compose file (compose.yaml) on the runner, relative to the workspace, up to 1 MB',
  services: 'compose service names ([a-zA-Z0-9][a-zA-Z0-9_.-]*)',
};

/** Options deploy-ssh sets itself: a second one would fight the slot's name, port or env. */
const RESERVED =
  /^(?:--name|--network|--net|-p|--publish|--publish-all|-P|--env-file|-d|--detach|--rm)(?:=|$)/;

function readManifest(path: string, app: string): string {
  if (!existsSync(path))
    throw new ConfigurationError(messages.invalidInput('image-manifest', containerForms.manifest, path));
  let entries: Array<[string, unknown]>;
  try {
    entries = Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
  } catch {
    throw new ConfigurationError(messages.invalidInput('image-manifest', containerForms.manifest, path));
  }
  const chosen = entries.length === 1 ? entries[0] : entries.find(([name]) => name === app);
  if (!chosen || typeof chosen[1] !== 'string')
    throw new ConfigurationError(
      `Input 'image-manifest': ${path} has ${entries.map(([n]) => n).join(', ') || 'no entries'}; expected one entry, or one named '${app}'`,
    );
  return chosen[1];
}

interface ImageSource {
  image?: string;
  registry?: string;
  username?: string;
  password?: string;
}

/** image or image-manifest (the reference checked), and the registry login: container and compose modes. */
function readImageSource(read: InputReader, app: string, required: boolean, mode: DeployMode): ImageSource {
  const imageText = read.string('image');
  const manifestPath = read.string('image-manifest');
  const registry = read.string('registry', { pattern: REGISTRY_HOST, accepted: containerForms.registry });
  const username = read.string('registry-username', {
    pattern: /^\S{1,256}$/,
    accepted: containerForms.username,
  });
  const password = read.string('registry-password', { secret: true });
  if (imageText !== undefined && manifestPath !== undefined)
    throw new ConfigurationError(`mode ${mode} takes one of 'image' and 'image-manifest', not both`);
  if (required && imageText === undefined && manifestPath === undefined)
    throw new ConfigurationError("mode container needs exactly one of 'image' and 'image-manifest'");
  const image = imageText ?? (manifestPath !== undefined ? readManifest(manifestPath, app) : undefined);
  if (image !== undefined && !isImageReference(image))
    throw new ConfigurationError(
      messages.invalidInput(
        imageText !== undefined ? 'image' : 'image-manifest',
        containerForms.image,
        image,
      ),
    );
  if ((username === undefined) !== (password === undefined))
    throw new ConfigurationError(
      "Inputs 'registry-username' and 'registry-password' go together: set both, or neither",
    );
  return { image, registry, username, password };
}

/** The container-mode inputs; undefined in the other modes (where the container-only ones are an error). */
export function readContainerInputs(
  read: InputReader,
  mode: DeployMode,
  app: string,
): ContainerConfig | undefined {
  const transfer = read.enum('image-transfer', ['registry', 'ssh'] as const);
  const engine = read.enum('engine', ['docker', 'podman'] as const);
  const containerPort = read.int('container-port', { min: 1, max: 65535 });
  // One argv item per line (commas are common inside options, so not a list separator here).
  const runArgs = (read.string('run-args') ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (mode !== 'container') {
    if (runArgs.length > 0 || containerPort !== undefined)
      throw new ConfigurationError("Inputs 'container-port' and 'run-args' need 'mode: container'");
    if (
      mode === 'release' &&
      (read.string('image') !== undefined || read.string('image-manifest') !== undefined)
    )
      throw new ConfigurationError(
        "Inputs 'image' and 'image-manifest' need 'mode: container' or 'mode: compose'",
      );
    if (mode === 'compose' && transfer === 'ssh')
      throw new ConfigurationError(
        "Input 'image-transfer' ssh is for mode container; in compose mode the host pulls the project's images",
      );
    return undefined;
  }
  const { image, registry, username, password } = readImageSource(read, app, true, mode);
  const [firstArg] = runArgs;
  if (firstArg !== undefined && !firstArg.startsWith('-'))
    throw new ConfigurationError(messages.invalidInput('run-args', containerForms.runArgs, firstArg));
  for (const arg of runArgs) {
    if (RESERVED.test(arg) || hasControlCharacter(arg))
      throw new ConfigurationError(messages.invalidInput('run-args', containerForms.runArgs, arg));
  }
  if (image === undefined)
    throw new ConfigurationError(messages.requiredInput('image', containerForms.image));
  return { image, transfer, engine, containerPort, registry, username, password, runArgs };
}

const SERVICE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const COMPOSE_FILE_LIMIT = 1024 * 1024;

/**
 * The compose-mode inputs; undefined in the other modes (where compose-file and services are an
 * error). Asynchronous because blue-green loads the YAML parser to plan its slot file.
 */
export async function readComposeInputs(
  read: InputReader,
  mode: DeployMode,
  app: string,
  env: ReadonlyArray<readonly [string, string]>,
  workspace: string,
  rollout: { strategy: Strategy; ports: readonly number[]; version: string },
): Promise<ComposeConfig | undefined> {
  const file = read.string('compose-file');
  const services = read.list('services', { item: SERVICE, accepted: containerForms.services });
  if (mode !== 'compose') {
    if (file !== undefined || services.length > 0)
      throw new ConfigurationError("Inputs 'compose-file' and 'services' need 'mode: compose'");
    return undefined;
  }
  if (file === undefined)
    throw new ConfigurationError(messages.requiredInput('compose-file', containerForms.composeFile));
  const path = isAbsolute(file) ? file : resolve(workspace, file);
  let content: string;
  try {
    if (statSync(path).size > COMPOSE_FILE_LIMIT) throw new Error('too large');
    content = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigurationError(messages.invalidInput('compose-file', containerForms.composeFile, file));
  }
  const engine = read.enum('engine', ['docker', 'podman'] as const);
  const { image, registry, username, password } = readImageSource(read, app, false, mode);
  for (const [key, value] of env) {
    if ((COMPOSE_RESERVED_KEYS as readonly string[]).includes(key))
      throw new ConfigurationError(
        `Input 'env': ${key} is written by deploy-ssh in compose mode (VERSION, IMAGE); choose another name`,
      );
    const problem = composeEnvValueProblem(value);
    if (problem)
      throw new ConfigurationError(
        `Input 'env': the value of ${key} has ${problem}, which a compose env file cannot hold`,
      );
  }
  if (username !== undefined && registry === undefined && image === undefined)
    throw new ConfigurationError(
      messages.requiredInput('registry', `${containerForms.registry}, to log in to for the project's images`),
    );
  const [blue, green] = rollout.ports;
  const blueGreen = rollout.strategy === 'blue-green' && blue !== undefined && green !== undefined;
  const yaml = blueGreen ? await loadYaml() : undefined;
  return {
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    services,
    engine,
    // Checked here, before any host: a file blue-green cannot run twice is refused with nothing changed.
    rollout:
      blueGreen && yaml
        ? {
            strategy: 'blue-green',
            ...planComposeSlots(
              content,
              {
                named: services,
                ports: [blue, green],
                engine,
                env: composeEnvPairs(image, rollout.version, env),
              },
              yaml,
            ),
          }
        : { strategy: 'in-place' },
    image,
    registry: registry ?? (image ? registryOf(image) : undefined),
    username,
    password,
  };
}
