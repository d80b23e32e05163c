import { pipeline } from 'node:stream/promises';
import { PassThrough, Transform, Writable, type Duplex, type Readable } from 'node:stream';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ActionFailedError, errorMessage, type Clock, type Logger } from '@deploy-kit/core';
import type { CommandResult, Place } from './place.js';
import { DumpRowCounter, ScratchRestoreFilter } from './mysql-dump.js';
import { walkCustomArchive } from './pg-archive.js';
import { gunzipStream } from './gzip.js';
import { AGE_EXTENSION, decryptWith, encryptTo } from './age.js';
import { createHash, randomBytes } from 'node:crypto';
import {
  completionMarker,
  dumpExtension,
  parseRowCounts,
  pgConnectionArgs,
  PG_COUNT_ROWS,
  MYSQL_COUNT_ROWS,
  restoreArgv,
  rowCountDifferences,
  type Connection,
  type DumpSpec,
  type MysqlDump,
  type PostgresDump,
} from './engines.js';
import {
  compressionExtension,
  isEcho,
  runPipeline,
  type Compression,
  type PipelineResult,
} from './pipeline.js';
import { runQuiet, type Destination, type StoredFile } from './destination.js';
import {
  backupName,
  parseBackupName,
  planRetention,
  type BackupFile,
  type RetentionDecision,
  type RetentionPolicy,
} from './retention.js';

export interface BackupDeps {
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Where the database tools run (the runner or a host), credentials in place. */
  place: Place;
}

export interface BackupRequest {
  spec: DumpSpec;
  destination: Destination;
  prefix: string;
  compression: Compression;
  verify: boolean;
  /** verify: restore (PostgreSQL): restore into a scratch database and compare every table's rows. */
  restoreCheck?: boolean;
  /** Encrypted to these age recipients; the identity decrypts the stored file for verify: restore. */
  encryption?: { recipients: readonly string[]; identity: string | undefined };
  timeoutMs: number;
}

/** Decrypts a stored file as it is read (a fresh stream each call), or nothing for a clear one. */
export type Decrypt = (() => Duplex) | undefined;

export interface BackupOutcome extends PipelineResult {
  name: string;
  path: string;
  durationMs: number;
  /** verify: restore: tables and rows compared. */
  restoreChecked?: { tables: number; rows: number };
}

/** psql on `database` of this server, without the user's psqlrc; `options` before the database. */
function psqlArgv(c: Connection, database: string, ...options: string[]): string[] {
  return ['psql', ...pgConnectionArgs(c), '--no-psqlrc', ...options, '--dbname', database];
}

/** psql running one query in `database`, printing bare rows. */
function psqlQuery(c: Connection, database: string, query: string): string[] {
  return [...psqlArgv(c, database, '--tuples-only', '--no-align'), '--command', query];
}

/**
 * A psql session that exports its REPEATABLE READ snapshot for pg_dump (--snapshot) and counts
 * every table in that same snapshot: the counts are exactly what the dump holds, however busy the
 * database is meanwhile.
 */
