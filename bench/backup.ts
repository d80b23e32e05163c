// db-backup on a generated PostgreSQL database (~1 GB by default; BENCH_DB_MB to change it):
// backup time, the CPU the whole machine spent (database server included) and the action's peak
// RSS against the plain `pg_dump -Fc | gzip > file`, and the restore time. The action dumps the
// archive without pg_dump's own compression and gzips it once (Node's zlib, on threads), verifies as it
// streams (the gzip output decompressed again, into pg_restore --list and a walk of every data
// block's framing) and re-reads the stored file's size and SHA-256 before publishing; the
// baseline does neither.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../test/support/databases.js';
import { runBundle } from '../test/support/runner.js';
import { makeTempDir } from '../test/support/tempdir.js';
import { fmt, median, report } from './lib.mjs';
import { chacha20poly1305 as noble } from '@noble/ciphers/chacha.js';
import { chacha20poly1305 as openssl } from '../packages/backup/src/chacha-openssl.js';

/** MB/s of one AEAD over 64 KiB chunks (age's STREAM chunk size), `megabytes` in all. */
function aeadThroughput(aead: typeof openssl, megabytes: number): number {
  const key = new Uint8Array(32).fill(1);
  const nonce = new Uint8Array(12);
  const chunk = new Uint8Array(65_536).fill(7);
  const start = performance.now();
  for (let i = 0; i < megabytes * 16; i += 1) aead(key, nonce).encrypt(chunk);
  return megabytes / ((performance.now() - start) / 1000);
}

/** CPU seconds every core has spent busy so far (/proc/stat: user, nice, system, irq, softirq, steal). */
function busyCpuSeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

