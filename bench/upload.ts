// Uploads of 40 MB in 5,000 files over one ssh2 connection, each against its plain baseline:
// - a full upload (streamed, verified, renamed) against `tar -cf - . | ssh host tar -xf -`;
// - a redeploy with 1 file changed (incremental: the rest hard-linked from the live release)
//   against `rsync -a --link-dest=<previous> ./ host:<new>` over OpenSSH, and against the full upload;
// - upload-compression gzip against none, to choose the default.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MemoryLogger, systemClock } from '@deploy-kit/core';
import {
  LIST_FILES,
  placeRelease,
  RemoteHost,
  sourceManifest,
  type PlaceResult,
  type ReleaseSettings,
} from '@deploy-kit/release';
import { connect, parseFingerprintPins } from '@deploy-kit/ssh';
import { run, runOk, statFields } from '../test/support/procs.js';
import { startFleet } from '../test/support/fleet.js';
import { startSshd, sshArgs } from '../test/support/sshd.js';
import { makeTempDir } from '../test/support/tempdir.js';
import { fmt, median, report } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 5000;
const TOTAL = 40 * 1024 * 1024;

const temp = makeTempDir('bench-upload');

/** 5,000 files in 50 directories, each half random base64, half `line` repeated. */
function writeTree(dir: string, line: string): void {
  for (let i = 0; i < FILES; i += 1) {
    mkdirSync(join(dir, `d${i % 50}`), { recursive: true });
    // Half random, half text: compressible as a real release's mix of assets and code is.
    const random = randomBytes(TOTAL / FILES / 2).toString('base64');
    writeFileSync(
      join(dir, `d${i % 50}`, `f${i}.txt`),
      `${random.slice(0, TOTAL / FILES / 2)}${line.repeat(315)}`,
    );
  }
}
const v1 = join(temp.path, 'v1');
writeTree(v1, 'const x = 1;\n');
// An incompressible release (already-compressed assets): 40 files of random bytes, for gzip's cost.
const noise = join(temp.path, 'noise');
mkdirSync(noise);
for (let i = 0; i < 40; i += 1) writeFileSync(join(noise, `asset${i}.bin`), randomBytes(TOTAL / 40));
// v2: the same tree with one file changed.
const v2 = join(temp.path, 'v2');
cpSync(v1, v2, { recursive: true, preserveTimestamps: true });
writeFileSync(join(v2, 'd7', 'f7.txt'), 'changed\n');
// v3: every file of v1 changed (a rebuild that touches everything): nothing to link.
const v3 = join(temp.path, 'v3');
writeTree(v3, 'const y = 2;\n');
// The same tree as a fresh checkout has it: every file with a new mtime.
const v2fresh = join(temp.path, 'v2fresh');
cpSync(v2, v2fresh, { recursive: true, preserveTimestamps: false });

const sshd = await startSshd();
const remote = join(temp.path, 'remote');
mkdirSync(remote);
const rsyncVersion = (await run('rsync', ['--version'])).stdout.split('\n')[0] ?? 'rsync';
const sshCommand = ['ssh', ...sshArgs(sshd, []).slice(0, -2)];

const CLOCK_TICKS = Number((await runOk('getconf', ['CLK_TCK'])).trim());
const CORES = Number((await runOk('nproc', [])).trim());

/**
 * CPU time (ms) a process and the children it has reaped have used: utime, stime, cutime and
 * cstime of /proc/<pid>/stat. For sshd's listener, that is every finished connection's work on
 * the host (its session, the shells and the tools they ran).
 */
function cpuMs(pid: number): number {
  const fields = statFields(String(pid));
  if (!fields) throw new Error(`no process ${pid}`);
  // statFields starts at field 3 (state): utime, field 14, is its index 11.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * (1000 / CLOCK_TICKS);
}

/** CPU time (ms) used on the runner (this process and the children it reaped) and on the host. */
interface CpuUse {
  runner: number;
  host: number;
}

