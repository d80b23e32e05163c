import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import { IMAGE_NAME, TAG } from '@deploy-kit/image';
import type { ContainerConfig, DeployMode } from '@deploy-kit/release';

export const containerForms = {
  image: 'an image reference, name[:tag][@sha256:<64 hex>] with a lower-case name (prefer a digest)',
  manifest: 'a JSON file {"<name>": "<image>@sha256:…"} written by build-image\'s manifest-name',
  runArgs:
    'engine run options, one argv item per line, starting with an option (not --name, --network, -p/--publish, --env-file, -d or --rm, which deploy-ssh sets)',
  registry: 'a registry host[:port]',
  username: 'a registry user name without spaces',
};

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const REGISTRY = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?$/;
/** Options deploy-ssh sets itself: a second one would fight the slot's name, port or env. */
const RESERVED =
  /^(?:--name|--network|--net|-p|--publish|--publish-all|-P|--env-file|-d|--detach|--rm)(?:=|$)/;

/** name[:tag][@sha256:…]: each part checked on its own (the name grammar forbids capitals). */
export function isImageReference(ref: string): boolean {
  const at = ref.indexOf('@');
  const named = at >= 0 ? ref.slice(0, at) : ref;
  if (at >= 0 && !DIGEST.test(ref.slice(at + 1))) return false;
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? named.slice(0, colon) : named;
  return IMAGE_NAME.test(name) && (!hasTag || TAG.test(named.slice(colon + 1)));
}

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