const TARGET_MB = Number(process.env.BENCH_DB_MB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const pg = await startPostgres();
const temp = makeTempDir('bench-backup');
try {
  const psql = (sql: string): string =>
    execFileSync(pg.psql[0]!, [...pg.psql.slice(1), '-d', 'postgres', '-c', sql], {
      encoding: 'utf8',
    }).trim();
  // ~330 bytes a row, half of it random: compresses about as well as real application data.
  const rows = Math.round((TARGET_MB * 1_048_576) / 330);
  let started = performance.now();
  psql(
    `CREATE TABLE events AS SELECT g AS id, now() - g * interval '1 second' AS at, md5(random()::text) AS key, ` +
      `md5(random()::text) || md5(random()::text) || repeat('payload-', 24) AS body FROM generate_series(1, ${rows}) g`,
  );
  const size = Number(psql("SELECT pg_database_size('postgres')"));
  const generatedIn = performance.now() - started;

  const baselineFile = join(temp.path, 'baseline.dump.gz');
  const dest = join(temp.path, 'backups');
  const inputs = {
    engine: 'postgres',
    'db-host': '127.0.0.1',
    'db-port': String(pg.port),
    'db-user': 'postgres',
    'db-name': 'postgres',
    destination: `local:${dest}`,
  };
  /** `pg_dump -Fc <option> | gzip > file` in bash with pipefail: its time, CPU seconds and output size. */
  const shellDump = (option: string): { ms: number; cpu: number; bytes: number } => {
    const cpu = busyCpuSeconds();
    const start = performance.now();
    const shell = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; pg_dump -h 127.0.0.1 -p ${pg.port} -U postgres -Fc ${option} postgres | gzip > "$0"`,
        baselineFile,
      ],
      { stdio: 'inherit' },
    );
    const ms = performance.now() - start;
    const used = busyCpuSeconds() - cpu;
    if (shell.status !== 0) throw new Error(`pg_dump -Fc ${option} | gzip failed`);
    const bytes = statSync(baselineFile).size;
    rmSync(baselineFile);
    return { ms, cpu: used, bytes };
  };
  const keyFile = join(temp.path, 'age-key.txt');
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
  const recipient = execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim();
  const encryptedRuns: number[] = [];
  const encryptedCpu: number[] = [];
  let encryptedBytes = 0;
  const baselineRuns: number[] = [];
  const actionRuns: number[] = [];
  const baselineCpu: number[] = [];
  const actionCpu: number[] = [];
  let baselineBytes = 0;
  const onceRuns: number[] = [];
  let onceBytes = 0;
  let peakKb = 0;
  let result: Awaited<ReturnType<typeof runBundle>> | undefined;
  /** The same backup encrypted with age as it is written (encrypt-recipients). */
  const encryptedRun = async (): Promise<void> => {
    const cpu = busyCpuSeconds();
    const start = performance.now();
    const encrypted = await runBundle('db-backup', {
      inputs: { ...inputs, 'encrypt-recipients': recipient, 'name-prefix': 'encrypted', 'keep-last': '1' },
    });
    encryptedRuns.push(performance.now() - start);
    encryptedCpu.push(busyCpuSeconds() - cpu);
    if (encrypted.exitCode !== 0) throw new Error(encrypted.log);
    encryptedBytes = Number(encrypted.outputs['size-bytes']);
  };
  // Alternating, so a slow moment of the machine hits both alike.
  for (let i = 0; i < RUNS; i += 1) {
    const baseline = shellDump('');
    baselineRuns.push(baseline.ms);
    baselineCpu.push(baseline.cpu);
    baselineBytes = baseline.bytes;
    // The same idea with gzip(1): which part of the difference is compressing once, which is zlib.
    const once = shellDump('--compress=0');
    onceRuns.push(once.ms);
    onceBytes = once.bytes;

    // Encrypted before the unencrypted run on odd runs, after it on even ones: order does not decide.
    if (i % 2 === 1) await encryptedRun();
    let poll: NodeJS.Timeout | undefined;
    const cpu = busyCpuSeconds();
    started = performance.now();
    result = await runBundle('db-backup', {
      inputs: { ...inputs, 'keep-last': '1' },
      onSpawn: (child) => {
        poll = setInterval(() => {
          try {
            const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
          } catch {
            /* exited */
          }
        }, 50);
      },
    });
    clearInterval(poll);
    actionRuns.push(performance.now() - started);
    actionCpu.push(busyCpuSeconds() - cpu);
    if (result.exitCode !== 0) throw new Error(result.log);

    if (i % 2 === 0) await encryptedRun();
  }
  const encryptedRatio = median(encryptedRuns.map((ms, i) => ms / actionRuns[i]!));
  const baselineMs = median(baselineRuns);
  const actionMs = median(actionRuns);
  // Each action run against the baseline run just before it: a machine whose speed drifts between
  // runs (a shared VM) moves both alike.
  const pairedRatio = median(actionRuns.map((ms, i) => ms / baselineRuns[i]!));
  const actionBytes = Number(result!.outputs['size-bytes']);

  // The same without verification: what the in-stream pg_restore check and the re-read cost.
  started = performance.now();
  const unverified = await runBundle('db-backup', {
    inputs: { ...inputs, verify: 'false', 'name-prefix': 'unverified' },
  });
  const unverifiedMs = performance.now() - started;
  if (unverified.exitCode !== 0) throw new Error(unverified.log);

  // verify: restore: the stored file restored into a scratch database, rows compared in the dump's snapshot.
  started = performance.now();
  const restoreChecked = await runBundle('db-backup', {
    inputs: { ...inputs, verify: 'restore', 'name-prefix': 'restorecheck' },
  });
  const restoreCheckedMs = performance.now() - started;
  if (restoreChecked.exitCode !== 0) throw new Error(restoreChecked.log);

  // The encrypted backup restored (its copy authenticated to the end, then decrypted into pg_restore).
  psql('DROP TABLE events');
  started = performance.now();
  const decrypted = await runBundle('db-backup', {
    inputs: {
      ...inputs,
      operation: 'restore',
      'safety-backup': 'false',
      'name-prefix': 'encrypted',
      'decrypt-identity': readFileSync(keyFile, 'utf8'),
    },
  });
  const decryptedRestoreMs = performance.now() - started;
  if (decrypted.exitCode !== 0) throw new Error(decrypted.log);
  if (Number(psql('SELECT count(*) FROM events')) !== rows)
    throw new Error('the encrypted restore lost rows');

  const nobleMBs = aeadThroughput(noble, 256);
  const opensslMBs = aeadThroughput(openssl, 256);

  psql('DROP TABLE events');
  started = performance.now();
  const restored = await runBundle('db-backup', {
    inputs: { ...inputs, operation: 'restore', 'safety-backup': 'false' },
  });
  const restoreMs = performance.now() - started;
  if (restored.exitCode !== 0) throw new Error(restored.log);
  const back = Number(psql('SELECT count(*) FROM events'));
  if (back !== rows) throw new Error(`restored ${back} rows, expected ${rows}`);

  const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;
  report('backup', 'db-backup: PostgreSQL backup and restore', [
    `Database: ${mb(size)} on disk (${rows.toLocaleString('en')} rows, generated in ${fmt(generatedIn)}).`,
    `Baseline: \`pg_dump -Fc | gzip > file\` (bash, pipefail), no verification. Medians of ${RUNS} alternating runs (verify: false, verify: restore and restore: one run each).`,
    `Runs (ms): baseline ${baselineRuns.map((ms) => ms.toFixed(0)).join(', ')}; db-backup ${actionRuns.map((ms) => ms.toFixed(0)).join(', ')}. Median of the paired ratios (each db-backup run over the baseline run before it): **${pairedRatio.toFixed(2)}×**.`,
    `CPU seconds, the whole machine (pg_dump, the compressor, the action and the database server): baseline ${baselineCpu.map((s) => s.toFixed(1)).join(', ')}; db-backup ${actionCpu.map((s) => s.toFixed(1)).join(', ')}. Medians ${median(baselineCpu).toFixed(1)} s and ${median(actionCpu).toFixed(1)} s (**${(median(actionCpu) / median(baselineCpu)).toFixed(2)}×**).`,
    `Output: baseline ${baselineBytes.toLocaleString('en')} bytes, db-backup ${actionBytes.toLocaleString('en')} bytes (${(((actionBytes - baselineBytes) / baselineBytes) * 100).toFixed(1)}%). The baseline compresses twice: pg_dump deflates every block, then gzip runs over that; db-backup dumps with \`--compress=0\` and deflates once, with Node's zlib at level 6 on up to three threads.`,
    '',
    "| what | time | ratio | peak RSS (the action's node process) | output |",
    '| --- | --- | --- | --- | --- |',
    `| baseline pg_dump -Fc \\| gzip | ${fmt(baselineMs)} | 1.00× | — | ${mb(baselineBytes)} |`,
    `| for reference: pg_dump -Fc --compress=0 \\| gzip (compressed once, by gzip(1)) | ${fmt(median(onceRuns))} | ${(median(onceRuns) / baselineMs).toFixed(2)}× | — | ${mb(onceBytes)} |`,
    `| db-backup (pg_dump --compress=0 → gzip on threads → SHA-256 → file; as it streams, gunzip → pg_restore --list and the archive walk; re-read SHA-256 → publish) | ${fmt(actionMs)} | ${(actionMs / baselineMs).toFixed(2)}× | ${(peakKb / 1024).toFixed(0)} MB | ${mb(Number(result!.outputs['size-bytes']))} |`,
    `| db-backup, verify: false (no check as it streams; the re-read hashes and gunzips the file) | ${fmt(unverifiedMs)} | ${(unverifiedMs / baselineMs).toFixed(2)}× | — | ${mb(Number(unverified.outputs['size-bytes']))} |`,
    `| db-backup, verify: restore (also a scratch restore and row counts in the dump's snapshot) | ${fmt(restoreCheckedMs)} | ${(restoreCheckedMs / baselineMs).toFixed(2)}× | — | ${mb(Number(restoreChecked.outputs['size-bytes']))} |`,
    `| db-backup restore (checksum, gunzip → pg_restore --single-transaction) | ${fmt(restoreMs)} | — | — | ${back.toLocaleString('en')} rows back |`,
    '',
    '## Encryption (age)',
    '',
    `Each db-backup run above paired with the same backup with \`encrypt-recipients\` (age X25519, encrypted after compression, the ciphertext hashed and re-read). Runs (ms): ${encryptedRuns.map((ms) => ms.toFixed(0)).join(', ')}; CPU seconds ${encryptedCpu.map((c) => c.toFixed(1)).join(', ')}. The encrypted run came after the unencrypted one on runs 1, 3, … and before it on runs 2, 4, …. Median of the paired ratios over the unencrypted run of the same round: **${encryptedRatio.toFixed(2)}×** (${((encryptedRatio - 1) * 100).toFixed(1)}% for encryption; CPU ${(median(encryptedCpu) / median(actionCpu)).toFixed(2)}×). Output ${encryptedBytes.toLocaleString('en')} bytes (age adds 16 bytes per 64 KiB and a header).`,
    '',
    `The AEAD alone, 256 MB in age's 64 KiB chunks on this machine: ChaCha20-Poly1305 of @noble/ciphers (what age-encryption imports) ${nobleMBs.toFixed(0)} MB/s; through OpenSSL (packages/backup/src/chacha-openssl.ts, what the bundles use) ${opensslMBs.toFixed(0)} MB/s (${(opensslMBs / nobleMBs).toFixed(1)}×).`,
    '',
    '| what | time |',
    '| --- | --- |',
    `| db-backup, encrypted (median) | ${fmt(median(encryptedRuns))} |`,
    `| db-backup restore of the encrypted backup (checksum, every age chunk authenticated, then decrypt → gunzip → pg_restore) | ${fmt(decryptedRestoreMs)} |`,
  ]);
} finally {
  await pg.stop();
  temp.remove();
}