async function countingSnapshot(
  spec: PostgresDump,
  place: Place,
): Promise<{ snapshot: string; counts(): Promise<Map<string, number>>; close(): Promise<void> }> {
  const c = spec.connection;
  const session = place.session(
    psqlArgv(c, c.database, '--tuples-only', '--no-align', '--quiet', '--set=ON_ERROR_STOP=1'),
  );
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    session.write('COMMIT;\n');
    await session.close();
  };
  try {
    session.write(
      "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSELECT 'DKSNAP ' || pg_export_snapshot();\n",
    );
    const snapshot = /^DKSNAP (\S+)$/m.exec(await session.until('DKSNAP '))?.[1];
    if (!snapshot) throw new ActionFailedError('verify: restore: PostgreSQL exported no snapshot');
    return {
      snapshot,
      counts: async () => {
        session.write(`${PG_COUNT_ROWS}\nSELECT 'DKEND';\n`);
        return parseRowCounts(await session.until('DKEND'));
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** verify: restore's scratch database on the source's server: made, counted, dropped. */
function scratchDatabase(spec: PostgresDump | MysqlDump, place: Place) {
  const c = spec.connection;
  const name = `${c.database.slice(0, 40)}_dkverify_${randomBytes(4).toString('hex')}`;
  if (spec.engine === 'postgres') {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const admin = (sql: string): Promise<CommandResult> =>
      place.run([...psqlArgv(c, 'postgres', '--quiet', '--set=ON_ERROR_STOP=1'), '--command', sql], 60_000);
    return {
      spec: { ...spec, snapshot: undefined, connection: { ...c, database: name } },
      create: () => admin(`CREATE DATABASE ${quoted}`),
      count: () => place.run(psqlQuery(c, name, PG_COUNT_ROWS), 3_600_000),
      drop: () => admin(`DROP DATABASE IF EXISTS ${quoted}`),
      privilege: 'CREATEDB',
    };
  }
  const quoted = `\`${name.replace(/`/g, '``')}\``;
  const client = (sql: string, database?: string, timeoutMs = 60_000): Promise<CommandResult> =>
    place.run(
      [
        ...restoreArgv(spec, place.optionFile),
        '--batch',
        '--skip-column-names',
        '--execute',
        sql,
        ...(database ? ['--', database] : []),
      ],
      timeoutMs,
    );
  return {
    spec: { ...spec, restoreInto: name },
    create: () => client(`CREATE DATABASE ${quoted}`),
    count: () => client(MYSQL_COUNT_ROWS, name, 3_600_000),
    drop: () => client(`DROP DATABASE IF EXISTS ${quoted}`),
    privilege: 'the CREATE and DROP privileges',
  };
}

/**
 * verify: restore: the stored file restored into a scratch database on the same server, every
 * table's rows counted there and compared with `source` (PostgreSQL: counted in the dump's own
 * snapshot; MariaDB: counted in the dump as it streamed); the scratch database is dropped
 * whatever happens.
 */
async function checkByRestore(
  spec: PostgresDump | MysqlDump,
  stored: () => Promise<Readable>,
  compression: Compression,
  source: Map<string, number>,
  place: Place,
  decrypt: Decrypt,
): Promise<{ tables: number; rows: number }> {
  const scratch = scratchDatabase(spec, place);
  const created = await scratch.create();
  if (created.code !== 0)
    throw new ActionFailedError(
      `verify: restore needs a scratch database, and CREATE DATABASE failed on ${place.name}: ${created.stderr.trim()} (the user needs ${scratch.privilege})`,
    );
  try {
    const restored = await restoreStream(
      scratch.spec,
      await stored(),
      compression,
      '/',
      place,
      {
        failed: 'verify: restore: the backup does not restore into a scratch database',
        unreadable: 'verify: restore: reading the stored backup failed',
      },
      decrypt,
    );
    if (restored.namesSource !== undefined) {
      const source = spec.connection.database;
      throw new ActionFailedError(
        `verify: restore: a trigger, routine or event in the dump names the database ${source} itself (${restored.namesSource}); in a scratch database it would act on ${source}, so this check cannot run on this database: use verify: true`,
      );
    }
    const counted = await scratch.count();
    if (counted.code !== 0)
      throw new ActionFailedError(
        `verify: restore: counting the restored rows failed: ${counted.stderr.trim()}`,
      );
    const differences = rowCountDifferences(source, parseRowCounts(counted.stdout));
    if (differences.length)
      throw new ActionFailedError(`verify: restore: the restored copy differs: ${differences.join('; ')}`);
    return { tables: source.size, rows: [...source.values()].reduce((a, b) => a + b, 0) };
  } finally {
    await scratch.drop().catch(() => undefined);
  }
}

/** The file extension for this spec and compression: `dump.gz`, `sql.zst`, `tar`, `dump.gz.age`. */
export function backupExtension(spec: DumpSpec, compression: Compression, encrypted: boolean): string {
  return `${dumpExtension(spec)}${compressionExtension(compression)}${encrypted ? AGE_EXTENSION : ''}`;
}

function majorOf(text: string): number | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Connects once before anything is written: a wrong password or a stopped server fails here with
 * the client's message. For PostgreSQL, also refuses a pg_dump older than the server.
 */
async function preflight(spec: DumpSpec, place: Place): Promise<void> {
  if (spec.engine === 'postgres') {
    const c = spec.connection;
    // Both at once: each is a process start (through Debian's pg_wrapper, a Perl script) that
    // would otherwise hold up the dump one after the other.
    const [server, client] = await Promise.all([
      place.run(
        psqlQuery(c, spec.scope === 'cluster' ? 'postgres' : c.database, 'SHOW server_version_num'),
        30_000,
      ),
      place.run([spec.scope === 'cluster' ? 'pg_dumpall' : 'pg_dump', '--version'], 10_000),
    ]);
    if (server.code !== 0)
      throw new ActionFailedError(`Cannot connect to PostgreSQL from ${place.name}: ${server.stderr.trim()}`);
    const serverMajor = Math.floor(Number(server.stdout.trim()) / 10_000);
    const clientMajor = majorOf(client.stdout.replace(/^[^\d]*/, ''));
    if (client.code !== 0 || clientMajor === undefined)
      throw new ActionFailedError(`pg_dump is not installed on ${place.name}: ${client.stderr.trim()}`);
    if (clientMajor < serverMajor)
      throw new ActionFailedError(
        `pg_dump ${clientMajor} on ${place.name} is older than the server (PostgreSQL ${serverMajor}) and cannot dump it: install postgresql-client-${serverMajor}`,
      );
  } else if (spec.engine === 'mysql') {
    const c = spec.connection;
    const argv = restoreArgv(spec, place.optionFile);
    const ping = await place.run(
      [...argv, '--batch', '--skip-column-names', '--execute', 'SELECT 1', '--', c.database],
      30_000,
    );
    if (ping.code !== 0)
      throw new ActionFailedError(
        `Cannot connect to MariaDB/MySQL from ${place.name}: ${ping.stderr.trim()}`,
      );
  }
}

/** A custom-format archive: pg_restore reads it all, inflating every block (the slow, sure check). */
const PG_RESTORE_READS_ALL = ['pg_restore', '--file=/dev/null'];

function isCustomArchive(spec: DumpSpec): boolean {
  return spec.engine === 'postgres' && spec.format === 'custom' && spec.scope === 'database';
}

function verifierFor(spec: DumpSpec): { argv: string[]; label: string } | undefined {
  if (isCustomArchive(spec))
    // pg_restore reads the table of contents; the walk beside it reads every data block's framing
    // to the end (`pg_restore --list` alone accepts a truncated archive).
    return { argv: ['pg_restore', '--list'], label: 'pg_restore --list (verify)' };
  if (spec.engine === 'files') return { argv: ['tar', '--list', '--file=-'], label: 'tar --list (verify)' };
  return undefined;
}

/**
 * One backup: pre-flight, dump → verify → compress → hash → temporary file, re-read and publish.
 * On any failure the temporary file is removed and nothing is published.
 */
export async function takeBackup(request: BackupRequest, deps: BackupDeps): Promise<BackupOutcome> {
  const started = deps.clock.now();
  const { spec, destination } = request;
  if (request.restoreCheck && request.encryption && !request.encryption.identity)
    throw new ActionFailedError('verify: restore of an encrypted backup needs the identity to decrypt it');
  await destination.prepare();
  await preflight(spec, deps.place);
  const counting =
    request.restoreCheck && spec.engine === 'postgres' ? await countingSnapshot(spec, deps.place) : undefined;
  try {
    return await backupWithin(request, deps, started, counting);
  } finally {
    await counting?.close().catch(() => undefined);
  }
}

async function backupWithin(
  request: BackupRequest,
  deps: BackupDeps,
  started: number,
  counting: Awaited<ReturnType<typeof countingSnapshot>> | undefined,
): Promise<BackupOutcome> {
  const { spec, destination } = request;
  // pg_dump deflates every block itself, on the dump's own thread. With a compressor beside it on
  // the runner, that work is done once, there: the archive uncompressed, then compressed whole
  // (less CPU than `pg_dump -Fc | gzip` with every check included, and a smaller file:
  // bench/results/backup.md). A dump on a host keeps its own compression: its bytes cross the
  // network to the runner.
  const dumpSpec: DumpSpec = {
    ...spec,
    ...(counting ? { snapshot: counting.snapshot } : {}),
    ...(isCustomArchive(spec) && request.compression !== 'none' && !deps.place.remote
      ? { uncompressedArchive: true }
      : {}),
  };
  const dumpCounter = request.restoreCheck && spec.engine === 'mysql' ? new DumpRowCounter() : undefined;
  const dump = await deps.place.dump(dumpSpec, request.verify, request.timeoutMs);
  const encryption = request.encryption;
  const name = backupName(
    request.prefix,
    started,
    backupExtension(spec, request.compression, encryption !== undefined),
  );
  const identity = encryption?.identity;
  const decrypt: Decrypt = identity ? () => decryptWith(identity, name) : undefined;
  const temp = await destination.openTemp(name);
  let result: PipelineResult;
  let restoreChecked: BackupOutcome['restoreChecked'];
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    const onAbort = (): void => controller.abort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      result = await runPipeline({
        dump,
        verifier: request.verify ? verifierFor(spec) : undefined,
        ...(request.verify && isCustomArchive(spec) ? { walk: walkCustomArchive } : {}),
        dumpIsCompressed:
          dumpSpec.engine === 'postgres' && isCustomArchive(spec) && !dumpSpec.uncompressedArchive,
        ...(dumpCounter ? { inspect: (chunk: Buffer) => dumpCounter.feed(chunk) } : {}),
        endsWith: request.verify ? completionMarker(spec) : undefined,
        compression: request.compression,
        decompress: request.verify,
        ...(encryption ? { encrypt: encryptTo(encryption.recipients) } : {}),
        sink: temp.sink,
        signal: controller.signal,
      });
      await temp.written;
    } catch (error) {
      if (controller.signal.aborted && !deps.signal?.aborted)
        throw new ActionFailedError(
          `The backup did not finish within ${Math.round(request.timeoutMs / 1000)}s`,
        );
      throw error;
    } finally {
      clearTimeout(timer);
      deps.signal?.removeEventListener('abort', onAbort);
    }
    if (result.walkFailure) {
      if (encryption && !decrypt)
        throw new ActionFailedError(
          `The archive walk found the archive wrong (${result.walkFailure}), and without 'decrypt-identity' pg_restore cannot read the encrypted file to decide: not published`,
        );
      await confirmWithPgRestore(
        result.walkFailure,
        () => destination.read(temp.tempName),
        request.compression,
        deps.logger,
        decrypt,
      );
    }
    const source = counting ? await counting.counts() : dumpCounter?.counts();
    await counting?.close();
    // Counted for postgres (snapshot) and mysql (the dump) only: the engines with a scratch database.
    if (source && (spec.engine === 'postgres' || spec.engine === 'mysql'))
      restoreChecked = await checkByRestore(
        spec,
        () => destination.read(temp.tempName),
        request.compression,
        source,
        deps.place,
        decrypt,
      );
    await destination.publish(
      temp.tempName,
      name,
      {
        sizeBytes: result.sizeBytes,
        sha256: result.sha256,
        decompressOnReRead: request.verify && !result.decompresses,
      },
      request.compression,
    );
  } catch (error) {
    temp.sink.destroy();
    await destination.discard(temp.tempName).catch(() => undefined);
    throw error;
  }
  return {
    ...result,
    name,
    path: `${destination.label}/${name}`,
    durationMs: deps.clock.now() - started,
    ...(restoreChecked ? { restoreChecked } : {}),
  };
}