/** `body` and the CPU it used on both sides of the loopback connection. */
async function cpuOf<T>(body: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  // sshd reaps a closed connection's processes a moment after the client has gone, and only then
  // are their times in sshd's: the step before must have settled, and this one must.
  const settle = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 700));
  await settle();
  const before = { runner: cpuMs(process.pid), host: cpuMs(sshd.pid) };
  const result = await body();
  await settle();
  return { result, cpu: { runner: cpuMs(process.pid) - before.runner, host: cpuMs(sshd.pid) - before.host } };
}

async function tarBaseline(i: number): Promise<number> {
  const dest = join(remote, `tar${i}`);
  mkdirSync(dest);
  const started = performance.now();
  const tar = `tar -cf - -C ${v1} . | ssh ${sshArgs(sshd, ['tar', '-xf', '-', '-C', dest])
    .map((a) => `'${a}'`)
    .join(' ')}`;
  await runOk('sh', ['-c', tar]);
  return performance.now() - started;
}

/**
 * rsync's redeploy: the previous release at dest/v1 first (not timed), then `source` linked against
 * it. With `v2` (mtimes kept) rsync's size+mtime quick check skips the unchanged files; with
 * `v2fresh` (new mtimes, as a CI checkout has) it must compare their contents.
 */
async function rsyncRedeploy(i: number, source: string): Promise<{ ms: number; cpu: CpuUse }> {
  const dest = join(remote, `rsync-${basename(source)}-${i}`);
  mkdirSync(dest);
  const ssh = ['-e', sshCommand.map((a) => `'${a}'`).join(' ')];
  const target = (name: string): string => `${sshd.user}@${sshd.host}:${join(dest, name)}/`;
  await runOk('rsync', ['-a', ...ssh, `${v1}/`, target('v1')]);
  const { result: ms, cpu } = await cpuOf(async () => {
    const started = performance.now();
    await runOk('rsync', ['-a', ...ssh, `--link-dest=${join(dest, 'v1')}`, `${source}/`, target('v2')]);
    return performance.now() - started;
  });
  return { ms, cpu };
}

/** An SSH host to upload to: the loopback sshd, or a host behind a rate-limited link. */
interface Target {
  user: string;
  host: string;
  port: number;
  privateKey: string;
  fingerprint: string;
}
const loopback: Target = sshd;

async function session<T>(
  body: (host: RemoteHost) => Promise<T>,
  target: Target = loopback,
): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const conn = await connect({
    target: { user: target.user, host: target.host, port: target.port },
    auth: { privateKey: target.privateKey },
    hostKeys: { kind: 'fingerprints', pins: parseFingerprintPins('host-fingerprint', [target.fingerprint]) },
    connectTimeoutMs: 10_000,
    logger: new MemoryLogger(),
    clock: systemClock,
  });
  try {
    const host = new RemoteHost(conn, 'bench', new MemoryLogger(), 600_000, new AbortController().signal);
    const result = await body(host);
    return { result, ms: performance.now() - started };
  } finally {
    conn.close();
  }
}

type Upload = Pick<ReleaseSettings, 'source' | 'exclude' | 'upload'> & { commandTimeoutMs: number };

/**
 * deploy-kit's upload of `source` as `version` into `deployPath`, timed from connect to the placed,
 * checked release: the manifest of the source (hashing every file on the runner) is part of it.
 */
