// db-backup against the plain tools, on generated data: a PostgreSQL database (~1 GB by default;
// BENCH_DB_MB), a MariaDB database (BENCH_MY_MB, 256) and a directory of files (BENCH_FILES_MB, 256).
// Baselines, none of which verifies anything: `pg_dump -Fc --compress=0 | pigz -p <cores>` (the
// strongest), `pg_dump -Fc -f` (pg_dump's own compression), `pg_dump -Fc | gzip` (compressed twice),
// `mariadb-dump | pigz`, `tar | pigz`. Every ratio is paired run by run (each db-backup run over the
// baseline run of the same round), with the CPU the whole machine spent, the action's peak RSS, the
// action's CPU split (each part alone on the same bytes: dump, gzip, the decompression check, the
// archive walk, pg_restore --list, SHA-256), the cost
// of age encryption, and the restores.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { startMariaDb, startPostgres } from '../test/support/databases.js';
import { runBundle, type RunResult } from '../test/support/runner.js';
import { makeTempDir } from '../test/support/tempdir.js';
import { fmt, median, must, report } from './lib.mjs';
import { chacha20poly1305 as noble } from '@noble/ciphers/chacha.js';
import { chacha20poly1305 as openssl } from '../packages/backup/src/chacha-openssl.js';
import { sha256Of } from '../packages/core/src/hash.js';
import { gunzipStream, gzipStream } from '../packages/backup/src/gzip.js';
import { walkCustomArchive } from '../packages/backup/src/pg-archive.js';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const PG_MB = Number(process.env.BENCH_DB_MB ?? 1024);
const MY_MB = Number(process.env.BENCH_MY_MB ?? 256);
const FILES_MB = Number(process.env.BENCH_FILES_MB ?? 256);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CORES = availableParallelism();

