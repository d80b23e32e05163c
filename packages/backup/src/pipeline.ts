import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { PassThrough, Transform, Writable, type Duplex, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ActionFailedError, errorMessage, throwIfCancelled } from '@deploy-kit/core';
import { gunzipStream, gzipStream } from './gzip.js';

/**
 * Stream buffers of 1 MiB instead of Node's 16 KiB: with small buffers every pipe stage pauses the
 * dump dozens of times per megabyte. Memory stays flat: a few MiB whatever the database size.
 */
export const BUFFER_BYTES = 1 << 20;

export const COMPRESSIONS = ['gzip', 'zstd', 'none'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export function compressionExtension(compression: Compression): string {
  return compression === 'gzip' ? '.gz' : compression === 'zstd' ? '.zst' : '';
}

type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

/** A process in the pipeline (local, or a command on a host): its exit status is checked, whatever the others did. */
interface Stage {
  label: string;
  stdout: Readable;
  stdin?: Writable;
  stderr: string;
  exited: Promise<ExitStatus>;
  kill(): void;
}

function startStage(
  label: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin: 'pipe' | 'ignore',
): Stage {
  const [command = '', ...args] = argv;
  const child: ChildProcess = spawn(command, args, { env, stdio: [stdin, 'pipe', 'pipe'] });
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error(`${label}: spawn gave no output pipes`);
  const stage: Stage = {
    label,
    stdout,
    stdin: child.stdin ?? undefined,
    stderr: '',
    exited: new Promise((resolve) => {
      child.on('error', (error) => {
        stage.stderr += `${error.message}\n`;
        resolve({ code: 127, signal: null });
      });
      child.on('close', (code, signal) => resolve({ code, signal }));
    }),
    kill: () => child.kill('SIGKILL'),
  };
  stderr.on('data', (chunk: Buffer) => {
    stage.stderr = (stage.stderr + chunk.toString('utf8')).slice(-4000);
  });
  return stage;
}

/** The stdin of a stage started with a pipe there. */
function stdinOf(stage: Stage): Writable {
  if (!stage.stdin) throw new Error(`${stage.label}: started without a stdin pipe`);
  return stage.stdin;
}

/** A dump that runs elsewhere (on a host over SSH): it writes to `stdout` and reports its exit. */
export interface RemoteDump {
  label: string;
  start(stdout: Writable): {
    exited: Promise<{ code: number | null; signal?: string; stderr: string }>;
    kill(): void;
  };
}

function remoteStage(remote: RemoteDump): Stage {
  const stdout = new PassThrough();
  const run = remote.start(stdout);
  const stage: Stage = {
    label: remote.label,
    stdout,
    stderr: '',
    exited: run.exited.then(
      (r) => {
        stage.stderr = r.stderr;
        return { code: r.code, signal: (r.signal as NodeJS.Signals | undefined) ?? null };
      },
      (error: unknown) => {
        stage.stderr = errorMessage(error);
        stdout.end();
        return { code: 255, signal: null };
      },
    ),
    kill: () => run.kill(),
  };
  return stage;
}

/**
 * Copies the stream to a checker (a verifier's stdin, a decompressor) as it passes, so the check
 * reads exactly the bytes that were stored. Each chunk goes on downstream at once and the checker
 * reads its copy meanwhile; only the next chunk waits for it (waiting before passing the chunk on
 * made the verifier and the compressor take turns instead of running side by side: bench/backup,
 * bench/results/backup.md).
 * A verifier that stops reading early is left alone; its exit status decides.
 */
function teeTo(target: Writable | undefined): Transform {
  if (!target) return new PassThrough({ highWaterMark: BUFFER_BYTES });
  let open = true;
  const shut = (): void => {
    open = false;
  };
  target.on('error', shut);
  target.on('close', shut);
  return new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _encoding, callback) {
      // A target already gone (a verifier that stopped reading) never drains nor closes again.
      if (open && (target.destroyed || target.writableEnded)) open = false;
      const waitForVerifier = open && !target.write(chunk);
      this.push(chunk);
      if (!waitForVerifier) return callback();
      const resume = (): void => {
        target.off('close', resume);
        target.off('drain', resume);
        callback();
      };
      target.once('drain', resume);
      target.once('close', resume);
      // It may have gone between the write and now.
      if (target.destroyed) resume();
    },
    flush(callback) {
      if (open) target.end();
      callback();
    },
  });
}