async function deployKit(
  deployPath: string,
  source: string,
  version: string,
  live: string | undefined,
  compression: 'none' | 'gzip' = 'gzip',
  target: Target = loopback,
): Promise<{ ms: number; transfer: PlaceResult['transfer']; steps: string }> {
  const started = performance.now();
  const steps: string[] = [];
  const at = (): string => (performance.now() - started).toFixed(0);
  // As deployRelease does: hashed while the connection opens, awaited once the host read its live release.
  const manifest = sourceManifest(source, []);
  void manifest.then(() => steps.push(`hashed ${at()}`));
  const config: Upload = {
    source,
    exclude: [],
    upload: { compression, manifest },
    commandTimeoutMs: 600_000,
  };
  const { result } = await session(async (host) => {
    steps.push(`connected ${at()}`);
    // When each remote step ended, by the name its script runs under (dk-<step>), for the report.
    const exec = host.conn.exec.bind(host.conn);
    host.conn.exec = async (argv, options) => {
      const ran = await exec(argv, options);
      const name = argv.find((a) => a.startsWith('dk-') && a !== 'dk-tether');
      steps.push(`${name?.slice(3) ?? '?'} ${at()}`);
      return ran;
    };
    return placeRelease(host, config, { deployPath, version, live });
  }, target);
  return { ms: performance.now() - started, transfer: result.transfer, steps: steps.join(', ') };
}

const base: number[] = [];
const full: number[] = [];
const fullGzip: number[] = [];
const rsync: number[] = [];
const rsyncFresh: number[] = [];
const incremental: number[] = [];
const allChanged: number[] = [];
const allChangedHow = new Set<string>();
const sent: number[] = [];
const noiseNone: number[] = [];
const noiseGzip: number[] = [];
const hashOnly: number[] = [];
const connectOnly: number[] = [];
const stepsOf: string[] = [];
const linkOnly: number[] = [];
const redeployCpu: CpuUse[] = [];
const rsyncCpu: CpuUse[] = [];
const rsyncFreshCpu: CpuUse[] = [];
const listOnly: number[] = [];

/** A shell command run on the (loopback) host without SSH, in `dir`: the host's own share of a step. */
async function hostCommand(command: string, dir: string): Promise<number> {
  const started = performance.now();
  await runOk('sh', ['-c', `cd -- "$1" && ${command}`, 'sh', dir]);
  return performance.now() - started;
}
await tarBaseline(-1);
await deployKit(join(remote, 'warm'), v1, 'v1', undefined);
await rsyncRedeploy(-1, v2);
for (let i = 0; i < RUNS; i += 1) {
  base.push(await tarBaseline(i));
  const path = join(remote, `dk${i}`);
  full.push((await deployKit(path, v1, 'v1', undefined, 'none')).ms);
  fullGzip.push((await deployKit(join(remote, `gz${i}`), v1, 'v1', undefined, 'gzip')).ms);
  const rsynced = await rsyncRedeploy(i, v2);
  rsync.push(rsynced.ms);
  rsyncCpu.push(rsynced.cpu);
  const fresh = await rsyncRedeploy(i, v2fresh);
  rsyncFresh.push(fresh.ms);
  rsyncFreshCpu.push(fresh.cpu);
  const { result: redeploy, cpu } = await cpuOf(() => deployKit(path, v2, 'v2', 'v1'));
  redeployCpu.push(cpu);
  incremental.push(redeploy.ms);
  sent.push(redeploy.transfer.kind === 'incremental' ? redeploy.transfer.sent : -1);
  stepsOf.push(redeploy.steps);
  const everything = await deployKit(path, v3, 'v3', 'v2');
  allChanged.push(everything.ms);
  allChangedHow.add(everything.transfer.kind);
  const hashStarted = performance.now();
  await sourceManifest(v2, []);
  hashOnly.push(performance.now() - hashStarted);
  connectOnly.push((await session(async () => undefined)).ms);
  linkOnly.push(await hostCommand(`cp -al -- v1 .bench-copy${i}`, join(path, 'releases')));
  listOnly.push(await hostCommand(`{\n${LIST_FILES}\n} > /dev/null`, join(path, 'releases', 'v1')));
  noiseNone.push((await deployKit(join(remote, `noise${i}`), noise, 'v1', undefined)).ms);
  noiseGzip.push((await deployKit(join(remote, `noisegz${i}`), noise, 'v1', undefined, 'gzip')).ms);
}
// The same full upload and redeploy to a host behind a 100 Mbit/s link (a token bucket on the veth
// into its network namespace, the upload direction; no added delay: this kernel has no netem):
// what the loopback figures leave out is the time the bytes take on a real link.
const RATE = '100mbit';
const fleet = await startFleet(1);
const shapedHost = fleet.hosts[0];
if (!shapedHost) throw new Error('the fleet has no host');
const gateway = shapedHost.address.replace(/\.\d+$/, '.1');
const veth = /^\d+: (\S+)/.exec(
  (await runOk('ip', ['-o', '-4', 'addr', 'show'])).split('\n').find((l) => l.includes(` ${gateway}/`)) ?? '',
)?.[1];
if (!veth) throw new Error(`no interface carries ${gateway}`);
await runOk('tc', [
  'qdisc',
  'add',
  'dev',
  veth,
  'root',
  'tbf',
  'rate',
  RATE,
  'burst',
  '128kb',
  'latency',
  '100ms',
]);
const shaped: Target = {
  user: fleet.user,
  host: shapedHost.address,
  port: 22,
  privateKey: fleet.privateKey,
  fingerprint: shapedHost.fingerprint,
};
const shapedGzip: number[] = [];
const shapedNone: number[] = [];
const shapedRedeploy: number[] = [];
await deployKit(join(fleet.deployPath, 'warm'), v1, 'v1', undefined, 'gzip', shaped);
for (let i = 0; i < RUNS; i += 1) {
  const path = join(fleet.deployPath, `gz${i}`);
  shapedGzip.push((await deployKit(path, v1, 'v1', undefined, 'gzip', shaped)).ms);
  shapedNone.push(
    (await deployKit(join(fleet.deployPath, `none${i}`), v1, 'v1', undefined, 'none', shaped)).ms,
  );
  shapedRedeploy.push((await deployKit(path, v2, 'v2', 'v1', 'gzip', shaped)).ms);
}
await fleet.stop();
const shapedShare = median(shapedRedeploy) / median(shapedGzip);

