import { randomBytes } from 'node:crypto';
import { ActionFailedError } from '@deploy-kit/core';
import { planIncremental, placedManifest, type IncrementalPlan, type SourceManifest } from './incremental.js';
import { stderrTail, type RemoteHost } from './remote.js';
import {
  HOST_FILES,
  INCREMENTAL_STAGE,
  PREVIOUS_RELEASE,
  REMOVE_PATH,
  VERIFY_AND_PLACE,
  WRITE_FILE,
} from './scripts.js';
import { layout } from './layout.js';
import type { ReleaseSettings } from './types.js';
import { uploadArchive, type UploadResult } from './upload.js';

/** Where a release goes on a host (PREPARE has made the directories). */
export interface PlaceTarget {
  deployPath: string;
  version: string;
  /** The live release, which an incremental upload links from. */
  live?: string;
}

export interface PlaceResult extends UploadResult {
  incremental?: { from: string; sent: number; linked: number };
}

const { releaseDir, filesManifest } = layout;

/**
 * What an upload can take from the live release (PREVIOUS_RELEASE): undefined when there is none,
 * or it has no file manifest (placed before deploy-kit kept one, or from a tarball).
 */
async function livePlan(
  host: RemoteHost,
  target: PlaceTarget,
  manifest: SourceManifest,
): Promise<{ from: string; plan: IncrementalPlan } | undefined> {
  const from = target.live;
  if (from === undefined || from === target.version) return undefined;
  const result = await host.script('previous-release', PREVIOUS_RELEASE, [
    releaseDir(target.deployPath, from),
    filesManifest(target.deployPath, from),
  ]);
  if (result.code === 3) return undefined;
  if (result.code !== 0)
    throw new ActionFailedError(
      `${host.label}: reading the live release failed: ${stderrTail(result.stderr)}`,
    );
  const cut = result.stdout.indexOf('\n--\n');
  if (cut < 0) return undefined;
  return {
    from,
    plan: planIncremental(manifest, {
      manifest: result.stdout.slice(0, cut),
      listing: result.stdout.slice(cut + 4),
    }),
  };
}

/**
 * Puts a release under `releases/<version>`: streamed into a staging directory (with a manifest,
 * only what the live release lacks, the rest hard-linked from it), the placed tree checked against
 * the source, the stream's SHA-256 compared, then renamed into place. The final name never holds a
 * partial or unverified release.
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
  const { manifest, archive, compression } = config.upload;
  const incremental = manifest ? await livePlan(host, target, manifest) : undefined;
  if (incremental) {
    await host.must('stage', INCREMENTAL_STAGE, [releaseDir(target.deployPath, incremental.from), staging], {
      stdin: incremental.plan.remove.map((path) => `${path}\0`).join(''),
    });
  }
  // A full upload to several hosts sends the archive made once; an incremental one, its own list.
  const source = incremental || !archive ? config.source : archive;
  const uploaded = await uploadArchive(host.conn, source, config.exclude, staging, sumFile, {
    timeoutMs: config.commandTimeoutMs,
    signal,
    archive: {
      ...(incremental ? { paths: incremental.plan.sent } : {}),
      gzip: compression === 'gzip',
    },
    into: incremental !== undefined,
  });
  let placed: string | undefined;
  if (manifest) {
    // The tree as placed must be the source's: the same files, the same sizes, nothing more.
    const listing = await host.must('check-tree', HOST_FILES, [staging]);
    const check = placedManifest(manifest, listing.stdout);
    if (!check.ok) {
      await host.script('discard', REMOVE_PATH, [staging]);
      throw new ActionFailedError(
        `${host.label}: the uploaded release differs from the source: ${check.difference}`,
      );
    }
    placed = check.manifest;
  }
  await host.must('install', VERIFY_AND_PLACE, [
    sumFile,
    uploaded.sha256,
    staging,
    releaseDir(target.deployPath, target.version),
  ]);
  if (placed !== undefined)
    await host.must('write-files', WRITE_FILE, [filesManifest(target.deployPath, target.version)], {
      stdin: placed,
    });
  return {
    ...uploaded,
    ...(incremental
      ? {
          incremental: {
            from: incremental.from,
            sent: incremental.plan.sent.length - (manifest?.others.length ?? 0),
            linked: incremental.plan.linked.length,
          },
        }
      : {}),
  };
}