/** CPU seconds every core has spent busy so far (/proc/stat: user, nice, system, irq, softirq, steal). */
function busyCpuSeconds(): number {
  const [cpu = ''] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

/** MB/s of one AEAD over 64 KiB chunks (age's STREAM chunk size), `megabytes` in all. */
function aeadThroughput(aead: typeof openssl, megabytes: number): number {
  const key = new Uint8Array(32).fill(1);
  const nonce = new Uint8Array(12);
  const chunk = new Uint8Array(65_536).fill(7);
  const start = performance.now();
  for (let i = 0; i < megabytes * 16; i += 1) aead(key, nonce).encrypt(chunk);
  return megabytes / ((performance.now() - start) / 1000);
}

/** CPU seconds per MB of SHA-256 on this machine (the action hashes as it writes and on the re-read). */
function sha256SecondsPerMb(): number {
  const chunk = Buffer.alloc(1 << 20, 3);
  const start = performance.now();
  const hash = createHash('sha256');
  for (let i = 0; i < 256; i += 1) hash.update(chunk);
  hash.digest();
  return (performance.now() - start) / 1000 / 256;
}

/** CPU seconds of this process for one call. */
async function ownCpu(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

interface Measured {
  ms: number;
  cpu: number;
  bytes: number;
}

const temp = makeTempDir('bench-backup');
const out = join(temp.path, 'baseline.out');

/** A shell pipeline (bash, pipefail) writing `$0`: its time, the machine's CPU seconds, its output size. */
function shell(command: string): Measured {
  const cpu = busyCpuSeconds();
  const start = performance.now();
  const run = spawnSync('bash', ['-c', `set -o pipefail; ${command}`, out], { stdio: 'inherit' });
  const ms = performance.now() - start;
  const used = busyCpuSeconds() - cpu;
  if (run.status !== 0) throw new Error(`${command} failed`);
  const bytes = command.includes('"$0"') ? statSync(out).size : 0;
  rmSync(out, { force: true });
  return { ms, cpu: used, bytes };
}

/** One db-backup run; `peak` collects the node process's peak RSS (kB). */
async function action(
  inputs: Record<string, string>,
  peak?: { kb: number },
): Promise<Measured & { result: RunResult }> {
  let poll: NodeJS.Timeout | undefined;
  const cpu = busyCpuSeconds();
  const start = performance.now();
  const result = await runBundle('db-backup', {
    inputs,
    onSpawn: (child) => {
      if (!peak) return;
      poll = setInterval(() => {
        try {
          const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (hwm) peak.kb = Math.max(peak.kb, Number(hwm[1]));
        } catch {
          /* exited */
        }
      }, 50);
    },
  });
  clearInterval(poll);
  const ms = performance.now() - start;
  const used = busyCpuSeconds() - cpu;
  if (result.exitCode !== 0) throw new Error(result.log);
  return { ms, cpu: used, bytes: Number(result.outputs['size-bytes']), result };
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const series = (values: Measured[], key: 'ms' | 'cpu'): string =>
  values.map((v) => (key === 'ms' ? v.ms.toFixed(0) : v.cpu.toFixed(1))).join(', ');

/** The median of run-by-run ratios: each of `runs` over the baseline run of the same round. */
const pairedRatio = (runs: Measured[], baseline: Measured[]): string =>
  `${median(runs.map((r, i) => r.ms / must(baseline[i], 'baseline[i]').ms)).toFixed(2)}×`;

/** Rows of "every round, paired": the action against each baseline of the same round. */
function pairedTable(action: Measured[], baselines: Array<{ name: string; runs: Measured[] }>): string[] {
  const header = [
    'round',
    ...baselines.map((b) => b.name),
    'db-backup',
    ...baselines.map((b) => `÷ ${b.name}`),
  ];
  const rows = action.map((a, i) => [
    String(i + 1),
    ...baselines.map((b) => `${(must(b.runs[i], 'b.runs[i]').ms / 1000).toFixed(2)} s`),
    `${(a.ms / 1000).toFixed(2)} s`,
    ...baselines.map((b) => ratio(a.ms, must(b.runs[i], 'b.runs[i]').ms)),
  ]);
  const medians = [
    '**median**',
    ...baselines.map((b) => `${(median(b.runs.map((r) => r.ms)) / 1000).toFixed(2)} s`),
    `${(median(action.map((r) => r.ms)) / 1000).toFixed(2)} s`,
    ...baselines.map((b) => `**${pairedRatio(action, b.runs)}**`),
  ];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...[...rows, medians].map((r) => `| ${r.join(' | ')} |`),
  ];
}

const lines: string[] = [];
const keyFile = join(temp.path, 'age-key.txt');
execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
const recipient = execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim();
const hashSecondsPerMb = sha256SecondsPerMb();

// ---------------------------------------------------------------- PostgreSQL
const pg = await startPostgres();
try {
  const psql = (sql: string): string =>
    execFileSync(must(pg.psql[0], 'pg.psql[0]'), [...pg.psql.slice(1), '-d', 'postgres', '-c', sql], {
      encoding: 'utf8',
    }).trim();
  // ~330 bytes a row, half of it random: compresses about as well as real application data.
  const rows = Math.round((PG_MB * 1_048_576) / 330);
  let start = performance.now();
  psql(
    `CREATE TABLE events AS SELECT g AS id, now() - g * interval '1 second' AS at, md5(random()::text) AS key, ` +
      `md5(random()::text) || md5(random()::text) || repeat('payload-', 24) AS body FROM generate_series(1, ${rows}) g`,
  );
  const size = Number(psql("SELECT pg_database_size('postgres')"));
  const generatedIn = performance.now() - start;
  const inputs = {
    engine: 'postgres',
    'db-host': '127.0.0.1',
    'db-port': String(pg.port),
    'db-user': 'postgres',
    'db-name': 'postgres',
    destination: `local:${join(temp.path, 'backups')}`,
  };
  const dump = `pg_dump -h 127.0.0.1 -p ${pg.port} -U postgres -Fc`;
  const pigz: Measured[] = [];
  const own: Measured[] = [];
  const gzipTwice: Measured[] = [];
  /** pigz with its output decompressed beside it: the least a check that the file decompresses costs. */
  const pigzChecked: Measured[] = [];
  /** pigz, then the file flushed and hashed: what verify: false still does after the stream. */
  const pigzDurable: Measured[] = [];
  const verified: Measured[] = [];
  /** verify: false, in every round too: its ratio to pigz is the one the issue sets a goal for. */
  const unverified: Measured[] = [];
  const encrypted: Measured[] = [];
  const peak = { kb: 0 };
  const encryptedRun = async (): Promise<void> => {
    encrypted.push(
      await action({
        ...inputs,
        'encrypt-recipients': recipient,
        'name-prefix': 'encrypted',
        'keep-last': '1',
      }),
    );
  };
  // Rounds of every variant in turn, so a slow moment of the machine hits all of a round alike.
  for (let i = 0; i < RUNS; i += 1) {
    pigz.push(shell(`${dump} --compress=0 postgres | pigz -p ${CORES} > "$0"`));
    own.push(shell(`${dump} -f "$0" postgres`));
    gzipTwice.push(shell(`${dump} postgres | gzip > "$0"`));
    pigzChecked.push(
      shell(`${dump} --compress=0 postgres | pigz -p ${CORES} | tee "$0" | pigz -dc > /dev/null`),
    );
    pigzDurable.push(
      shell(
        `${dump} --compress=0 postgres | pigz -p ${CORES} > "$0" && sync -- "$0" && openssl dgst -sha256 "$0" > /dev/null`,
      ),
    );
    // Encrypted before the unencrypted run on odd rounds, after it on even ones.
    if (i % 2 === 1) await encryptedRun();
    verified.push(await action({ ...inputs, 'keep-last': '1' }, peak));
    if (i % 2 === 0) await encryptedRun();
    unverified.push(
      await action({ ...inputs, verify: 'false', 'name-prefix': 'unverified', 'keep-last': '1' }),
    );
  }

  // The CPU split: each part of db-backup's work measured alone on the same bytes (the dump written
  // to a file once, then compressed, decompressed, walked, listed and hashed by the action's own
  // code), against the whole-machine CPU of a verified run.
  const dumpOnly = shell(`${dump} --compress=0 postgres > /dev/null`);
  const rawFile = join(temp.path, 'raw.dump');
  execFileSync('bash', ['-c', `${dump} --compress=0 postgres > ${rawFile}`]);
  const storedFile = join(temp.path, 'stored.gz');
  const parts = {
    compress: await ownCpu(() =>
      pipeline(
        createReadStream(rawFile, { highWaterMark: 1 << 20 }),
        gzipStream(6),
        createWriteStream(storedFile),
      ),
    ),
    decompress: await ownCpu(() =>
      pipeline(
        createReadStream(storedFile, { highWaterMark: 1 << 20 }),
        gunzipStream(),
        new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      ),
    ),
    walk: await ownCpu(() => walkCustomArchive(createReadStream(rawFile, { highWaterMark: 1 << 20 }))),
    list: shell(`pg_restore --list < ${rawFile} > /dev/null`).cpu,
    hash: (2 * statSync(storedFile).size * hashSecondsPerMb) / 1_048_576,
  };
  // Wall time after the stream that pigz does not spend: the stored file flushed to disk (written
  // afresh, as the action writes it) and re-read for its SHA-256.
  const flushedCopy = join(temp.path, 'flushed.gz');
  writeFileSync(flushedCopy, readFileSync(storedFile));
  let begun = performance.now();
  const copyFd = openSync(flushedCopy, 'r+');
  fsyncSync(copyFd);
  closeSync(copyFd);
  const fsyncMs = performance.now() - begun;
  begun = performance.now();
  await sha256Of(createReadStream(flushedCopy, { highWaterMark: 1 << 20 })); // streamed, as the action re-reads
  const reReadMs = performance.now() - begun;
  rmSync(flushedCopy);
  rmSync(rawFile);
  rmSync(storedFile);
  const restoreChecked = await action({ ...inputs, verify: 'restore', 'name-prefix': 'restorecheck' });
  const verifiedCpu = median(verified.map((v) => v.cpu));
  const pigzCpu = median(pigz.map((p) => p.cpu));
  const stored = must(verified[0], 'verified[0]').bytes;

  // Restores: the plain backup, then the encrypted one (authenticated to its end, then decrypted).
  psql('DROP TABLE events');
  start = performance.now();
  const restored = await action({ ...inputs, operation: 'restore', 'safety-backup': 'false' });
  const restoreMs = performance.now() - start;
  if (Number(psql('SELECT count(*) FROM events')) !== rows) throw new Error('the restore lost rows');
  psql('DROP TABLE events');
  const decrypted = await action({
    ...inputs,
    operation: 'restore',
    'safety-backup': 'false',
    'name-prefix': 'encrypted',
    'decrypt-identity': readFileSync(keyFile, 'utf8'),
  });
  if (Number(psql('SELECT count(*) FROM events')) !== rows)
    throw new Error('the encrypted restore lost rows');
  const encryptedRatio = median(encrypted.map((e, i) => e.ms / must(verified[i], 'verified[i]').ms));
  const nobleMBs = aeadThroughput(noble, 256);
  const opensslMBs = aeadThroughput(openssl, 256);
  const pigzMs = median(pigz.map((p) => p.ms));
  const checksCpu = parts.decompress + parts.walk + parts.list + parts.hash;

  lines.push(
    '## PostgreSQL',
    '',
    `Database: ${mb(size)} on disk (${rows.toLocaleString('en')} rows, generated in ${fmt(generatedIn)}); ${CORES} cores. ${RUNS} rounds; in each, every baseline and db-backup (verify on, gzip: the defaults) run in turn. Baselines verify nothing, but the last: pigz with its output decompressed again as it is written (\`tee f | pigz -dc > /dev/null\`), the least it costs to check, with the plain tools, that the stored file decompresses.`,
    '',
    ...pairedTable(verified, [
      { name: `pg_dump -Fc --compress=0 \\| pigz -p ${CORES}`, runs: pigz },
      { name: 'pg_dump -Fc -f', runs: own },
      { name: 'pg_dump -Fc \\| gzip', runs: gzipTwice },
      { name: `… \\| pigz -p ${CORES} \\| tee f \\| pigz -dc`, runs: pigzChecked },
    ]),
    '',
    `CPU seconds, the whole machine (the database server included), per round: pigz ${series(pigz, 'cpu')}; pg_dump -Fc -f ${series(own, 'cpu')}; pg_dump -Fc | gzip ${series(gzipTwice, 'cpu')}; db-backup ${series(verified, 'cpu')}. Median db-backup CPU over the pigz baseline: **${ratio(verifiedCpu, median(pigz.map((p) => p.cpu)))}**.`,
    '',
    `verify: false (no content checks, no decompression check; the stored file re-read for its size and SHA-256), in every round after the verified run: ${series(unverified, 'ms')} ms, CPU seconds ${series(unverified, 'cpu')}. Median of its ratios to the same round's pigz run: **${pairedRatio(unverified, pigz)}**; to the same round's pigz followed by what \`verify: false\` still does after the stream (\`… | pigz -p ${CORES} > f && sync f && openssl dgst -sha256 f\`: ${series(pigzDurable, 'ms')} ms): **${pairedRatio(unverified, pigzDurable)}**.`,
    '',
    `Output: pigz ${mb(must(pigz[0], 'pigz[0]').bytes)}, pg_dump -Fc -f ${mb(must(own[0], 'own[0]').bytes)}, pg_dump -Fc | gzip ${mb(must(gzipTwice[0], 'gzipTwice[0]').bytes)}, db-backup ${mb(stored)}. Peak RSS of the action's node process: ${(peak.kb / 1024).toFixed(0)} MB.`,
    '',
    '| db-backup variant (one run each) | time | ÷ pigz median | CPU s |',
    '| --- | --- | --- | --- |',
    `| verify: restore (also a scratch restore and row counts in the dump's snapshot) | ${fmt(restoreChecked.ms)} | ${ratio(restoreChecked.ms, pigzMs)} | ${restoreChecked.cpu.toFixed(1)} |`,
    `| restore (checksum, gunzip → pg_restore --single-transaction) | ${fmt(restoreMs)} | — | ${restored.cpu.toFixed(1)} |`,
    '',
    `Where the CPU goes, each part measured alone on the same bytes (the whole machine's CPU of a verified run: ${verifiedCpu.toFixed(1)} s; of the pigz baseline: ${pigzCpu.toFixed(1)} s, ${ratio(verifiedCpu, pigzCpu)}):`,
    '',
    "| part | CPU s | share of the pigz baseline's CPU | what it buys |",
    '| --- | --- | --- | --- |',
    ...(
      [
        ['the dump (pg_dump and the server, `--compress=0` to /dev/null)', dumpOnly.cpu, 'the backup'],
        ['gzip on threads (level 6)', parts.compress, 'the backup, compressed'],
        [
          'the stored bytes decompressed again as they are written',
          parts.decompress,
          'proof that the stored file decompresses to the whole archive (pigz proves nothing)',
        ],
        ['the archive walk (every data block to the end)', parts.walk, 'a truncated archive is caught'],
        ['`pg_restore --list`', parts.list, 'pg_restore reads the table of contents'],
        ['SHA-256, as written and on the re-read', parts.hash, 'the file stored is the file hashed'],
      ] as const
    ).map(
      ([part, cpu, why]) =>
        `| ${part} | ${cpu.toFixed(2)} | ${((cpu / pigzCpu) * 100).toFixed(0)}% | ${why} |`,
    ),
    '',
    `The checks that read the content (the walk, \`pg_restore --list\`) cost ${(((parts.walk + parts.list) / pigzCpu) * 100).toFixed(0)}% of the baseline's CPU; the decompression check is the larger part (${((parts.decompress / pigzCpu) * 100).toFixed(0)}%). With verification on, both stay between db-backup and pigz on this 2-core machine, where the dump and the compressor already keep both cores busy: they are what proves the stored file is a whole, readable archive, which pigz does not. \`verify: false\` skips all three and runs at ${pairedRatio(unverified, pigz)} pigz (paired by round).`,
    '',
    `Goals (issue 24): verify on ≤ 1.05× pigz, verify: false ≤ 1.00×. Measured: verify on **${pairedRatio(verified, pigz)}**, verify: false **${pairedRatio(unverified, pigz)}** (medians of the paired ratios). The same check that the file decompresses, done with the plain tools (the last baseline), puts pigz at ${pairedRatio(pigzChecked, pigz)} of itself; db-backup with all its checks runs at **${pairedRatio(verified, pigzChecked)}** of that. The checks, each measured alone, take ${checksCpu.toFixed(2)} CPU s, ${((checksCpu / pigzCpu) * 100).toFixed(0)}% of the baseline's ${pigzCpu.toFixed(1)} s: on two cores the dump and the compressor already keep busy, that is what verification adds; only checking less removes it. After the stream, verify on or off, the stored file is flushed to disk (fsync: ${fmt(fsyncMs)} for ${mb(stored)}) and re-read for its SHA-256 (${fmt(reReadMs)} from the page cache): wall time pigz does not spend, which is what keeps \`verify: false\` near, not under, pigz; against pigz made as durable and hashed the same way (\`&& sync f && openssl dgst -sha256 f\`), \`verify: false\` runs at **${pairedRatio(unverified, pigzDurable)}**.`,
    '',
    '### Encryption (age)',
    '',
    `Each round's db-backup paired with the same backup with \`encrypt-recipients\` (age X25519, encrypted after compression, the ciphertext hashed and re-read), after it on rounds 1, 3, … and before it on rounds 2, 4, …. Runs (ms): ${series(encrypted, 'ms')}; CPU seconds ${series(encrypted, 'cpu')}. Median of the paired ratios: **${encryptedRatio.toFixed(2)}×** (${((encryptedRatio - 1) * 100).toFixed(1)}% for encryption). Output ${must(encrypted[0], 'encrypted[0]').bytes.toLocaleString('en')} bytes (age adds 16 bytes per 64 KiB and a header). The encrypted backup restored (its copy authenticated to the end, then decrypt → gunzip → pg_restore): ${fmt(decrypted.ms)}.`,
    '',
    `The AEAD alone, 256 MB in age's 64 KiB chunks: ChaCha20-Poly1305 of @noble/ciphers (what age-encryption imports) ${nobleMBs.toFixed(0)} MB/s; through OpenSSL (packages/backup/src/chacha-openssl.ts, what the bundles use) ${opensslMBs.toFixed(0)} MB/s (${(opensslMBs / nobleMBs).toFixed(1)}×).`,
    '',
  );
} finally {
  await pg.stop();
}

// ---------------------------------------------------------------- MariaDB
const my = await startMariaDb();
try {
  const sql = (statements: string): string =>
    execFileSync(must(my.client[0], 'my.client[0]'), [...my.client.slice(1), '-e', statements], {
      encoding: 'utf8',
    }).trim();
  const rows = Math.round((MY_MB * 1_048_576) / 330);
  const start = performance.now();
  sql(
    `CREATE DATABASE bench; USE bench; CREATE TABLE bench.events (id BIGINT PRIMARY KEY, k CHAR(32), body TEXT) ENGINE=InnoDB; ` +
      `INSERT INTO bench.events SELECT seq, MD5(RAND()), CONCAT(MD5(RAND()), MD5(RAND()), REPEAT('payload-', 24)) FROM seq_1_to_${rows};`,
  );
  const generatedIn = performance.now() - start;
  const inputs = {
    engine: 'mysql',
    'db-host': my.socket,
    'db-user': 'root',
    'db-name': 'bench',
    destination: `local:${join(temp.path, 'my-backups')}`,
    'keep-last': '1',
  };
  const dump = `mariadb-dump --no-defaults --socket=${my.socket} -u root --single-transaction --routines --triggers --events --databases bench`;
  const pigz: Measured[] = [];
  const pigzChecked: Measured[] = [];
  const verified: Measured[] = [];
  const unverified: Measured[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    pigz.push(shell(`${dump} | pigz -p ${CORES} > "$0"`));
    // The same checks as db-backup's with the plain tools: it decompresses, the marker is last.
    pigzChecked.push(
      shell(`${dump} | pigz -p ${CORES} | tee "$0" | pigz -dc | tail -n 1 | grep -q '^-- Dump completed'`),
    );
    verified.push(await action(inputs));
    unverified.push(await action({ ...inputs, verify: 'false', 'name-prefix': 'unverified' }));
  }
  lines.push(
    '## MariaDB',
    '',
    `${rows.toLocaleString('en')} rows (~${MY_MB} MB of SQL), generated in ${fmt(generatedIn)}. db-backup: mariadb-dump → gzip on threads → SHA-256 → file, the completion marker checked as it streams, the gzip output decompressed again, the re-read.`,
    '',
    ...pairedTable(verified, [
      { name: `mariadb-dump \\| pigz -p ${CORES}`, runs: pigz },
      { name: `… \\| tee f \\| pigz -dc \\| tail -n 1 \\| grep -q 'Dump completed'`, runs: pigzChecked },
    ]),
    '',
    `CPU seconds per round: pigz ${series(pigz, 'cpu')}; db-backup ${series(verified, 'cpu')}. verify: false, every round: ${series(unverified, 'ms')} ms, median of its paired ratios to pigz **${pairedRatio(unverified, pigz)}**. Output: pigz ${mb(must(pigz[0], 'pigz[0]').bytes)}, db-backup ${mb(must(verified[0], 'verified[0]').bytes)}.`,
    '',
  );
} finally {
  await my.stop();
}

// ---------------------------------------------------------------- files
{
  const tree = join(temp.path, 'files', 'app');
  mkdirSync(tree, { recursive: true });
  // 1 MiB files, half random hex (as logs and uploads mix text and noise; a repeated digest, as
  // this used to write, compresses to nothing and left only the fixed costs to compare).
  for (let i = 0; i < FILES_MB; i += 1) {
    const noise = Buffer.from(randomBytes(1 << 18).toString('hex'));
    writeFileSync(join(tree, `f${i}.log`), Buffer.concat([noise, Buffer.alloc(1 << 19, `line ${i} ok\n`)]));
  }
  const inputs = {
    engine: 'files',
    paths: tree,
    destination: `local:${join(temp.path, 'file-backups')}`,
    'keep-last': '1',
  };
  const pigz: Measured[] = [];
  const pigzChecked: Measured[] = [];
  const verified: Measured[] = [];
  const unverified: Measured[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    pigz.push(shell(`tar --create --file=- -- ${tree} | pigz -p ${CORES} > "$0"`));
    pigzChecked.push(
      shell(
        `tar --create --file=- -- ${tree} | pigz -p ${CORES} | tee "$0" | pigz -dc | tar --list > /dev/null`,
      ),
    );
    verified.push(await action(inputs));
    unverified.push(await action({ ...inputs, verify: 'false', 'name-prefix': 'unverified' }));
  }
  lines.push(
    '## Files',
    '',
    `${FILES_MB} files of 1 MiB. db-backup: tar → gzip on threads → SHA-256 → file, tar --list reading the gzip output decompressed again, the re-read.`,
    '',
    ...pairedTable(verified, [
      { name: `tar \\| pigz -p ${CORES}`, runs: pigz },
      { name: `… \\| tee f \\| pigz -dc \\| tar --list`, runs: pigzChecked },
    ]),
    '',
    `CPU seconds per round: pigz ${series(pigz, 'cpu')}; db-backup ${series(verified, 'cpu')}. verify: false, every round: ${series(unverified, 'ms')} ms, median of its paired ratios to pigz **${pairedRatio(unverified, pigz)}**. Output: pigz ${mb(must(pigz[0], 'pigz[0]').bytes)}, db-backup ${mb(must(verified[0], 'verified[0]').bytes)}.`,
    '',
  );
}

report('backup', 'db-backup against the plain tools', lines);
temp.remove();