const checks = await Promise.all([
  run('diff', ['-r', v1, join(remote, 'dk0', 'releases', 'v1')]),
  run('diff', ['-r', v2, join(remote, 'dk0', 'releases', 'v2')]),
  run('diff', ['-r', v1, join(remote, 'gz0', 'releases', 'v1')]),
]);
const linkedInode = (await run('stat', ['-c', '%i', join(remote, 'dk0', 'releases', 'v1', 'd1', 'f1.txt')]))
  .stdout;
const sameInode =
  linkedInode ===
  (await run('stat', ['-c', '%i', join(remote, 'dk0', 'releases', 'v2', 'd1', 'f1.txt')])).stdout;
const ratioFull = median(full) / median(base);
const ratioRsync = median(incremental) / median(rsync);
const ratioFresh = median(incremental) / median(rsyncFresh);
const share = median(incremental) / median(full);
const shareGzip = median(incremental) / median(fullGzip);
const hashShare = median(hashOnly) / median(fullGzip);
const connectShare = median(connectOnly) / median(fullGzip);
const serialFloor = median(connectOnly) + median(linkOnly) + 2 * median(listOnly);
const rsyncShare = median(rsync) / median(base);
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const cpuMean = (uses: CpuUse[]): CpuUse => ({
  runner: mean(uses.map((u) => u.runner)),
  host: mean(uses.map((u) => u.host)),
});
const cpuTotal = (use: CpuUse): number => use.runner + use.host;
const cpuOfRedeploy = cpuMean(redeployCpu);
const cpuFloor = cpuTotal(cpuOfRedeploy) / CORES;
const cpuText = (use: CpuUse): string =>
  `${fmt(cpuTotal(use))} (runner ${fmt(use.runner)}, host ${fmt(use.host)})`;
