// trivy-scan end to end through the runner harness on the committed bundle: install from a local
// release server (checksums verified, tool cache), database download from a local registry,
// the Trivy stand-in printing real Trivy reports, the cache in a directory.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DEFAULT_TRIVY_VERSION, PINNED_TRIVY_SHA256 } from '@deploy-kit/trivy';
import { freePort } from '../support/ports.js';
import { repoRoot, fixturesDir } from '../support/paths.js';
import { ok, runBundle, type RunResult } from '../support/runner.js';
import { makeTempDir } from '../support/tempdir.js';
import {
  fixture,
  standin,
  startDbRegistry,
  startTrivyRelease,
  STANDIN_VERSION,
  type StandinReport,
  type TrivyRelease,
} from '../support/trivy.js';
import { nonLoopbackAddress, type TestServer } from '../support/http.js';
import { startTinyproxy, PROXY_OUTGOING } from '../support/proxy.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const CLEAN = `127.0.0.1:5000/acme/shop@${DIGEST}`; // alpine-310: MEDIUM findings only
const CRITICAL = '127.0.0.1:5000/acme/legacy:1.0'; // alpine-39: two CRITICAL

let release: TrivyRelease;
let registry: TestServer;
const temps: Array<{ remove(): void }> = [];
beforeAll(async () => {
  [release, registry] = await Promise.all([startTrivyRelease(), startDbRegistry()]);
});
afterAll(async () => {
  await Promise.all([release.close(), registry.close()]);
  for (const t of temps) t.remove();
});

interface Bed {
  toolCache: string;
  trivyCache: string;
  cache: string;
  out: string;
  scans(): string[][];
  downloads(): string[][];
  scan(inputs?: Record<string, string>, env?: Record<string, string>): Promise<RunResult>;
}

/** A runner of its own: empty tool cache, Trivy cache, actions cache and output directory. */
function bed(reports: Record<string, StandinReport> = {}): Bed {
  const temp = makeTempDir('trivy-bed');
  temps.push(temp);
  const st = standin({
    [CLEAN]: fixture('alpine-310.json'),
    [CRITICAL]: fixture('alpine-39.json'),
    ...reports,
  });
  temps.push(st);
  const dirs = {
    toolCache: join(temp.path, 'tool-cache'),
    trivyCache: join(temp.path, 'trivy-cache'),
    cache: join(temp.path, 'actions-cache'),
    out: join(temp.path, 'out'),
  };
  return {
    ...dirs,
    scans: () => st.scans(),
    downloads: () => st.invocations().filter((a) => a.includes('--download-db-only')),
    scan: (inputs = {}, env = {}) =>
      runBundle('trivy-scan', {
        inputs: {
          'image-ref': CLEAN,
          'download-url': release.downloadUrl,
          'trivy-version': STANDIN_VERSION,
          'db-repository': `127.0.0.1:${registry.port}/aquasec/trivy-db:2`,
          'output-dir': dirs.out,
          ...inputs,
        },
        env: {
          ...st.env,
          RUNNER_TOOL_CACHE: dirs.toolCache,
          TRIVY_CACHE_DIR: dirs.trivyCache,
          DEPLOY_KIT_CACHE_DIR: dirs.cache,
          ...env,
        },
      }),
  };
}

