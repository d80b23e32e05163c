#!/usr/bin/env node
// A stand-in for the Trivy CLI, which cannot be installed on these machines. It is shipped inside a
// release-shaped archive so trivy-scan installs and runs it like the real binary, and it behaves
// like Trivy where trivy-scan depends on it:
// - `--version` prints `Version: <v>`;
// - `image --download-db-only --db-repository <host:port/path:tag>` reaches the repository's
//   registry API (GET /v2/) and, only if it answers, writes db/trivy.db and db/metadata.json into
//   --cache-dir (an existing database is kept when the download fails, as Trivy does);
// - a scan with --skip-db-update and no database fails as Trivy does on a first run;
// - a scan writes, to --output, the real Trivy report the test mapped to the target
//   (TRIVY_STANDIN_REPORTS: {"<target>": "<fixture.json>" | {"error": "<message>"} |
//   {"garbage": true} | {"hang": true}}), minus the IDs in --ignorefile; unknown images fail with
//   Trivy's "unable to find the specified image" error.
// Every invocation is appended to TRIVY_STANDIN_LOG (one JSON line) so tests can count scans.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

const VERSION = '0.72.0';
const argv = process.argv.slice(2);
if (process.env.TRIVY_STANDIN_LOG) appendFileSync(process.env.TRIVY_STANDIN_LOG, `${JSON.stringify(argv)}\n`);

const now = () => new Date().toISOString();
function fatal(message) {
  process.stderr.write(`${now()}\tFATAL\tFatal error\t${message}\n`);
  process.exit(1);
}
function info(message) {
  process.stderr.write(`${now()}\tINFO\t${message}\n`);
}

if (argv[0] === '--version' || argv[0] === 'version') {
  process.stdout.write(`Version: ${VERSION}\n`);
  process.exit(0);
}

const command = argv[0];
if (!['image', 'fs', 'filesystem', 'config', 'repo'].includes(command ?? ''))
  fatal(`unknown command "${command}"`);
const flags = new Map();
const positional = [];
for (let i = 1; i < argv.length; i += 1) {
  const arg = argv[i];
  if (arg === '--') {
    positional.push(...argv.slice(i + 1));
    break;
  }
  if (arg.startsWith('--')) {
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const boolean = ['download-db-only', 'skip-db-update', 'no-progress', 'quiet'].includes(name);
    const value = boolean ? 'true' : (inline ?? argv[(i += 1)]);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  } else positional.push(arg);
}
const flag = (name) => flags.get(name)?.at(-1);
const cacheDir = flag('cache-dir') ?? join(process.env.HOME ?? '/tmp', '.cache', 'trivy');
const timeoutMs = Number.parseInt(flag('timeout') ?? '300', 10) * 1000;
const dbDir = join(cacheDir, 'db');

function probe(repository) {
  // host[:port]/path[:tag] → the registry API root, as an OCI client starts.
  const host = repository.split('/')[0];
  return new Promise((resolve) => {
    const req = http.get(`http://${host}/v2/`, { timeout: Math.min(timeoutMs, 5000) }, (res) => {
      res.resume();
      resolve(
        res.statusCode === 200 || res.statusCode === 401 ? undefined : `unexpected status ${res.statusCode}`,
      );
    });
    req.on('timeout', () => req.destroy(new Error('i/o timeout')));
    req.on('error', (error) => resolve(error.message));
  });
}

if (flag('download-db-only')) {
  const repository = flag('db-repository') ?? 'mirror.gcr.io/aquasec/trivy-db:2';
  info(`Downloading vulnerability DB... repository="${repository}"`);
  const problem = await probe(repository);
  if (problem)
    fatal(
      `init error: DB error: failed to download vulnerability DB: OCI artifact error: ` +
        `failed to download vulnerability DB: GET http://${repository.split('/')[0]}/v2/: ${problem}`,
    );
  mkdirSync(dbDir, { recursive: true });
  const updatedAt = process.env.TRIVY_STANDIN_DB_UPDATED_AT ?? now();
  writeFileSync(join(dbDir, 'trivy.db.tmp'), `stand-in trivy db ${updatedAt}\n`);
  renameSync(join(dbDir, 'trivy.db.tmp'), join(dbDir, 'trivy.db'));
  writeFileSync(
    join(dbDir, 'metadata.json'),
    JSON.stringify({
      Version: 2,
      NextUpdate: new Date(Date.parse(updatedAt) + 6 * 3600_000).toISOString(),
      UpdatedAt: updatedAt,
      DownloadedAt: now(),
    }),
  );
  info('Artifact successfully downloaded');
  process.exit(0);
}

const scanners = (flag('scanners') ?? 'vuln,secret').split(',');
const usesDb = command !== 'config' && scanners.includes('vuln');
if (usesDb && flag('skip-db-update') && !existsSync(join(dbDir, 'trivy.db')))
  fatal('init error: DB error: --skip-db-update cannot be specified on the first run');

const target = positional[0];
if (!target) fatal('"trivy image" requires at least 1 argument');
const reports = process.env.TRIVY_STANDIN_REPORTS
  ? JSON.parse(readFileSync(process.env.TRIVY_STANDIN_REPORTS, 'utf8'))
  : {};
const mapped = reports[target];
if (mapped === undefined) {
  if (command === 'image')
    fatal(
      `run error: image scan error: scan error: unable to initialize a scan service: unable to initialize an ` +
        `image scan service: unable to find the specified image "${target}" in ["docker" "containerd" "podman" "remote"]`,
    );
  fatal(`run error: fs scan error: scan error: stat ${target}: no such file or directory`);
}
if (typeof mapped === 'object' && mapped.error) fatal(mapped.error);
if (typeof mapped === 'object' && mapped.hang) {
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  fatal('run error: image scan error: scan error: scan failed: context deadline exceeded');
}
info(`Detected OS... family="alpine"`);
const output = flag('output');
let text;
if (typeof mapped === 'object' && mapped.garbage) {
  text = '<html><body>429 Too Many Requests</body></html>\n';
} else {
  const report = JSON.parse(readFileSync(mapped, 'utf8'));
  const ignoreFile = flag('ignorefile');
  if (ignoreFile && existsSync(ignoreFile)) {
    const ignored = new Set(
      readFileSync(ignoreFile, 'utf8')
        .split('\n')
        .map((line) => line.replace(/#.*/, '').trim())
        .filter(Boolean),
    );
    for (const result of report.Results ?? []) {
      for (const key of ['Vulnerabilities', 'Misconfigurations', 'Secrets']) {
        if (!result[key]) continue;
        result[key] = result[key].filter((f) => !ignored.has(f.VulnerabilityID ?? f.ID ?? f.RuleID));
        if (result[key].length === 0) delete result[key];
      }
    }
  }
  text = `${JSON.stringify(report, null, 2)}\n`;
}
if (output) writeFileSync(output, text);
else process.stdout.write(text);
process.exit(0);