const medianRun = incremental.indexOf(
  [...incremental].sort((a, b) => a - b)[Math.floor(incremental.length / 2)] ?? 0,
);
const ratioGzip = median(fullGzip) / median(full);
const ratioNoise = median(noiseGzip) / median(noiseNone);
const runs = (values: number[]): string => values.map((v) => v.toFixed(0)).join(', ');
report('upload', 'Upload: 40 MB in 5,000 files, full and incremental', [
  `Median of ${RUNS} runs each, loopback, OpenSSH ${(await run('ssh', ['-V'])).stderr.trim()}, ${rsyncVersion}.`,
  'Each file is half random base64, half repeated source text. deploy-kit times run from connect to',
  'the placed, checked release, and include hashing the source on the runner (its manifest).',
  '',
  '| method | median | runs |',
  '| --- | --- | --- |',
  `| baseline: \`tar -cf - . \\| ssh host tar -xf -\` (OpenSSH client, new connection) | ${fmt(median(base))} | ${runs(base)} |`,
  `| deploy-kit full upload, upload-compression none: manifest + stream extracted and hashed on the host + tree check + sha256 verify + rename | ${fmt(median(full))} | ${runs(full)} |`,
  `| deploy-kit full upload, upload-compression gzip (the default) | ${fmt(median(fullGzip))} | ${runs(fullGzip)} |`,
  `| baseline: redeploy with 1 file changed, \`rsync -a --link-dest=<previous> ./ host:<new>/\` | ${fmt(median(rsync))} | ${runs(rsync)} |`,
  `| baseline: the same from a fresh checkout (every mtime new, so rsync compares contents) | ${fmt(median(rsyncFresh))} | ${runs(rsyncFresh)} |`,
  `| deploy-kit full upload of an incompressible release (40 MB of random bytes in 40 files), upload-compression none | ${fmt(median(noiseNone))} | ${runs(noiseNone)} |`,
  `| the same, upload-compression gzip | ${fmt(median(noiseGzip))} | ${runs(noiseGzip)} |`,
  `| deploy-kit redeploy with 1 file changed (incremental: ${sent[0] ?? '?'} file sent, the rest hard-linked; gzip) | ${fmt(median(incremental))} | ${runs(incremental)} |`,
  `| deploy-kit redeploy with all 5,000 files changed (nothing to link: the live release's copy staged, listed and dropped, the release sent whole; transfer ${[...allChangedHow].join(', ')}; gzip) | ${fmt(median(allChanged))} | ${runs(allChanged)} |`,
  `| over a ${RATE} link: deploy-kit full upload, gzip | ${fmt(median(shapedGzip))} | ${runs(shapedGzip)} |`,
  `| over a ${RATE} link: deploy-kit full upload, upload-compression none | ${fmt(median(shapedNone))} | ${runs(shapedNone)} |`,
  `| over a ${RATE} link: deploy-kit redeploy with 1 file changed | ${fmt(median(shapedRedeploy))} | ${runs(shapedRedeploy)} |`,
  '',
  `- Full upload ÷ tar | ssh: ${ratioFull.toFixed(2)}× with upload-compression none, the same bytes as tar sends (goal ≤ 1.3×: ${ratioFull <= 1.3 ? 'met' : 'missed'}); ${(median(fullGzip) / median(base)).toFixed(2)}× with the default, gzip.`,
  `- Incremental redeploy ÷ rsync --link-dest: ${ratioRsync.toFixed(2)}× with mtimes kept (goal ≤ 1.2×: ${ratioRsync <= 1.2 ? 'met' : 'missed'}); ${ratioFresh.toFixed(2)}× against rsync from a fresh checkout, the CI case (deploy-kit hashes every file either way: mtimes do not matter to it).`,
  `- Incremental redeploy ÷ full upload: ${(shareGzip * 100).toFixed(0)}% of the default (gzip) full upload, ${(share * 100).toFixed(0)}% of the upload-compression none one (goal ≤ 10%: ${Math.max(share, shareGzip) <= 0.1 ? 'met' : 'missed'}).`,
  `- A redeploy that changes every file costs ${(median(allChanged) / median(fullGzip)).toFixed(2)}× the default full upload: the live release's copy is staged and listed for nothing, then dropped, and the release sent whole (cheaper than a removal list naming all 5,000 files).`,
  `- Over a ${RATE} link (a token bucket on the veth into the host's network namespace; no added delay) the redeploy takes ${(shapedShare * 100).toFixed(0)}% of the default full upload (goal ≤ 10%: ${shapedShare <= 0.1 ? 'met' : 'missed'} there), ${((median(shapedRedeploy) / median(shapedNone)) * 100).toFixed(0)}% of the upload-compression none one: there the full upload's time is the bytes on the link, which the redeploy does not send.`,
  `- The floor under that share: hashing the source alone (the manifest of v2, on the runner, nothing else) takes ${fmt(median(hashOnly))} (runs ${runs(hashOnly)}), ${(hashShare * 100).toFixed(0)}% of the default full upload; connecting alone (ssh2, the pinned host key, key auth) ${fmt(median(connectOnly))} (runs ${runs(connectOnly)}), ${(connectShare * 100).toFixed(0)}%. The redeploy overlaps the two, and the host's work with the hashing. On the host, without SSH: \`cp -al\` of the live release takes ${fmt(median(linkOnly))} (runs ${runs(linkOnly)}), listing a release (the prepare and receive steps each list one) ${fmt(median(listOnly))} (runs ${runs(listOnly)}); each includes starting a shell. Those four, one after another in this design (connect, then \`cp -al\` and a listing in prepare, then the placed tree's listing in receive), add up to ${fmt(serialFloor)}: ${((serialFloor / median(fullGzip)) * 100).toFixed(0)}% of the default full upload before any byte is sent. The plain tools' own share on loopback: rsync --link-dest's redeploy takes ${(rsyncShare * 100).toFixed(0)}% of tar | ssh's full upload.`,
  `- The CPU each redeploy uses (mean of ${RUNS} runs, from /proc's times in ${(1000 / CLOCK_TICKS).toFixed(0)} ms ticks; the runner: this process and the children it reaped; the host: sshd's finished connections): deploy-kit ${cpuText(cpuOfRedeploy)}, per run ${runs(redeployCpu.map(cpuTotal))}; rsync --link-dest ${cpuText(cpuMean(rsyncCpu))}; rsync from a fresh checkout ${cpuText(cpuMean(rsyncFreshCpu))}. On loopback the runner and the host share this machine's ${CORES} cores, so even with every step overlapped deploy-kit's redeploy cannot end before ${fmt(cpuFloor)}: ${((cpuFloor / median(fullGzip)) * 100).toFixed(0)}% of the default full upload, ${((cpuFloor / median(full)) * 100).toFixed(0)}% of the none one. 10% of the default full upload would leave ${fmt((median(fullGzip) / 10) * CORES)} of CPU for both sides together.`,
  `- Where the median redeploy's time goes (ms from its start when each step ended; hashed: the runner's manifest of the source was ready): ${stepsOf[medianRun] ?? '?'}. prepare makes the layout, clears temporaries, stages a \`cp -al\` copy of the live release and lists it (one step); receive takes the changed paths out of the copy, unpacks the 1 file and lists the placed tree; install checks the stream's hash, renames, writes the manifest.`,
  `- gzip ÷ none on loopback: ${ratioGzip.toFixed(2)}× for the mixed release, ${ratioNoise.toFixed(2)}× for the incompressible one. The default, gzip, stays while it is faster by 10% or more on the mixed release here: ${ratioGzip <= 0.9 ? 'it is in this run' : 'it is NOT in this run; see the note in deploy-ssh/README.md'}. Over a slower link gzip wins by more (the compression ratio); on an incompressible release it costs what the second ratio shows.`,
  `- The placed trees are identical to their sources: ${checks.every((c) => c.code === 0) ? 'yes (diff -r, full, incremental and gzip)' : 'NO'}; the unchanged files share inodes with the previous release: ${sameInode ? 'yes' : 'NO'}.`,
]);
await sshd.stop();
temp.remove();