/**
 * The archive walk found the stored archive wrong: pg_restore reads it all to decide. The walk is
 * a fast check of what pg_dump writes, not the authority; a walk that is wrong about an archive
 * pg_restore reads costs time and a warning, never a good backup.
 */
async function confirmWithPgRestore(
  walkFailure: string,
  stored: () => Promise<Readable>,
  compression: Compression,
  logger: Logger,
  decrypt: Decrypt,
): Promise<void> {
  const decompressed = new PassThrough();
  const reading = pipeDecompressed(await stored(), compression, decompressed, decrypt).catch(
    (error: unknown) => error,
  );
  const [result, readError] = await Promise.all([runQuiet(PG_RESTORE_READS_ALL, decompressed), reading]);
  if (result.code !== 0 || (readError && !isEcho(readError)))
    throw new ActionFailedError(
      `The stored archive is not whole: ${walkFailure}; pg_restore agrees (exit ${String(result.code)}): ${result.stderr.trim().split('\n').slice(-2).join(' / ')}`,
    );
  logger.warning(`The archive walk reported "${walkFailure}", but pg_restore reads the whole archive: kept`);
}

/** How far a backup's name may run ahead of this machine's clock (clock skew between runners). */
export const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * This job's backups in the destination (its prefix and extension only), newest first. A name
 * timestamped in the future was not written by a run of ours (a planted file would sort first,
 * win a restore and push real backups out of retention): it is left out of list, restore and
 * retention alike, with a warning.
 */
