import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
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

const runnerImages = new Map<string, Promise<LocalImage>>();

/**
 * The image on the runner. An image built and pushed by an earlier job (or by buildx, which does
 * not load what it pushes) is not in the runner's engine under its digest: it is pulled once per
 * run, with the credentials in a temporary config dir, as on a host.
 */
function runnerImage(container: ContainerConfig, tag: string): Promise<LocalImage> {
  const key = `${container.engine} ${container.image}`;
  let image = runnerImages.get(key);
  if (!image) {
    image = findOrPullOnRunner(container, tag);
    runnerImages.set(key, image);
  }
  return image;
}

async function findOrPullOnRunner(container: ContainerConfig, tag: string): Promise<LocalImage> {
  const { engine, image } = container;
  const inspect = async (ref: string) => localExec([engine, 'image', 'inspect', '--format', '{{.Id}}', ref]);
  const found = await inspect(image);
  if (found.code === 0) return { id: normalizeImageId(found.stdout), saveRef: image };
  const pulled = await localExec(
    [
      'sh',
      '-c',
      IMAGE_PULL,
      'dk-pull',
      engine,
      image,
      tag,
      container.registry ?? registryOf(image),
      container.username ?? '',
    ],
    { stdin: container.password ?? '' },
  );
  if (pulled.code !== 0)
    throw new ActionFailedError(
      `image-transfer ssh: the runner has no image ${image}, and pulling it there failed: ${pulled.stderr.trim() || `exit ${pulled.code ?? '?'}`}`,
    );
  return { id: normalizeImageId(pulled.stdout.trim().split('\n').pop() ?? ''), saveRef: tag };
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
  return { gzip, done };
}

const sharedSaves = new Map<string, Promise<void>>();

/**
 * For ssh transfer to several hosts: saves the image once into `file` (gzip'd), which each host's
 * load then reads, instead of one `save` per host. Only when a host lacks it; once per run.
 */
function saveShared(container: ContainerConfig, local: LocalImage, file: string): Promise<void> {
  let saving = sharedSaves.get(file);
  if (!saving) {
    const save = startSave(container.engine, local.saveRef);
    saving = Promise.all([pipeline(save.gzip, createWriteStream(file, { mode: 0o600 })), save.done]).then(
      () => undefined,
    );
    sharedSaves.set(file, saving);
  }
  return saving;
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
    const result = await host.must(
      'pull',
      IMAGE_PULL,
      [
        engine,
        container.image,
        tag,
        container.registry ?? registryOf(container.image),
        container.username ?? '',
      ],
      { stdin: container.password ?? '' },
    );
    return { imageId: normalizeImageId(result.stdout.trim().split('\n').pop() ?? ''), transferred: true };
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
  let bytes = 0;
  let loaded;
  if (container.sharedArchive) {
    await saveShared(container, local, container.sharedArchive);
    bytes = statSync(container.sharedArchive).size;
    loaded = await host.script('load', IMAGE_LOAD, [engine, tag], {
      stdin: createReadStream(container.sharedArchive),
      timeoutMs: options.timeoutMs,
    });
  } else {
    const save = startSave(engine, local.saveRef);
    save.gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
    loaded = await host.script('load', IMAGE_LOAD, [engine, tag], {
      stdin: save.gzip,
      timeoutMs: options.timeoutMs,
    });
    await save.done;
  }
  if (loaded.code !== 0) {
    options.logger.untrusted(loaded.stderr.trim());
    throw new ActionFailedError(`${host.label}: loading the image failed (exit ${loaded.code ?? '?'})`);
  }
  const imageId = normalizeImageId(loaded.stdout.trim().split('\n').pop() ?? '');
  if (imageId !== local.id)
    throw new ActionFailedError(
      `${host.label}: the loaded image is ${imageId.slice(0, 12)}, expected ${local.id.slice(0, 12)}`,
    );
  options.logger.info(
    `${host.label}: transferred image ${local.id.slice(0, 12)} (${(bytes / 1e6).toFixed(1)} MB gzip) over SSH`,
  );
  return { imageId, transferred: true };
}