/**
 * Gathers the dump's 64 KiB pipe reads into 1 MiB pieces before anything else sees them. Fed each
 * read alone, one zlib stream and the dump took turns (a trip to libuv's threads per read while
 * the dump waited on a full pipe). With gzip on threads the time is the same either way, but the
 * peak RSS is lowest when the pieces are gathered here, before the counter and the gzip (the
 * garbage of many small pieces; bench/backup reports the peak RSS, bench/results/backup.md).
 */
function coalesce(): Transform {
  let held: Buffer[] = [];
  let heldBytes = 0;
  return new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _e, callback) {
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes >= BUFFER_BYTES) {
        const out = Buffer.concat(held, heldBytes);
        held = [];
        heldBytes = 0;
        return callback(null, out);
      }
      callback();
    },
    flush(callback) {
      callback(null, heldBytes ? Buffer.concat(held, heldBytes) : undefined);
    },
  });
}

export interface PipelineRequest {
  /** The dump command, writing the backup to stdout: local, or on a host. */
  dump: { argv: readonly string[]; env: NodeJS.ProcessEnv } | { remote: RemoteDump; env: NodeJS.ProcessEnv };
  /**
   * Reads the uncompressed dump on stdin and exits 0 only for a complete one (pg_restore, tar -t).
   * With compression, it reads the compressed output decompressed again: what a restore reads.
   */
  verifier?: { argv: readonly string[]; label: string };
  /**
   * Reads the uncompressed dump beside the verifier, to its end (the custom-format archive walk);
   * rejects when the content is not whole. Its error is reported in the result, not thrown: the
   * caller decides how much to trust it.
   */
  walk?: (content: AsyncIterable<Buffer>) => Promise<unknown>;
  /** Sees every uncompressed byte, in order (a MariaDB dump's row counter). */
  inspect?: (chunk: Buffer) => void;
  /**
   * The dump is compressed already (pg_dump's custom format with its own compression, dumped on a
   * host): gzip then runs at level 1. On bytes already deflated, level 6 finds almost nothing more
   * to remove and spends more CPU looking.
   */
  dumpIsCompressed?: boolean;
  /** The uncompressed dump must end with this (plain SQL completion comments). */
  endsWith?: RegExp;
  compression: Compression;
  /**
   * Decompress the stored bytes again as they pass, to their end (what a restore reads): proof that
   * the file decompresses to the whole dump. Off only with verify: false, which checks no content;
   * a verifier or a walk of compressed output reads through it, so either turns it on.
   */
  decompress: boolean;
  /**
   * Encrypts the compressed bytes before they are hashed and stored (encryptTo in age.ts). The
   * checks read the compressed bytes before it: the stored ciphertext is checked by its SHA-256.
   */
  encrypt?: Duplex;
  /** Where the compressed bytes go (a temporary file or an SSH channel). */
  sink: Writable;
  signal?: AbortSignal;
}

export interface PipelineResult {
  sizeBytes: number;
  sha256: string;
  rawBytes: number;
  /** The bytes hashed were decompressed to the end as they were written. */
  decompresses: boolean;
  /** What `walk` found wrong with the content, if anything. */
  walkFailure?: string;
}

/** Reads and drops the rest of a stream, whoever was reading it before. */
function drain(stream: PassThrough): void {
  // An abandoned async iterator still listens for 'readable', which keeps 'data' from flowing.
  stream.removeAllListeners('readable');
  stream.on('data', () => undefined);
  stream.resume();
}

