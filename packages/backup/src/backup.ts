import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import { ActionFailedError, type Clock, type LocalExec, type Logger } from '@deploy-kit/core';
import {
  completionMarker,
  credentialFile,
  dumpArgv,
  dumpExtension,
  restoreArgv,
  type DumpSpec,
} from './engines.js';
import { compressionExtension, runPipeline, type Compression, type PipelineResult } from './pipeline.js';
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
  exec: LocalExec;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Base environment for the database tools. */
  env: NodeJS.ProcessEnv;
  /** A private directory for credential files and SQLite copies. */
  tempRoot: string;
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

/** Credentials in a 0600 file for the duration of `body`, removed after whatever happens. */
async function withCredentials<T>(
  spec: DumpSpec,
  deps: BackupDeps,
  body: (env: NodeJS.ProcessEnv, optionFile: string | undefined, work: string) => Promise<T>,
): Promise<T> {
  const work = mkdtempSync(join(deps.tempRoot, 'dk-backup-'));
  try {
    const file = credentialFile(spec);
    const env: NodeJS.ProcessEnv = { ...deps.env, PGCONNECT_TIMEOUT: '15' };
    let optionFile: string | undefined;
    if (file) {
      const path = join(work, file.envVar ? 'pgpass' : 'my.cnf');
      writeFileSync(path, file.content, { mode: 0o600 });
      if (file.envVar) env[file.envVar] = path;
      else optionFile = path;
    }
    return await body(env, optionFile, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function majorOf(text: string): number | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Connects once before anything is written: a wrong password or a stopped server fails here with
 * the client's message. For PostgreSQL, also refuses a pg_dump older than the server.
 */
async function preflight(
  spec: DumpSpec,
  env: NodeJS.ProcessEnv,
  optionFile: string | undefined,
  deps: BackupDeps,
): Promise<void> {
  const c = spec.connection;
  if (spec.engine === 'postgres' && c) {
    const server = await deps.exec(
      [
        'psql',
        '--host',
        c.host,
        '--port',
        String(c.port ?? 5432),
        '--username',
        c.user ?? 'postgres',
        '--no-password',
        '--no-psqlrc',
        '--tuples-only',
        '--no-align',
        '--dbname',
        spec.scope === 'cluster' ? 'postgres' : c.database,
        '--command',
        'SHOW server_version_num',
      ],
      { env, signal: deps.signal, timeoutMs: 30_000 },
    );
    if (server.code !== 0)
      throw new ActionFailedError(`Cannot connect to PostgreSQL: ${server.stderr.trim()}`);
    const serverMajor = Math.floor(Number(server.stdout.trim()) / 10_000);
    const client = await deps.exec([spec.scope === 'cluster' ? 'pg_dumpall' : 'pg_dump', '--version'], {
      env,
      timeoutMs: 10_000,
    });
    const clientMajor = majorOf(client.stdout.replace(/^[^\d]*/, ''));
    if (client.code !== 0 || clientMajor === undefined)
      throw new ActionFailedError(`pg_dump is not installed on the runner: ${client.stderr.trim()}`);
    if (clientMajor < serverMajor)
      throw new ActionFailedError(
        `pg_dump ${clientMajor} is older than the server (PostgreSQL ${serverMajor}) and cannot dump it: install postgresql-client-${serverMajor}`,
      );
  } else if (spec.engine === 'mysql' && c) {
    const argv = restoreArgv(spec, optionFile);
    const ping = await deps.exec(
      [...argv, '--batch', '--skip-column-names', '--execute', 'SELECT 1', '--', c.database],
      { env, signal: deps.signal, timeoutMs: 30_000 },
    );
    if (ping.code !== 0)
      throw new ActionFailedError(`Cannot connect to MariaDB/MySQL: ${ping.stderr.trim()}`);
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
  return withCredentials(spec, deps, async (env, optionFile, work) => {
    await preflight(spec, env, optionFile, deps);
    let argv: string[];
    if (spec.engine === 'sqlite') {
      // The online backup API makes a consistent copy while writers continue; it is then checked and streamed.
      const copy = join(work, 'copy.db');
      const made = await deps.exec(dumpArgv(spec, undefined, copy), {
        env,
        signal: deps.signal,
        timeoutMs: request.timeoutMs,
      });
      if (made.code !== 0)
        throw new ActionFailedError(`sqlite3 .backup failed: ${made.stderr.trim() || made.stdout.trim()}`);
      if (request.verify) {
        const check = await deps.exec(['sqlite3', '-readonly', copy, 'PRAGMA integrity_check;'], {
          env,
          timeoutMs: request.timeoutMs,
        });
        if (check.code !== 0 || check.stdout.trim() !== 'ok')
          throw new ActionFailedError(
            `The SQLite copy fails its integrity check: ${(check.stdout + check.stderr).trim().slice(0, 300)}`,
          );
      }
      argv = ['cat', '--', copy];
    } else argv = dumpArgv(spec, optionFile);

    const name = backupName(request.prefix, started, backupExtension(spec, request.compression));
    const temp = await destination.openTemp();
    let result: PipelineResult;
    try {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), request.timeoutMs);
      const onAbort = (): void => controller.abort();
      deps.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        result = await runPipeline({
          dump: { argv, env },
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
  });
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
  const hash = createHash('sha256');
  for await (const chunk of await destination.read(file.name)) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
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
  deps: BackupDeps,
): Promise<void> {
  await checkStored(destination, file);
  await withCredentials(spec, deps, async (env, optionFile, work) => {
    await preflight(spec, env, optionFile, deps);
    const source = await destination.read(file.name);
    if (spec.engine === 'sqlite') {
      const copy = join(work, 'restore.db');
      await pipeDecompressed(source, compression, createWriteStream(copy, { mode: 0o600 }));
      const result = await deps.exec(restoreArgv(spec, undefined, copy), { env, signal: deps.signal });
      if (result.code !== 0) throw new ActionFailedError(`sqlite3 .restore failed: ${result.stderr.trim()}`);
      return;
    }
    const argv = restoreArgv(spec, optionFile, undefined, restoreDirectory);
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => {
      child.on('error', (e) => {
        stderr += e.message;
        resolve(127);
      });
      child.on('close', (code) => resolve(code));
    });
    let streamError: unknown;
    await pipeDecompressed(source, compression, child.stdin).catch((e: unknown) => (streamError = e));
    const code = await exited;
    if (code !== 0)
      throw new ActionFailedError(
        `${argv[0]} exited ${String(code)}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
      );
    if (streamError)
      throw new ActionFailedError(
        `Reading the backup failed: ${streamError instanceof Error ? streamError.message : 'stream error'}`,
      );
  });
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
