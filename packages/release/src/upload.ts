import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import { scriptArgv, type ExecResult, type RemoteShell } from '@deploy-kit/ssh';
import { LISTING_LIMIT } from './incremental.js';
import { RECEIVE_EXTRACT } from './scripts.js';

export interface UploadResult {
  bytes: number;
  sha256: string;
  /** What the host printed: LIST_FILES of the staging directory with `list`, else nothing. */
  listing: string;
}

/** What goes into the stream from a directory: all of it, or (an incremental upload) only `paths`. */
export interface ArchiveOptions {
  /** `./…` paths to send, without recursion; every entry when absent. */
  paths?: readonly string[];
  gzip?: boolean;
}

/**
 * A tar stream of a directory (system tar, argv only), or the bytes of a tarball as they are, and
 * the tar flag that unpacks it ('z' for gzip, whether asked for or the tarball's own).
 */
export function archiveStream(
  source: string,
  exclude: readonly string[],
  options: ArchiveOptions = {},
): { stream: Readable; done: Promise<void>; stop: () => void; flag: '' | 'z' } {
  if (statSync(source).isFile()) {
    const stream = createReadStream(source);
    return {
      stream,
      done: new Promise((resolve, reject) =>
        stream.on('end', resolve).on('error', reject).on('close', resolve),
      ),
      stop: () => stream.destroy(),
      flag: compressionFlag(source),
    };
  }
  const create = options.gzip ? '-czf' : '-cf';
  const args = options.paths
    ? [create, '-', '-C', source, '--no-recursion', '--null', '-T', '-']
    : [create, '-', '-C', source, ...exclude.map((pattern) => `--exclude=${pattern}`), '.'];
  const tar = spawn('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  // tar may exit before it reads (a failure, or a full archive that never reads stdin): its exit
  // code reports that; an EPIPE here must not crash the action.
  tar.stdin.on('error', () => undefined);
  tar.stdin.end(options.paths ? options.paths.map((p) => `${p}\0`).join('') : '');
  let stderr = '';
  tar.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`tar exited ${code}: ${stderr.trim()}`)),
    );
  });
  return { stream: tar.stdout, done, stop: () => tar.kill('SIGTERM'), flag: options.gzip ? 'z' : '' };
}

/** Writes the archive of `source` to a local file (shared by every host of a fleet deploy). */
export async function writeArchive(
  source: string,
  exclude: readonly string[],
  file: string,
  options: ArchiveOptions = {},
): Promise<void> {
  const { stream, done } = archiveStream(source, exclude, options);
  await Promise.all([pipeline(stream, createWriteStream(file, { mode: 0o600 })), done]);
}

/** The tar flag for a source tarball's compression ('' for a directory or a plain .tar). */
export function compressionFlag(source: string): '' | 'z' {
  return /\.(tgz|tar\.gz)$/i.test(source) ? 'z' : '';
}

/**
 * Streams the archive over the existing connection, extracted on the host into `staging` while
 * both sides hash it; the host writes its hash to `sumFile` for VERIFY_AND_PLACE to compare and,
 * with `list`, answers with what the staging directory holds (one round trip fewer than asking).
 */
export async function uploadArchive(
  conn: RemoteShell,
  source: string,
  exclude: readonly string[],
  staging: string,
  sumFile: string,
  options: {
    timeoutMs: number;
    signal?: AbortSignal;
    archive?: ArchiveOptions;
    /** Unpack into the linked copy in `staging`, the paths in `remove` taken out of it first. */
    into?: { remove: readonly string[] };
    list?: boolean;
  },
): Promise<UploadResult> {
  const { stream, done, stop, flag } = archiveStream(source, exclude, options.archive);
  // Settled as a value: a local failure must not be an unhandled rejection while the host works.
  const local = done.then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const hash = createHash('sha256');
  let bytes = 0;
  const counted = new PassThrough();
  // RECEIVE_EXTRACT's header for `into`: the length, then the paths, before the archive (not hashed).
  if (options.into) {
    const paths = Buffer.from(options.into.remove.map((path) => `${path}\0`).join(''));
    counted.write(`${paths.length}\n`);
    counted.write(paths);
  }
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  stream.pipe(counted);
  // The host stopped reading early (a failure, a timeout): a tar still writing would block forever.
  const abandon = async (): Promise<void> => {
    stream.unpipe(counted);
    stop();
    await local;
  };
  let result: ExecResult;
  try {
    result = await conn.exec(
      scriptArgv('dk-receive', RECEIVE_EXTRACT, [
        staging,
        sumFile,
        flag,
        options.into ? 'into' : '',
        options.list ? 'list' : '',
      ]),
      { stdin: counted, timeoutMs: options.timeoutMs, signal: options.signal, stdoutLimit: LISTING_LIMIT },
    );
  } catch (error) {
    await abandon();
    throw error;
  }
  if (result.code !== 0) {
    await abandon();
    throw new Error(`receiving the archive failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  const localError = await local;
  if (localError) throw localError;
  return { bytes, sha256: hash.digest('hex'), listing: result.stdout };
}