test('installs a verified Trivy, downloads the database, passes a MEDIUM-only image; the next run downloads nothing and reuses the result', async () => {
  const b = bed();
  const before = release.paths().length;
  const first = await b.scan();
  expect(ok(first)).toEqual({ exit: 0, log: '' });
  expect(first.log).toContain(`SHA-256 ${release.sha256} matches the release checksums`);
  expect(release.paths().slice(before).sort()).toEqual(
    [
      `/v${STANDIN_VERSION}/${release.archiveName}`,
      `/v${STANDIN_VERSION}/trivy_${STANDIN_VERSION}_checksums.txt`,
    ].sort(),
  );
  expect(existsSync(join(b.toolCache, 'trivy', STANDIN_VERSION, 'x64', 'trivy'))).toBe(true);
  expect(first.outputs).toMatchObject({
    critical: '0',
    high: '0',
    medium: '4',
    low: '0',
    unknown: '0',
    total: '4',
    fixable: '4',
    passed: 'true',
  });
  expect(Date.parse(first.outputs['db-updated-at']!)).toBeGreaterThan(Date.now() - 60_000);
  expect(b.downloads()).toHaveLength(1);
  expect(b.scans()).toHaveLength(1);
  // The scan ran once, on the prepared database, for every severity, with the target after `--`.
  expect(b.scans()[0]).toEqual(
    expect.arrayContaining(['image', '--skip-db-update', '--format', 'json', '--', CLEAN]),
  );
  expect(b.scans()[0]).not.toContain('--severity');
  expect(first.summary).toMatch(/trivy-scan: .*✅ passed/);
  expect(first.summary).toContain('[CVE-2019-1549](https://avd.aquasec.com/nvd/cve-2019-1549)');

  const second = await b.scan();
  expect(ok(second)).toEqual({ exit: 0, log: '' });
  expect(second.log).toContain('from the tool cache');
  expect(second.log).toMatch(/reusing the stored scan result, Trivy not run/);
  expect(release.paths().length - before).toBe(2); // nothing downloaded again
  expect(b.downloads()).toHaveLength(1); // today's database came from the cache
  expect(b.scans()).toHaveLength(1); // same digest, same database: no second scan
  expect(second.outputs).toMatchObject({
    medium: '4',
    passed: 'true',
    'db-updated-at': first.outputs['db-updated-at'],
  });

  // A tag is not immutable: the same image by tag is scanned every time.
  const byTag = bed();
  await byTag.scan({ 'image-ref': CRITICAL, 'fail-on': 'none' });
  await byTag.scan({ 'image-ref': CRITICAL, 'fail-on': 'none' });
  expect(byTag.scans()).toHaveLength(2);
});