/**
 * Where the checked bytes go: the verifier's stdin (a verifier may stop reading early, as
 * `pg_restore --list` does after the table of contents) and on to the walk, or nowhere. `done`
 * settles once every byte has passed, with the walk's error if it found one.
 */
function startChecks(
  verifierStdin: Writable | undefined,
  walk: PipelineRequest['walk'],
): { input: Writable; done: Promise<unknown> } {
  const input = teeTo(verifierStdin);
  const content = new PassThrough({ highWaterMark: BUFFER_BYTES });
  const walked = walk
    ? walk(content).then(
        () => undefined,
        (error: unknown) => {
          // The backup itself goes on to its end whatever the walk thought of it.
          drain(content);
          return error;
        },
      )
    : (drain(content), Promise.resolve(undefined));
  // A failure of the passage itself is the echo of a decompressor or verifier that failed: their
  // own errors and exit statuses report it.
  const passed = pipeline(input, content).catch(() => undefined);
  return { input, done: Promise.all([passed, walked]).then(([, walkError]) => walkError) };
}

/**
 * Decompresses the compressed output as it passes, into the checks. gzip runs in this process
 * (zlib works on libuv's threads, beside the dump); zstd as its own process.
 */
function startDecompression(
  compression: Exclude<Compression, 'none'>,
  checks: Writable,
  verifierStdin: Writable | undefined,
): { input: Writable; stage?: Stage; done: Promise<unknown> } {
  // Each settles with the error instead of rejecting: the caller weighs it against the exit
  // statuses. On an error the verifier's stdin is closed too, or it would wait for more forever.
  const settle = (done: Promise<void>): Promise<unknown> =>
    done.then(
      () => undefined,
      (error: unknown) => {
        verifierStdin?.destroy();
        return error;
      },
    );
  if (compression === 'gzip') {
    const gunzip = gunzipStream();
    return { input: gunzip, done: settle(pipeline(gunzip, checks)) };
  }
  const stage = startStage(
    'zstd --decompress (verify)',
    ['zstd', '--quiet', '--decompress', '--stdout'],
    process.env,
    'pipe',
  );
  return { input: stdinOf(stage), stage, done: settle(pipeline(stage.stdout, checks)) };
}

function describe(stage: Stage, status: { code: number | null; signal: NodeJS.Signals | null }): string {
  const how = status.signal ? `was killed (${status.signal})` : `exited ${String(status.code)}`;
  const why = stage.stderr.trim().split('\n').slice(-3).join(' / ');
  return `${stage.label} ${how}${why ? `: ${why}` : ''}`;
}

