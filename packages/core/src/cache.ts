import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { localExec, type LocalExec } from './exec.js';
import type { Logger } from './logger.js';

/**
 * A key → directory-snapshot cache with @actions/cache's semantics: keys are immutable (saving an
 * existing key does nothing), restore tries the exact key, then the newest entry whose key starts
 * with each restore key in turn.
 */
export interface KeyedCache {
  readonly kind: 'actions' | 'directory' | 'none';
  /** Restores `paths`; the key that matched, or undefined on a miss. */
  restore(paths: string[], key: string, restoreKeys?: string[]): Promise<string | undefined>;
  /** Saves `paths` under `key`; false when the key already existed or the cache refused. */
  save(paths: string[], key: string): Promise<boolean>;
}

function fileName(key: string): string {
  return `${encodeURIComponent(key)}.tar`;
}

/**
 * A cache in a local directory: the CLI's cache, and the one tests use through the runner harness
 * (`DEPLOY_KIT_CACHE_DIR`). Entries are tar files of absolute paths, written under a temporary
 * name and renamed, so a killed save leaves no half entry.
 */
export function directoryCache(root: string, exec: LocalExec = localExec): KeyedCache {
  const entries = (): Array<{ key: string; file: string; mtime: number }> =>
    existsSync(root)
      ? readdirSync(root)
          .filter((f) => f.endsWith('.tar'))
          .map((f) => ({
            key: decodeURIComponent(f.slice(0, -4)),
            file: join(root, f),
            mtime: statSync(join(root, f)).mtimeMs,
          }))
      : [];
  const tar = async (argv: string[]): Promise<void> => {
    const result = await exec(['tar', ...argv]);
    if (result.code !== 0) throw new Error(`tar ${argv[0]} failed: ${result.stderr.trim()}`);
  };
  return {
    kind: 'directory',
    restore: async (paths, key, restoreKeys = []) => {
      const all = entries();
      let hit = all.find((e) => e.key === key);
      for (const prefix of restoreKeys) {
        if (hit) break;
        hit = all.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.mtime - a.mtime)[0];
      }
      if (!hit) return undefined;
      for (const path of paths) mkdirSync(path, { recursive: true });
      await tar(['-xf', hit.file, '-P']);
      return hit.key;
    },
    save: async (paths, key) => {
      const target = join(root, fileName(key));
      if (existsSync(target)) return false;
      mkdirSync(root, { recursive: true });
      const temp = `${target}.${process.pid}.partial`;
      try {
        await tar(['-cf', temp, '-P', '--', ...paths]);
        renameSync(temp, target);
      } finally {
        rmSync(temp, { force: true });
      }
      return true;
    },
  };
}

/** No cache at all: every restore misses, nothing is saved. */
export const noCache: KeyedCache = {
  kind: 'none',
  restore: () => Promise.resolve(undefined),
  save: () => Promise.resolve(false),
};

/** GitHub's cache service through @actions/cache, loaded only when used (it is large). */
async function actionsCache(logger: Logger): Promise<KeyedCache> {
  const cache = await import('@actions/cache');
  if (!cache.isFeatureAvailable()) {
    logger.warning('The GitHub Actions cache service is not available to this job; caching is off');
    return noCache;
  }
  return {
    kind: 'actions',
    restore: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
    save: async (paths, key) => {
      try {
        await cache.saveCache(paths, key);
        return true;
      } catch (error) {
        // Another job saved the same key first (keys are immutable): not a failure.
        if (error instanceof cache.ReserveCacheError) return false;
        throw error;
      }
    },
  };
}

/**
 * The cache for this run: `DEPLOY_KIT_CACHE_DIR` if set, GitHub's cache service inside Actions,
 * else `~/.cache/deploy-kit/cache` (the CLI on a workstation or a self-hosted box).
 */
export async function openCache(env: NodeJS.ProcessEnv, logger: Logger): Promise<KeyedCache> {
  if (env.DEPLOY_KIT_CACHE_DIR) return directoryCache(env.DEPLOY_KIT_CACHE_DIR);
  if (env.GITHUB_ACTIONS === 'true') return actionsCache(logger);
  return directoryCache(join(env.HOME ?? homedir(), '.cache', 'deploy-kit', 'cache'));
}