test('CRITICAL findings fail the step, with outputs, a valid SARIF of the reported severities and a summary', async () => {
  const b = bed();
  const result = await b.scan({ 'image-ref': CRITICAL, severity: 'CRITICAL,HIGH' });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/2 finding\(s\) at fail-on severities CRITICAL,HIGH: CVE-/);
  expect(result.outputs).toMatchObject({
    critical: '2',
    high: '0',
    medium: '0',
    total: '2',
    passed: 'false',
  });
  const sarif = JSON.parse(readFileSync(result.outputs['sarif-file']!, 'utf8')) as {
    runs: Array<{ results: Array<{ level: string }> }>;
  };
  const schema = JSON.parse(readFileSync(join(fixturesDir, 'schemas', 'sarif-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  // MEDIUM findings exist in the report but are not reported: not in SARIF either.
  expect(sarif.runs[0]!.results.map((r) => r.level)).toEqual(['error', 'error']);
  const report = JSON.parse(readFileSync(result.outputs['report-file']!, 'utf8')) as {
    SchemaVersion: number;
  };
  expect(report.SchemaVersion).toBe(2);
  expect(result.summary).toMatch(/⛔ failed: 2 finding/);
  expect(result.summary).toContain('⛔ CRITICAL');
});

test('trivyignore drops the listed findings (Trivy applies it) and the gate passes', async () => {
  const b = bed();
  const ignore = join(makeTempDir('trivyignore').path, '.trivyignore');
  const ids = (
    JSON.parse(readFileSync(fixture('alpine-39.json'), 'utf8')) as {
      Results: Array<{ Vulnerabilities: Array<{ VulnerabilityID: string; Severity: string }> }>;
    }
  ).Results.flatMap((r) => r.Vulnerabilities)
    .filter((v) => v.Severity === 'CRITICAL')
    .map((v) => v.VulnerabilityID);
  writeFileSync(ignore, `# accepted until the rebuild\n${ids.join('\n')}\n`);
  const result = await b.scan({ 'image-ref': CRITICAL, trivyignore: ignore });
  expect(ok(result)).toEqual({ exit: 0, log: '' });
  expect(result.outputs).toMatchObject({ critical: '0', passed: 'true' });
  expect(b.scans()[0]).toEqual(expect.arrayContaining(['--ignorefile', ignore]));
});

test('behind an HTTP proxy: Trivy is downloaded through HTTP_PROXY (@actions/tool-cache); NO_PROXY bypasses it', async () => {
  // @actions/http-client never proxies loopback: the release is served on this machine's own address.
  const host = nonLoopbackAddress();
  const [served, proxy] = await Promise.all([startTrivyRelease(STANDIN_VERSION, host), startTinyproxy()]);
  try {
    const through = bed();
    const result = await through.scan({ 'download-url': served.downloadUrl }, { HTTP_PROXY: proxy.url });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(served.server.requests.map((r) => r.from)).toEqual([PROXY_OUTGOING, PROXY_OUTGOING]);
    expect(proxy.log()).toContain(`CONNECT ${host}:${served.server.port}`);

    const direct = bed();
    const bypassed = await direct.scan(
      { 'download-url': served.downloadUrl },
      { HTTP_PROXY: proxy.url, NO_PROXY: host },
    );
    expect(ok(bypassed)).toEqual({ exit: 0, log: '' });
    expect(served.server.requests.slice(2).map((r) => r.from)).toEqual([host, host]);
  } finally {
    await Promise.all([served.close(), proxy.stop()]);
  }
});

test('a checksum mismatch installs nothing; a missing release is a clear 404', async () => {
  const mismatch = bed();
  const other = await startTrivyRelease();
  try {
    other.corruptChecksum();
    const bad = await mismatch.scan({ 'download-url': other.downloadUrl });
    expect(bad.exitCode).toBe(1);
    expect(bad.log).toContain(`Checksum mismatch for ${other.archiveName}`);
    expect(bad.log).toContain(`the download is ${other.sha256}; nothing installed`);
    expect(existsSync(join(mismatch.toolCache, 'trivy'))).toBe(false);
    expect(mismatch.scans()).toEqual([]);
  } finally {
    await other.close();
  }
  // The pinned default version: a release (or mirror) serving another archive, with a checksums
  // file that agrees with it, is still refused; the message names both digests.
  const pinnedBed = bed();
  const replaced = await startTrivyRelease(DEFAULT_TRIVY_VERSION);
  try {
    const refused = await pinnedBed.scan({
      'download-url': replaced.downloadUrl,
      'trivy-version': DEFAULT_TRIVY_VERSION,
    });
    expect(refused.exitCode).toBe(1);
    const archive = `trivy_${DEFAULT_TRIVY_VERSION}_Linux-64bit.tar.gz`;
    expect(refused.log).toContain(
      `Checksum mismatch for ${archive}: pinned in deploy-kit ${PINNED_TRIVY_SHA256[archive]}, the download is ${replaced.sha256}; nothing installed`,
    );
    expect(replaced.paths()).not.toContain(
      `/v${DEFAULT_TRIVY_VERSION}/trivy_${DEFAULT_TRIVY_VERSION}_checksums.txt`,
    );
    expect(existsSync(join(pinnedBed.toolCache, 'trivy'))).toBe(false);
  } finally {
    await replaced.close();
  }
  const missing = bed();
  const notFound = await missing.scan({ 'trivy-version': '0.71.9' });
  expect(notFound.exitCode).toBe(1);
  expect(notFound.log).toMatch(
    /Could not download the checksums of Trivy 0\.71\.9 from http:\/\/.*: HTTP 404/,
  );
  expect(existsSync(join(missing.toolCache, 'trivy'))).toBe(false);
});

describe('database', () => {
  const deadRepo = async (): Promise<string> => `127.0.0.1:${await freePort()}/aquasec/trivy-db:2`;
  const seed = async (b: Bed, updatedAt: string): Promise<void> => {
    const seeded = await b.scan({ 'cache-db': 'false' }, { TRIVY_STANDIN_DB_UPDATED_AT: updatedAt });
    expect(ok(seeded)).toEqual({ exit: 0, log: '' });
  };

  test('falls back to the next repository when the first does not answer', async () => {
    const b = bed();
    const result = await b.scan({
      'db-repository': `${await deadRepo()},127.0.0.1:${registry.port}/aquasec/trivy-db:2`,
    });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.log).toMatch(/Trivy database download from 127\.0\.0\.1:\d+\/aquasec\/trivy-db:2 failed/);
    expect(b.downloads()).toHaveLength(2);
  });

  test('every download failing: a young cached database is used with a warning', async () => {
    const b = bed();
    const builtAt = new Date(Date.now() - 20 * 3_600_000).toISOString();
    await seed(b, builtAt);
    const result = await b.scan({ 'cache-db': 'false', 'db-repository': await deadRepo() });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.log).toMatch(
      /::warning::Every Trivy database download failed; scanning with the cached database/,
    );
    expect(result.outputs['db-updated-at']).toBe(builtAt);
  });

  test('every download failing: an old cached database fails the step, and so does none', async () => {
    const b = bed();
    await seed(b, new Date(Date.now() - 5 * 24 * 3_600_000).toISOString());
    const scansBefore = b.scans().length;
    const old = await b.scan({ 'cache-db': 'false', 'db-repository': await deadRepo() });
    expect(old.exitCode).toBe(1);
    expect(old.log).toMatch(/older than max-db-age 72h; refusing to scan with it/);
    expect(b.scans()).toHaveLength(scansBefore);
    expect(old.outputs.passed).toBeUndefined();

    const none = bed();
    const empty = await none.scan({ 'db-repository': await deadRepo() });
    expect(empty.exitCode).toBe(1);
    expect(empty.log).toMatch(/No Trivy vulnerability database: every download failed .* none is cached/);
    expect(none.scans()).toEqual([]);
    expect(empty.outputs.total).toBeUndefined();
  });

  test('a config scan needs no database', async () => {
    const b = bed({ 'infra/terraform': fixture('trivy-action-config-scan.json') });
    const result = await b.scan(
      { 'scan-type': 'config', 'image-ref': '', 'scan-ref': 'infra/terraform', 'fail-on': 'CRITICAL' },
      {},
    );
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(b.downloads()).toEqual([]);
    expect(result.outputs).toMatchObject({
      high: '5',
      medium: '1',
      low: '2',
      total: '8',
      'db-updated-at': '',
    });
  });
});

