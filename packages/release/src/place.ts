import { randomBytes } from 'node:crypto';
import { ActionFailedError } from '@deploy-kit/core';
import { LISTING_LIMIT, planIncremental, placedManifest, type PreviousRelease } from './incremental.js';
import { stderrTail, type RemoteHost } from './remote.js';
import { PREPARE_UPLOAD, REMOVE_PATH, VERIFY_AND_PLACE } from './scripts.js';
import { layout } from './layout.js';
import type { ReleaseSettings } from './types.js';
import { uploadArchive } from './upload.js';

/** Where a release goes on a host. */
export interface PlaceTarget {
  deployPath: string;
  version: string;
  /** The live release, which an incremental upload links from. */
  live?: string;
}

/** How a release travelled: whole, or only what the live release `from` lacks (the rest linked). */
export type Transfer =
  | { kind: 'whole' }
  /** The live release had no file to link (every file changed): the copy went, the release whole. */
  | { kind: 'nothing-to-link'; from: string }
  | { kind: 'incremental'; from: string; sent: number; linked: number };

export interface PlaceResult {
  bytes: number;
  sha256: string;
  transfer: Transfer;
}

const { releaseDir, filesManifest } = layout;

/**
 * Makes the layout (PREPARE_UPLOAD) and, when the upload may be incremental, stages a hard-linked
 * copy of the live release in `staging` in the same step: returns what the host reported of it,
 * or undefined when there is none, or it has no file manifest (placed before deploy-kit kept one,
 * or from a tarball).
 */
async function prepare(
  host: RemoteHost,
  target: PlaceTarget,
  staging: string,
  linkable: boolean,
): Promise<{ from: string; previous: PreviousRelease } | undefined> {
  const from = target.live;
  if (!linkable || from === undefined || from === target.version) {
    await host.must('prepare', PREPARE_UPLOAD, [target.deployPath]);
    return undefined;
  }
  const result = await host.script(
    'prepare',
    PREPARE_UPLOAD,
    [target.deployPath, releaseDir(target.deployPath, from), filesManifest(target.deployPath, from), staging],
    { stdoutLimit: LISTING_LIMIT },
  );
  if (result.code === 3) return undefined;
  if (result.code !== 0)
    throw new ActionFailedError(
      `${host.label}: preparing the upload (reading the live release) failed: ${stderrTail(result.stderr)}`,
    );
  const cut = result.stdout.indexOf('\n--\n');
  if (cut < 0) return undefined;
  return {
    from,
    previous: { manifest: result.stdout.slice(0, cut), listing: result.stdout.slice(cut + 4) },
  };
}

/**
 * Puts a release under `releases/<version>`: streamed into a staging directory (with a manifest,
 * only what the live release lacks, the rest hard-linked from it), the placed tree checked against
 * the source, the stream's SHA-256 compared, then renamed into place. The final name never holds a
 * partial or unverified release. Three steps on the host: prepare (on a redeploy, with the live
 * release's linked copy), receive, install (bench/results/upload.md times each).
 */
export async function placeRelease(
  host: RemoteHost,
  config: Pick<ReleaseSettings, 'source' | 'exclude' | 'upload'> & { commandTimeoutMs: number },
  target: PlaceTarget,
  signal?: AbortSignal,
): Promise<PlaceResult> {
  const token = randomBytes(6).toString('hex');
  const staging = `${target.deployPath}/releases/.incoming-${token}`;
  const sumFile = `${target.deployPath}/.deploy-kit/tmp/${token}.sha256`;
  const { archive, compression } = config.upload;
  // The host reads and copies its live release while the runner may still be hashing the source;
  // without a manifest after all, the receive step starts the staging directory afresh.
  const live = await prepare(host, target, staging, config.upload.manifest !== undefined);
  const manifest = await config.upload.manifest;
  const plan =
    manifest && live ? { from: live.from, ...planIncremental(manifest, live.previous) } : undefined;
  // With nothing to link, a removal list naming every file of the copy costs more than starting
  // afresh (bench/results/upload.md, the redeploy that changes every file).
  const incremental = plan && plan.linked.length > 0 ? plan : undefined;
  // A full upload to several hosts sends the archive made once; an incremental one, its own list.
  const source = incremental || !archive ? config.source : archive;
  const uploaded = await uploadArchive(host.conn, source, config.exclude, staging, sumFile, {
    timeoutMs: config.commandTimeoutMs,
    signal,
    archive: {
      ...(incremental ? { paths: incremental.sent } : {}),
      gzip: compression === 'gzip',
    },
    ...(incremental ? { into: { remove: incremental.remove } } : {}),
    list: manifest !== undefined,
  });
  let placed: string | undefined;
  if (manifest) {
    // The tree as placed must be the source's: the same files, the same sizes, nothing more.
    const check = placedManifest(manifest, uploaded.listing);
    if (!check.ok) {
      await host.script('discard', REMOVE_PATH, [staging]);
      throw new ActionFailedError(
        `${host.label}: the uploaded release differs from the source: ${check.difference}`,
      );
    }
    placed = check.manifest;
  }
  // With a manifest, the same step keeps it beside the release (from stdin).
  const files = placed === undefined ? [] : [filesManifest(target.deployPath, target.version)];
  await host.must(
    'install',
    VERIFY_AND_PLACE,
    [sumFile, uploaded.sha256, staging, releaseDir(target.deployPath, target.version), ...files],
    placed === undefined ? {} : { stdin: placed },
  );
  const transfer: Transfer = incremental
    ? {
        kind: 'incremental',
        from: incremental.from,
        sent: incremental.sent.length - (manifest?.others.length ?? 0),
        linked: incremental.linked.length,
      }
    : plan
      ? { kind: 'nothing-to-link', from: plan.from }
      : { kind: 'whole' };
  return { bytes: uploaded.bytes, sha256: uploaded.sha256, transfer };
}
