import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ActionFailedError,
  formatMs,
  type Clock,
  type KeyedCache,
  type LocalExec,
  type Logger,
} from '@deploy-kit/core';
import { dbDownloadArgv } from './commands.js';

/** Mirror first (no rate limit), then the upstream registry: the order trivy-action users switch to. */
export const DEFAULT_DB_REPOSITORIES = [
  'mirror.gcr.io/aquasec/trivy-db:2',
  'ghcr.io/aquasecurity/trivy-db:2',
];

const KEY_PREFIX = 'deploy-kit-trivy-db-';

export interface DbRequest {
  trivy: string;
  cacheDir: string;
  repositories: readonly string[];
  maxAgeMs: number;
  /** Restore/save the database with the cache (`cache-db`). */
  useCache: boolean;
  timeoutMs: number;
}

export interface DbDeps {
  exec: LocalExec;
  cache: KeyedCache;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
}

export interface PreparedDb {
  /** When the database was built (Trivy's metadata `UpdatedAt`), ISO 8601. */
  updatedAt: string;
  /** today's cache entry, a fresh download, or an older copy kept because every download failed. */
  source: 'cache' | 'download' | 'stale';
  repository?: string;
}

/** Trivy's `db/metadata.json` `UpdatedAt`, or undefined when there is no usable database. */
export function readDbUpdatedAt(cacheDir: string): string | undefined {
  const dir = join(cacheDir, 'db');
  if (!existsSync(join(dir, 'trivy.db')) || !existsSync(join(dir, 'metadata.json'))) return undefined;
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as { UpdatedAt?: unknown };
    return typeof meta.UpdatedAt === 'string' && !Number.isNaN(Date.parse(meta.UpdatedAt))
      ? meta.UpdatedAt
      : undefined;
  } catch {
    return undefined;
  }
}

export function dbCacheKey(now: number): string {
  return `${KEY_PREFIX}${new Date(now).toISOString().slice(0, 10)}`;
}

function lastLines(text: string, count = 3): string {
  return text.trim().split('\n').slice(-count).join(' / ');
}

/**
 * Makes sure a vulnerability database is in `cacheDir` before the scan: today's cache entry, else a
 * download from the first repository that answers, else (every download failed) a cached copy no
 * older than `maxAgeMs`, with a warning. Otherwise it fails: a scan without a database would report
 * "0 vulnerabilities" for anything.
 */
export async function prepareDatabase(request: DbRequest, deps: DbDeps): Promise<PreparedDb> {
  const { logger, clock } = deps;
  const dbDir = join(request.cacheDir, 'db');
  const todayKey = dbCacheKey(clock.now());
  let restored: string | undefined;
  if (request.useCache) {
    try {
      restored = await deps.cache.restore([dbDir], todayKey, [KEY_PREFIX]);
    } catch (error) {
      logger.warning(`Restoring the Trivy database cache failed: ${String(error)}`);
    }
  }
  const ageOf = (updatedAt: string): number => clock.now() - Date.parse(updatedAt);
  const cachedAt = readDbUpdatedAt(request.cacheDir);
  if (restored === todayKey && cachedAt && ageOf(cachedAt) <= request.maxAgeMs) {
    logger.info(`Trivy database from the cache (${todayKey}, built ${cachedAt})`);
    return { updatedAt: cachedAt, source: 'cache' };
  }
  const failures: string[] = [];
  for (const repository of request.repositories) {
    const result = await deps.exec(
      dbDownloadArgv(request.trivy, request.cacheDir, repository, request.timeoutMs),
      {
        signal: deps.signal,
        timeoutMs: request.timeoutMs,
      },
    );
    const updatedAt = result.code === 0 ? readDbUpdatedAt(request.cacheDir) : undefined;
    if (updatedAt) {
      logger.info(`Trivy database downloaded from ${repository} (built ${updatedAt})`);
      if (request.useCache) {
        try {
          await deps.cache.save([dbDir], todayKey);
        } catch (error) {
          logger.warning(`Saving the Trivy database to the cache failed: ${String(error)}`);
        }
      }
      return { updatedAt, source: 'download', repository };
    }
    const why =
      result.code === 0 ? 'Trivy exited 0 but wrote no database' : lastLines(result.stderr || result.stdout);
    failures.push(`${repository}: ${why}`);
    logger.warning(`Trivy database download from ${repository} failed: ${why}`);
  }
  const tried = failures.join('; ');
  if (!cachedAt)
    throw new ActionFailedError(
      `No Trivy vulnerability database: every download failed (${tried}) and none is cached; ` +
        'refusing to scan without one',
    );
  const age = ageOf(cachedAt);
  if (age > request.maxAgeMs)
    throw new ActionFailedError(
      `Every Trivy database download failed (${tried}) and the cached database is ${formatMs(age)} old ` +
        `(built ${cachedAt}), older than max-db-age ${formatMs(request.maxAgeMs)}; refusing to scan with it`,
    );
  logger.warning(
    `Every Trivy database download failed; scanning with the cached database built ${cachedAt} ` +
      `(${formatMs(age)} old, within max-db-age ${formatMs(request.maxAgeMs)})`,
  );
  return { updatedAt: cachedAt, source: 'stale' };
}