describe("Trivy's own failures fail the step, never a pass", () => {
  test.each([
    [
      'an image Trivy cannot find',
      '127.0.0.1:5000/acme/missing:1',
      undefined,
      /unable to find the specified image/,
    ],
    [
      'output that is not JSON',
      '127.0.0.1:5000/acme/garbage:1',
      { garbage: true } as const,
      /is not JSON .*refusing to treat it as a clean scan/,
    ],
    [
      'a database error',
      '127.0.0.1:5000/acme/dberror:1',
      { error: 'init error: DB error: failed to open db: invalid database' },
      /Trivy failed on .*failed to open db/,
    ],
  ])('%s', async (_what, ref, report, message) => {
    const b = bed(report ? { [ref]: report } : {});
    const result = await b.scan({ 'image-ref': ref, 'fail-on': 'none' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(message);
    expect(result.outputs.passed).toBeUndefined();
  });

  test('a scan past its timeout', async () => {
    const b = bed({ '127.0.0.1:5000/acme/slow:1': { hang: true } });
    const result = await b.scan({ 'image-ref': '127.0.0.1:5000/acme/slow:1', timeout: '2s' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/context deadline exceeded/);
  });
});

test('trivy-path runs an existing binary: nothing is downloaded', async () => {
  const b = bed();
  const dir = makeTempDir('own-trivy');
  temps.push(dir);
  mkdirSync(join(dir.path, 'bin'));
  const own = join(dir.path, 'bin', 'trivy');
  copyFileSync(join(repoRoot, 'test', 'support', 'trivy-standin.mjs'), own);
  chmodSync(own, 0o755);
  const before = release.paths().length;
  const result = await b.scan({ 'trivy-path': own });
  expect(ok(result)).toEqual({ exit: 0, log: '' });
  expect(release.paths().length).toBe(before);
  expect(existsSync(b.toolCache) ? readdirSync(b.toolCache) : []).toEqual([]);
});