/** Errors that only say the other end of a pipe went away: a process died, its status says why. */
export function isEcho(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * dump → compress → SHA-256 → sink, the stored bytes decompressed again into the checks as they
 * pass; streamed end to end (memory stays flat). Every process's exit status is checked: a dump
 * that died half-way fails here even though the bytes before it were compressed and written (the
 * trap that made peers publish truncated backups).
 */
export async function runPipeline(request: PipelineRequest): Promise<PipelineResult> {
  const dump =
    'remote' in request.dump
      ? remoteStage(request.dump.remote)
      : startStage(request.dump.argv[0] ?? 'dump', request.dump.argv, request.dump.env, 'ignore');
  const verifier = request.verifier
    ? startStage(request.verifier.label, request.verifier.argv, request.dump.env, 'pipe')
    : undefined;
  verifier?.stdout.resume();
  // gzip runs in this process, on libuv's threads beside the dump (gzip.ts); zstd is its own
  // process, on every core (-T0).
  const gzip = request.compression === 'gzip' ? gzipStream(request.dumpIsCompressed ? 1 : 6) : undefined;
  const compressor =
    request.compression === 'zstd'
      ? startStage('zstd', ['zstd', '--quiet', '--stdout', '-3', '-T0'], process.env, 'pipe')
      : undefined;
  // The stored bytes decompressed again as they pass: the verifier reads what a restore would read,
  // and the file needs no second decompression pass once its SHA-256 has been re-read.
  const decompressing =
    request.compression !== 'none' &&
    (request.decompress || verifier !== undefined || request.walk !== undefined);
  const checking =
    decompressing || verifier || request.walk ? startChecks(verifier?.stdin, request.walk) : undefined;
  const decompression =
    decompressing && checking
      ? startDecompression(
          request.compression as Exclude<Compression, 'none'>,
          checking.input,
          verifier?.stdin,
        )
      : undefined;
  const stages = [dump, verifier, compressor, decompression?.stage].filter(
    (s): s is Stage => s !== undefined,
  );
  const kill = (): void => {
    for (const s of stages) s.kill();
  };
  request.signal?.addEventListener('abort', kill, { once: true });

  const hash = createHash('sha256');
  let sizeBytes = 0;
  let rawBytes = 0;
  const tail = { text: '' };
  const counter = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _e, callback) {
      rawBytes += chunk.length;
      // Only the end matters (the completion marker): never the whole chunk as a string.
      tail.text = (tail.text + chunk.subarray(-4096).toString('latin1')).slice(-4096);
      request.inspect?.(chunk);
      callback(null, chunk);
    },
  });
  const hasher = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _e, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      callback(null, chunk);
    },
  });
  let streamError: unknown;
  try {
    // dump → counter → compressor → hasher → sink, the stored bytes teed to the decompressor, or
    // straight into the checks when they are the dump itself. A zstd process splits the chain.
    // Encrypted, the compressed bytes are teed before the encryption and the ciphertext hashed.
    const raw = [dump.stdout, coalesce(), counter];
    const check = teeTo(decompression?.input ?? checking?.input);
    const stored = request.encrypt
      ? [check, request.encrypt, hasher, request.sink]
      : [hasher, check, request.sink];
    await (compressor
      ? Promise.all([pipeline([...raw, stdinOf(compressor)]), pipeline([compressor.stdout, ...stored])])
      : pipeline([...raw, ...(gzip ? [gzip] : []), ...stored]));
  } catch (error) {
    streamError = error;
    kill();
    decompression?.input.destroy();
    checking?.input.destroy();
  } finally {
    request.signal?.removeEventListener('abort', kill);
  }
  const decompressionError = await decompression?.done;
  const walkError = await checking?.done;
  const statuses = await Promise.all(stages.map(async (stage) => ({ stage, status: await stage.exited })));
  throwIfCancelled(request.signal);
  const failures = statuses.filter(({ status }) => status.code !== 0 || status.signal !== null);
  const writeFailed = (): ActionFailedError =>
    new ActionFailedError(`Writing the backup failed: ${errorMessage(streamError)}`);
  // A system error on the write side (disk full) is the cause: the processes were killed for it.
  // A stream closed early is only the echo of a process that died: that process's status is the cause.
  if (streamError && !isEcho(streamError)) throw writeFailed();
  // A decompressor that failed on the compressed bytes is the cause of its verifier's failure.
  if (decompressionError && !isEcho(decompressionError))
    throw new ActionFailedError(
      `The compressed backup does not decompress: ${decompressionError instanceof Error ? decompressionError.message : 'stream error'}`,
    );
  if (failures.length)
    throw new ActionFailedError(failures.map((f) => describe(f.stage, f.status)).join('; '));
  if (streamError) throw writeFailed();
  if (rawBytes === 0) throw new ActionFailedError(`${dump.label} exited 0 but wrote nothing`);
  if (request.endsWith && !request.endsWith.test(tail.text))
    throw new ActionFailedError(
      `${dump.label} exited 0 but the dump does not end with its completion marker`,
    );
  return {
    sizeBytes,
    sha256: hash.digest('hex'),
    rawBytes,
    decompresses: decompression !== undefined && decompressionError === undefined,
    ...(walkError !== undefined
      ? { walkFailure: walkError instanceof Error ? walkError.message : 'the archive walk failed' }
      : {}),
  };
}
