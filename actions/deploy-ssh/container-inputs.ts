import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import { imageReferenceForm, isImageReference } from '@deploy-kit/image';
import type { ContainerConfig, DeployMode } from '@deploy-kit/release';

export const containerForms = {
  image: `${imageReferenceForm} (prefer a digest)`,
  manifest: 'a JSON file {"<name>": "<image>@sha256:…"} written by build-image\'s manifest-name',
  runArgs:
    'engine run options, one argv item per line, starting with an option (not --name, --network, -p/--publish, --env-file, -d or --rm, which deploy-ssh sets)',
  registry: 'a registry host[:port]',
  username: 'a registry user name without spaces',
};

const REGISTRY = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?$/;
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

/** The container-mode inputs; undefined in release mode (where setting them is an error). */
export function readContainerInputs(
  read: InputReader,
  mode: DeployMode,
  app: string,
): ContainerConfig | undefined {
  const imageText = read.string('image');
  const manifestPath = read.string('image-manifest');
  const transfer = read.enum('image-transfer', ['registry', 'ssh'] as const);
  const engine = read.enum('engine', ['docker', 'podman'] as const);
  const containerPort = read.int('container-port', { min: 1, max: 65535 });
  const registry = read.string('registry', { pattern: REGISTRY, accepted: containerForms.registry });
  const username = read.string('registry-username', {
    pattern: /^\S{1,256}$/,
    accepted: containerForms.username,
  });
  const password = read.string('registry-password', { secret: true });
  // One argv item per line (commas are common inside options, so not a list separator here).
  const runArgs = (read.string('run-args') ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (mode !== 'container') {
    if (
      imageText !== undefined ||
      manifestPath !== undefined ||
      runArgs.length > 0 ||
      containerPort !== undefined
    )
      throw new ConfigurationError(
        "Inputs 'image', 'image-manifest', 'container-port' and 'run-args' need 'mode: container'",
      );
    return undefined;
  }
  if ((imageText === undefined) === (manifestPath === undefined))
    throw new ConfigurationError("mode container needs exactly one of 'image' and 'image-manifest'");
  const image = imageText ?? readManifest(manifestPath!, app);
  const from = imageText !== undefined ? 'image' : 'image-manifest';
  if (!isImageReference(image))
    throw new ConfigurationError(messages.invalidInput(from, containerForms.image, image));
  if ((username === undefined) !== (password === undefined))
    throw new ConfigurationError(
      "Inputs 'registry-username' and 'registry-password' go together: set both, or neither",
    );
  if (runArgs.length > 0 && !runArgs[0]!.startsWith('-'))
    throw new ConfigurationError(messages.invalidInput('run-args', containerForms.runArgs, runArgs[0]!));
  for (const arg of runArgs) {
    if (RESERVED.test(arg) || hasControlCharacter(arg))
      throw new ConfigurationError(messages.invalidInput('run-args', containerForms.runArgs, arg));
  }
  return { image, transfer, engine, containerPort, registry, username, password, runArgs };
}
