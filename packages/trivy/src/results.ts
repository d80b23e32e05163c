import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyedCache } from '@deploy-kit/core';

/** Everything that changes what Trivy reports for one image digest. */
export interface ResultIdentity {
  digest: string;
  dbUpdatedAt: string;
  trivyVersion: string;
  scanners: readonly string[];
  skipDirs: readonly string[];
  /** Contents of the ignore file: editing it must re-scan. */
  ignoreFile: string;
}

/**
 * An image digest is immutable and so is a database build: the same pair (with the same options)
 * gives the same report, so repeated pipelines on one digest reuse it instead of running Trivy.
 */
export function resultKey(identity: ResultIdentity): string {
  const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
  return `deploy-kit-trivy-result-${hash}`;
}

function resultDir(cacheDir: string, key: string): string {
  return join(cacheDir, 'deploy-kit-results', key);
}

export async function restoreResult(
  cache: KeyedCache,
  cacheDir: string,
  key: string,
): Promise<string | undefined> {
  const dir = resultDir(cacheDir, key);
  if ((await cache.restore([dir], key)) !== key) return undefined;
  const file = join(dir, 'report.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export async function saveResult(
  cache: KeyedCache,
  cacheDir: string,
  key: string,
  report: string,
): Promise<void> {
  const dir = resultDir(cacheDir, key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), report);
  await cache.save([dir], key);
}
