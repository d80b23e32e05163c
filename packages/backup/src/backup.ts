import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import { ActionFailedError, sha256Of, type Clock, type Logger } from '@deploy-kit/core';
import type { Place } from './place.js';
import { completionMarker, dumpExtension, pgConnectionArgs, restoreArgv, type DumpSpec } from './engines.js';
import {
  compressionExtension,
  isEcho,
  runPipeline,
  type Compression,
  type PipelineResult,
} from './pipeline.js';
import { type Destination, type StoredFile } from './destination.js';
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
  timeoutMs: number;
}

export interface BackupOutcome extends PipelineResult {
  name: string;
  path: string;
  durationMs: number;
}

/** The file extension for this spec and compression: `dump.gz`, `sql.zst`, `tar`. */
export function backupExtension(spec: DumpSpec, compression: Compression): string {
  return `${dumpExtension(spec)}${compressionExtension(compression)}`;
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
  const c = spec.connection;
  if (spec.engine === 'postgres' && c) {
    const server = await place.run(
      [
        'psql',
        ...pgConnectionArgs(c),
        '--no-psqlrc',
        '--tuples-only',
        '--no-align',
        '--dbname',
        spec.scope === 'cluster' ? 'postgres' : c.database,
        '--command',
        'SHOW server_version_num',
      ],
      30_000,
    );
    if (server.code !== 0)
      throw new ActionFailedError(`Cannot connect to PostgreSQL from ${place.name}: ${server.stderr.trim()}`);
    const serverMajor = Math.floor(Number(server.stdout.trim()) / 10_000);
    const client = await place.run(
      [spec.scope === 'cluster' ? 'pg_dumpall' : 'pg_dump', '--version'],
      10_000,
    );
    const clientMajor = majorOf(client.stdout.replace(/^[^\d]*/, ''));
    if (client.code !== 0 || clientMajor === undefined)
      throw new ActionFailedError(`pg_dump is not installed on ${place.name}: ${client.stderr.trim()}`);
    if (clientMajor < serverMajor)
      throw new ActionFailedError(
        `pg_dump ${clientMajor} on ${place.name} is older than the server (PostgreSQL ${serverMajor}) and cannot dump it: install postgresql-client-${serverMajor}`,
      );
  } else if (spec.engine === 'mysql' && c) {
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

function verifierFor(spec: DumpSpec): { argv: string[]; label: string } | undefined {
  if (spec.engine === 'postgres' && spec.format === 'custom' && spec.scope === 'database')
    // Reads the whole archive: `pg_restore --list` alone accepts a truncated one.
    return { argv: ['pg_restore', '--file=/dev/null'], label: 'pg_restore (verify)' };
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
  await destination.prepare();
  await preflight(spec, deps.place);
  const dump = await deps.place.dump(spec, request.verify, request.timeoutMs);
  const name = backupName(request.prefix, started, backupExtension(spec, request.compression));
  const temp = await destination.openTemp(name);
  let result: PipelineResult;
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    const onAbort = (): void => controller.abort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      result = await runPipeline({
        dump,
        verifier: request.verify ? verifierFor(spec) : undefined,
        endsWith: request.verify ? completionMarker(spec) : undefined,
        compression: request.compression,
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
    await destination.publish(
      temp.tempName,
      name,
      { sizeBytes: result.sizeBytes, sha256: result.sha256 },
      request.compression,
    );
  } catch (error) {
    temp.sink.destroy();
    await destination.discard(temp.tempName).catch(() => undefined);
    throw error;
  }
  return { ...result, name, path: `${destination.label}/${name}`, durationMs: deps.clock.now() - started };
}

/** This job's backups in the destination (its prefix and extension only), newest first. */
export function jobBackups(files: readonly StoredFile[], prefix: string, extension: string): BackupFile[] {
  const out: BackupFile[] = [];
  for (const f of files) {
    const takenAt = parseBackupName(f.name, prefix, extension);
    if (takenAt !== undefined)
      out.push({ name: f.name, takenAt, sizeBytes: f.sizeBytes, verified: f.sha256 !== undefined });
  }
  return out.sort((a, b) => b.takenAt - a.takenAt);
}

/** Applies the retention policy (after a successful backup only) and removes what it drops. */
export async function applyRetention(
  destination: Destination,
  prefix: string,
  extension: string,
  policy: RetentionPolicy,
  now: number,
): Promise<RetentionDecision> {
  const decision = planRetention(jobBackups(await destination.list(), prefix, extension), policy, now);
  for (const file of decision.delete) await destination.remove(file.name);
  return decision;
}

/** Re-reads a stored backup and checks it against its sidecar. */
export async function checkStored(destination: Destination, file: StoredFile): Promise<void> {
  if (!file.sha256) throw new ActionFailedError(`${file.name} has no .sha256 sidecar: it was never verified`);
  const actual = await sha256Of(await destination.read(file.name));
  if (actual !== file.sha256)
    throw new ActionFailedError(
      `${file.name}: SHA-256 ${actual} does not match its sidecar (${file.sha256}); not restored`,
    );
}

/** Restores `file` into the database (or directory): checksum, decompress, restore command. */
export async function restoreBackup(
  spec: DumpSpec,
  destination: Destination,
  file: StoredFile,
  compression: Compression,
  restoreDirectory: string,
  deps: Pick<BackupDeps, 'place'>,
): Promise<void> {
  await checkStored(destination, file);
  await preflight(spec, deps.place);
  const decompressed = new PassThrough();
  const reading = pipeDecompressed(await destination.read(file.name), compression, decompressed).catch(
    (error: unknown) => {
      decompressed.destroy();
      return error;
    },
  );
  const result = await deps.place.restore(spec, decompressed, restoreDirectory);
  const streamError = await reading;
  if (result.code !== 0)
    throw new ActionFailedError(
      `Restoring on ${deps.place.name} failed (exit ${String(result.code)}): ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`,
    );
  // A restore tool may stop reading at its end-of-archive marker: the pipe closing then is no error.
  if (streamError && !isEcho(streamError))
    throw new ActionFailedError(
      `Reading the backup failed: ${streamError instanceof Error ? streamError.message : 'stream error'}`,
    );
}

async function pipeDecompressed(source: Readable, compression: Compression, target: Writable): Promise<void> {
  if (compression === 'zstd') {
    const child = spawn('zstd', ['--quiet', '--decompress', '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await Promise.all([pipeline(source, child.stdin), pipeline(child.stdout, target)]);
    if ((await exited) !== 0) throw new ActionFailedError('zstd could not decompress the backup');
    return;
  }
  await pipeline(source, compression === 'gzip' ? createGunzip() : new PassThrough(), target);
}
