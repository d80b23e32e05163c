// Upload of 40 MB in 5,000 files: deploy-kit's streamed, verified, renamed upload over one ssh2
// connection, against the plain baseline `tar -cf - . | ssh host tar -xf -` with OpenSSH.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryLogger, systemClock } from '@deploy-kit/core';
import { PREPARE, uploadArchive, VERIFY_AND_PLACE } from '@deploy-kit/release';
import { connect, parseFingerprintPins, scriptArgv } from '@deploy-kit/ssh';
import { run, runOk } from '../test/support/procs.js';
import { startSshd, sshArgs } from '../test/support/sshd.js';
import { makeTempDir } from '../test/support/tempdir.js';
import { fmt, median, report } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 5000;
const TOTAL = 40 * 1024 * 1024;

const temp = makeTempDir('bench-upload');
const source = join(temp.path, 'src');
for (let i = 0; i < FILES; i += 1) {
  const dir = join(source, `d${i % 50}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `f${i}.bin`), randomBytes(TOTAL / FILES));
}
const sshd = await startSshd();
const remote = join(temp.path, 'remote');
mkdirSync(remote);

async function baseline(i: number): Promise<number> {
  const dest = join(remote, `base${i}`);
  mkdirSync(dest);
  const started = performance.now();
  const tar = `tar -cf - -C ${source} . | ssh ${sshArgs(sshd, ['tar', '-xf', '-', '-C', dest])
    .map((a) => `'${a}'`)
    .join(' ')}`;
  await runOk('sh', ['-c', tar]);
  return performance.now() - started;
}

async function deployKit(i: number): Promise<{ total: number; connectMs: number }> {
  const started = performance.now();
  const conn = await connect({
    target: { user: sshd.user, host: sshd.host, port: sshd.port },
    auth: { privateKey: sshd.privateKey },
    hostKeys: { kind: 'fingerprints', pins: parseFingerprintPins('host-fingerprint', [sshd.fingerprint]) },
    connectTimeoutMs: 10_000,
    logger: new MemoryLogger(),
    clock: systemClock,
  });
  const connectMs = performance.now() - started;
  const deployPath = join(remote, `dk${i}`);
  await conn.exec(scriptArgv('dk-prepare', PREPARE, [deployPath]));
  const staging = join(deployPath, 'releases', '.incoming');
  const sumFile = join(deployPath, '.deploy-kit', 'tmp', 'up.sha256');
  const up = await uploadArchive(conn, source, [], staging, sumFile, { timeoutMs: 600_000 });
  const installed = await conn.exec(
    scriptArgv('dk-install', VERIFY_AND_PLACE, [
      sumFile,
      up.sha256,
      staging,
      join(deployPath, 'releases', 'v1'),
    ]),
  );
  if (installed.code !== 0) throw new Error(installed.stderr);
  conn.close();
  return { total: performance.now() - started, connectMs };
}

const base: number[] = [];
const ours: number[] = [];
const connects: number[] = [];
await baseline(-1);
await deployKit(-1);
for (let i = 0; i < RUNS; i += 1) {
  base.push(await baseline(i));
  const r = await deployKit(i);
  ours.push(r.total);
  connects.push(r.connectMs);
}
const check = await run('diff', ['-r', source, join(remote, 'dk0', 'releases', 'v1')]);
const ratio = median(ours) / median(base);
report('upload', 'Upload: 40 MB in 5,000 files', [
  `Median of ${RUNS} runs each, loopback, OpenSSH ${(await run('ssh', ['-V'])).stderr.trim()}.`,
  '',
  '| method | median | runs |',
  '| --- | --- | --- |',
  `| baseline: \`tar -cf - . \\| ssh host tar -xf -\` (OpenSSH client, new connection) | ${fmt(median(base))} | ${base.map((v) => v.toFixed(0)).join(', ')} |`,
  `| deploy-kit: connect + stream extracted and hashed on the host + sha256 verify + rename (ssh2) | ${fmt(median(ours))} | ${ours.map((v) => v.toFixed(0)).join(', ')} |`,
  '',
  `Ratio deploy-kit ÷ baseline: ${ratio.toFixed(2)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? 'met' : 'missed'}). Connect is ${fmt(median(connects))} of it.`,
  `The uploaded tree is identical to the source: ${check.code === 0 ? 'yes (diff -r)' : 'NO'}.`,
]);
await sshd.stop();
temp.remove();
