import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { ActionFailedError, localExec, type Logger } from '@deploy-kit/core';
import { registryOf } from '@deploy-kit/image';
import type { RemoteHost } from './remote.js';
import { IMAGE_ID, IMAGE_LOAD, IMAGE_PULL, IMAGE_TAG } from './scripts.js';
import type { ContainerConfig } from './types.js';

/** The tag every deployed image gets on the host: rollback starts it again without a pull. */
export function localImageTag(app: string, version: string): string {
  return `localhost/deploy-kit/${app}:${version}`;
}

export function containerName(app: string, slot: string): string {
  return `${app}-${slot}`;
}

/** Image IDs differ only by docker's `sha256:` prefix between engines. */
export function normalizeImageId(id: string): string {
  return id.trim().replace(/^sha256:/, '');
}

/** Docker's env-file format: KEY=VALUE lines, taken literally (no quotes, no expansion). */
export function renderContainerEnvFile(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${key}=${value}\n`).join('');
}

interface LocalImage {
  id: string;
  /** What `save` is given: the input reference, or the local tag after a pull. */
  saveRef: string;
}

/** IMAGE_PULL's arguments (the password goes on stdin), the same on the runner and on a host. */
function pullArgs(container: ContainerConfig, tag: string): string[] {
  const { engine, image } = container;
  return [engine, image, tag, container.registry ?? registryOf(image), container.username ?? ''];
}

/** The image ID a pull or load script prints last. */
const printedImageId = (stdout: string): string => normalizeImageId(stdout.trim().split('\n').pop() ?? '');

/** One promise per key for the whole run: the work behind it happens once, whoever asks first. */
function once<T>(cache: Map<string, Promise<T>>, key: string, start: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = start();
    cache.set(key, pending);
  }
  return pending;
}

const runnerImages = new Map<string, Promise<LocalImage>>();

/**
 * The image on the runner. An image built and pushed by an earlier job (or by buildx, which does
 * not load what it pushes) is not in the runner's engine under its digest: it is pulled once per
 * run, with the credentials in a temporary config dir, as on a host.
 */
function runnerImage(container: ContainerConfig, tag: string): Promise<LocalImage> {
  return once(runnerImages, `${container.engine} ${container.image}`, async () => {
    const { engine, image } = container;
    const found = await localExec([engine, 'image', 'inspect', '--format', '{{.Id}}', image]);
    if (found.code === 0) return { id: normalizeImageId(found.stdout), saveRef: image };
    const pulled = await localExec(['sh', '-c', IMAGE_PULL, 'dk-pull', ...pullArgs(container, tag)], {
      stdin: container.password ?? '',
    });
    if (pulled.code !== 0)
      throw new ActionFailedError(
        `image-transfer ssh: the runner has no image ${image}, and pulling it there failed: ${pulled.stderr.trim() || `exit ${pulled.code ?? '?'}`}`,
      );
    return { id: printedImageId(pulled.stdout), saveRef: tag };
  });
}

/** `<engine> save ref`, gzip'd (level 1: the network, not the CPU, should set the pace). */
function startSave(
  engine: string,
  ref: string,
): { gzip: ReturnType<typeof createGzip>; done: Promise<void> } {
  const save = spawn(engine, ['save', ref], { stdio: ['ignore', 'pipe', 'pipe'] });
  let saveError = '';
  save.stderr.on('data', (d: Buffer) => (saveError += d.toString()));
  const gzip = createGzip({ level: 1 });
  save.stdout.pipe(gzip);
  const done = new Promise<void>((resolve, reject) =>
    save.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new ActionFailedError(`${engine} save ${ref} failed: ${saveError.trim()}`)),
    ),
  );
  // Awaited only after the load: a failed save must not count as an unhandled rejection meanwhile.
  done.catch(() => undefined);
  return { gzip, done };
}

const sharedSaves = new Map<string, Promise<void>>();

/**
 * The gzip'd image for one host's `load`. Several hosts: saved once into `sharedArchive` (only when
 * a host lacks the image), which each host then reads; one host: `save` streamed straight through.
 */
async function imageArchive(
  container: ContainerConfig,
  local: LocalImage,
): Promise<{ stream: Readable; done: Promise<void>; bytes(): number }> {
  const file = container.sharedArchive;
  if (file) {
    await once(sharedSaves, file, async () => {
      const save = startSave(container.engine, local.saveRef);
      await Promise.all([pipeline(save.gzip, createWriteStream(file, { mode: 0o600 })), save.done]);
    });
    const size = statSync(file).size;
    return { stream: createReadStream(file), done: Promise.resolve(), bytes: () => size };
  }
  const save = startSave(container.engine, local.saveRef);
  let bytes = 0;
  save.gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
  return { stream: save.gzip, done: save.done, bytes: () => bytes };
}

/**
 * Makes sure the host has the image, tagged `localImageTag(app, version)`; returns its ID.
 * registry: pulled on the host with credentials in a temporary config dir (password on stdin).
 * ssh: `save` on the runner (pulled there first if missing), gzip'd and streamed over the existing connection into `load` on the
 * host, skipped when the host already has that image ID.
 */
export async function ensureImage(
  host: RemoteHost,
  container: ContainerConfig,
  tag: string,
  options: { logger: Logger; signal: AbortSignal; timeoutMs: number },
): Promise<{ imageId: string; transferred: boolean }> {
  const { engine } = container;
  if (container.transfer === 'registry') {
    const result = await host.must('pull', IMAGE_PULL, pullArgs(container, tag), {
      stdin: container.password ?? '',
    });
    return { imageId: printedImageId(result.stdout), transferred: true };
  }
  const local = await runnerImage(container, tag);
  const present = await host.script('image-id', IMAGE_ID, [engine, local.id]);
  if (present.code === 0) {
    await host.must('tag', IMAGE_TAG, [engine, local.id, tag]);
    options.logger.info(
      `${host.label}: image ${local.id.slice(0, 12)} is already on the host; nothing to transfer`,
    );
    return { imageId: local.id, transferred: false };
  }
  const archive = await imageArchive(container, local);
  const loaded = await host.script('load', IMAGE_LOAD, [engine, tag], {
    stdin: archive.stream,
    timeoutMs: options.timeoutMs,
  });
  await archive.done;
  const bytes = archive.bytes();
  if (loaded.code !== 0) {
    options.logger.untrusted(loaded.stderr.trim());
    throw new ActionFailedError(`${host.label}: loading the image failed (exit ${loaded.code ?? '?'})`);
  }
  const imageId = printedImageId(loaded.stdout);
  if (imageId !== local.id)
    throw new ActionFailedError(
      `${host.label}: the loaded image is ${imageId.slice(0, 12)}, expected ${local.id.slice(0, 12)}`,
    );
  options.logger.info(
    `${host.label}: transferred image ${local.id.slice(0, 12)} (${(bytes / 1e6).toFixed(1)} MB gzip) over SSH`,
  );
  return { imageId, transferred: true };
}