export function jobBackups(
  files: readonly StoredFile[],
  prefix: string,
  extension: string,
  now: number,
  warn: (message: string) => void,
): BackupFile[] {
  const out: BackupFile[] = [];
  const future: string[] = [];
  for (const f of files) {
    const takenAt = parseBackupName(f.name, prefix, extension);
    if (takenAt === undefined) continue;
    if (takenAt > now + FUTURE_SKEW_MS) future.push(f.name);
    else out.push({ name: f.name, takenAt, sizeBytes: f.sizeBytes, verified: f.sha256 !== undefined });
  }
  if (future.length > 0)
    warn(
      `Ignored ${future.length} backup(s) named with a time in the future (never restored, never deleted): ${future.join(', ')}`,
    );
  return out.sort((a, b) => b.takenAt - a.takenAt);
}

/** Applies the retention policy (after a successful backup only) and removes what it drops. */
export async function applyRetention(
  destination: Destination,
  prefix: string,
  extension: string,
  policy: RetentionPolicy,
  now: number,
  warn: (message: string) => void,
): Promise<RetentionDecision> {
  const decision = planRetention(
    jobBackups(await destination.list(), prefix, extension, now, warn),
    policy,
    now,
  );
  for (const file of decision.delete) await destination.remove(file.name);
  return decision;
}

