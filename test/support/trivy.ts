import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, startHttpServer, type TestServer } from './http.js';
import { repoRoot, fixturesDir } from './paths.js';
import { runOk } from './procs.js';
import { makeTempDir } from './tempdir.js';

/**
 * The stand-in release's version: not the pinned default (whose real checksums are in the code and
 * which a made-up archive cannot match), so the checksums-file path runs.
 */
export const STANDIN_VERSION = '0.71.1';
export const fixture = (name: string): string => join(fixturesDir, 'trivy', 'json', name);

export interface TrivyRelease {
  /** `download-url` for trivy-scan: the release directory with `{version}`. */
  downloadUrl: string;
  archiveName: string;
  sha256: string;
  server: TestServer;
  /** Paths requested so far. */
  paths(): string[];
  /** From now on, the checksums file lists another hash for the archive. */
  corruptChecksum(): void;
  close(): Promise<void>;
}

/**
 * A release directory as GitHub serves Trivy's: `trivy_<v>_Linux-64bit.tar.gz` (holding the
 * stand-in as `trivy`, plus LICENSE and README.md like the real archive) and
 * `trivy_<v>_checksums.txt`, under `/v<version>/`; anything else is 404.
 */
export async function startTrivyRelease(version = STANDIN_VERSION, host?: string): Promise<TrivyRelease> {
  const temp = makeTempDir('trivy-release');
  const staging = join(temp.path, 'staging');
  mkdirSync(staging);
  copyFileSync(join(repoRoot, 'test', 'support', 'trivy-standin.mjs'), join(staging, 'trivy'));
  chmodSync(join(staging, 'trivy'), 0o755);
  writeFileSync(join(staging, 'LICENSE'), 'Apache License 2.0 (stand-in)\n');
  writeFileSync(join(staging, 'README.md'), '# Trivy (stand-in)\n');
  const archiveName = `trivy_${version}_Linux-64bit.tar.gz`;
  const archivePath = join(temp.path, archiveName);
  await runOk('tar', ['-czf', archivePath, '-C', staging, 'trivy', 'LICENSE', 'README.md']);
  const archive = readFileSync(archivePath);
  const sha256 = createHash('sha256').update(archive).digest('hex');
  let listed = sha256;
  const checksums = (): string =>
    [
      `${'0'.repeat(64)}  trivy_${version}_Linux-ARM64.tar.gz`,
      `${listed}  ${archiveName}`,
      `${'1'.repeat(64)}  trivy_${version}_macOS-64bit.tar.gz`,
    ].join('\n') + '\n';
  const server = await startHttpServer(
    (req, res) => {
      const path = req.url ?? '';
      if (path === `/v${version}/${archiveName}`) {
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.length });
        res.end(archive);
      } else if (path === `/v${version}/trivy_${version}_checksums.txt`) reply(res, 200, checksums());
      else reply(res, 404, 'Not Found');
    },
    undefined,
    host,
  );
  return {
    downloadUrl: `${server.url}/v{version}`,
    archiveName,
    sha256,
    server,
    paths: () => server.requests.map((r) => r.url),
    corruptChecksum: () => {
      listed = createHash('sha256').update('not the archive').digest('hex');
    },
    close: async () => {
      await server.close();
      temp.remove();
    },
  };
}

/** A registry answering the OCI API root, where the stand-in "downloads" the database from. */
export async function startDbRegistry(): Promise<TestServer> {
  return startHttpServer((req, res) => reply(res, req.url === '/v2/' ? 200 : 404, '{}'));
}

export type StandinReport = string | { error: string } | { garbage: true } | { hang: true };

export interface StandinSetup {
  env: Record<string, string>;
  /** argv of every stand-in invocation so far. */
  invocations(): string[][];
  /** The scans among them (not --version, not database downloads). */
  scans(): string[][];
  dir: string;
  remove(): void;
}

/** Environment for the stand-in: which report each target gets, and where invocations are logged. */
export function standin(reports: Record<string, StandinReport>): StandinSetup {
  const temp = makeTempDir('trivy-standin');
  const reportsFile = join(temp.path, 'reports.json');
  const log = join(temp.path, 'invocations.jsonl');
  writeFileSync(reportsFile, JSON.stringify(reports));
  const invocations = (): string[][] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as string[])
      : [];
  return {
    env: { TRIVY_STANDIN_REPORTS: reportsFile, TRIVY_STANDIN_LOG: log },
    invocations,
    scans: () => invocations().filter((a) => a[0] !== '--version' && !a.includes('--download-db-only')),
    dir: temp.path,
    remove: () => temp.remove(),
  };
}
