import { spawn } from 'node:child_process';
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
}

async function localImage(engine: string, image: string): Promise<LocalImage> {
  const result = await localExec([engine, 'image', 'inspect', '--format', '{{.Id}}', image]);
  if (result.code !== 0)
    throw new ActionFailedError(
      `image-transfer ssh: the runner has no image ${image} (${engine} image inspect: ${result.stderr.trim()})`,
    );
  return { id: normalizeImageId(result.stdout) };
}

/**
 * Makes sure the host has the image, tagged `localImageTag(app, version)`; returns its ID.
 * registry: pulled on the host with credentials in a temporary config dir (password on stdin).
 * ssh: `save` on the runner, gzip'd and streamed over the existing connection into `load` on the
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
  const local = await localImage(engine, container.image);
  const present = await host.script('image-id', IMAGE_ID, [engine, local.id]);
  if (present.code === 0) {
    await host.must('tag', IMAGE_TAG, [engine, local.id, tag]);
    options.logger.info(
      `${host.label}: image ${local.id.slice(0, 12)} is already on the host; nothing to transfer`,
    );
    return { imageId: local.id, transferred: false };
  }
  const save = spawn(engine, ['save', container.image], { stdio: ['ignore', 'pipe', 'pipe'] });
  let saveError = '';
  save.stderr.on('data', (d: Buffer) => (saveError += d.toString()));
  const saved = new Promise<number | null>((resolve) => save.on('close', resolve));
  const gzip = createGzip({ level: 1 });
  let bytes = 0;
  gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
  save.stdout.pipe(gzip);
  const loaded = await host.script('load', IMAGE_LOAD, [engine, tag], {
    stdin: gzip,
    timeoutMs: options.timeoutMs,
  });
  const saveCode = await saved;
  if (saveCode !== 0)
    throw new ActionFailedError(`${engine} save ${container.image} failed: ${saveError.trim()}`);
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