export interface RestoreRequest {
  spec: DumpSpec;
  file: StoredFile;
  compression: Compression;
  restoreDirectory: string;
  /** Where the private copy is made (the runner's temp). */
  scratchDir: string;
  decrypt: Decrypt;
  /** Runs once the file is checked, before anything is restored (the safety backup). */
  beforeRestore?: () => Promise<unknown>;
}

/**
 * Restores a stored backup into the database (or directory): read once into a private copy while
 * hashing, and only if the hash matches its sidecar (and, encrypted, every age chunk
 * authenticates), decompressed into the restore command. What is restored is exactly what was
 * checked (a second read could return other bytes); a file that fails a check changes nothing.
 */
export async function restoreBackup(
  request: RestoreRequest,
  destination: Destination,
  deps: Pick<BackupDeps, 'place'>,
): Promise<void> {
  const { spec, file, decrypt } = request;
  if (!file.sha256) throw new ActionFailedError(`${file.name} has no .sha256 sidecar: it was never verified`);
  mkdirSync(request.scratchDir, { recursive: true });
  const dir = mkdtempSync(join(request.scratchDir, 'deploy-kit-restore-'));
  try {
    const copy = join(dir, 'backup');
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(await destination.read(file.name), hashing, createWriteStream(copy, { mode: 0o600 }));
    const actual = hash.digest('hex');
    if (actual !== file.sha256)
      throw new ActionFailedError(
        `${file.name}: SHA-256 ${actual} does not match its sidecar (${file.sha256}); not restored`,
      );
    if (decrypt)
      await pipeline(
        createReadStream(copy),
        decrypt(),
        new Writable({ write: (_c, _e, done) => done() }),
      ).catch((error: unknown) => {
        throw new ActionFailedError(`${errorMessage(error)}; not restored`);
      });
    await request.beforeRestore?.();
    await preflight(spec, deps.place);
    await restoreStream(
      spec,
      createReadStream(copy),
      request.compression,
      request.restoreDirectory,
      deps.place,
      { failed: `Restoring on ${deps.place.name} failed`, unreadable: 'Reading the backup failed' },
      decrypt,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A stored backup, decompressed, into the place's restore command (the restore operation and
 * verify: restore alike); the tool's exit status decides, then the reading.
 */
async function restoreStream(
  spec: DumpSpec,
  source: Readable,
  compression: Compression,
  restoreDirectory: string,
  place: Place,
  /** Message starts: "<failed> (exit N): <the tool's last lines>", "<unreadable>: <error>". */
  messages: { failed: string; unreadable: string },
  decrypt: Decrypt,
): Promise<{ namesSource?: string }> {
  const decompressed = new PassThrough();
  // Into another database than the dump's own: no CREATE DATABASE, USE or events (ScratchRestoreFilter).
  const retarget =
    spec.engine === 'mysql' && spec.restoreInto
      ? new ScratchRestoreFilter(spec.connection.database)
      : undefined;
  const reading = (
    retarget
      ? Promise.all([
          pipeDecompressed(source, compression, retarget, decrypt),
          pipeline(retarget, decompressed),
        ])
      : pipeDecompressed(source, compression, decompressed, decrypt)
  ).then(
    () => undefined,
    (error: unknown) => {
      decompressed.destroy();
      return error;
    },
  );
  const result = await place.restore(spec, decompressed, restoreDirectory);
  const streamError = await reading;
  if (result.code !== 0)
    throw new ActionFailedError(
      `${messages.failed} (exit ${String(result.code)}): ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`,
    );
  // A restore tool may stop reading at its end-of-archive marker: the pipe closing then is no error.
  if (streamError && !isEcho(streamError))
    throw new ActionFailedError(
      `${messages.unreadable}: ${streamError instanceof Error ? streamError.message : 'stream error'}`,
    );
  return retarget?.namesSource === undefined ? {} : { namesSource: retarget.namesSource };
}

async function pipeDecompressed(
  stored: Readable,
  compression: Compression,
  target: Writable,
  decrypt: Decrypt,
): Promise<void> {
  const opened = decrypt ? [decrypt()] : [];
  if (compression === 'zstd') {
    const child = spawn('zstd', ['--quiet', '--decompress', '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await Promise.all([pipeline([stored, ...opened, child.stdin]), pipeline(child.stdout, target)]);
    if ((await exited) !== 0) throw new ActionFailedError('zstd could not decompress the backup');
    return;
  }
  await pipeline([stored, ...opened, compression === 'gzip' ? gunzipStream() : new PassThrough(), target]);
}
