import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { finished, pipeline } from 'node:stream/promises';
import { spawn } from 'node:child_process';
import { ActionFailedError, sha256Of } from '@deploy-kit/core';
import { gunzipStream } from './gzip.js';
import { BUFFER_BYTES, type Compression } from './pipeline.js';

export interface StoredFile {
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  /** The SHA-256 its sidecar records, when it has one. */
  sha256?: string;
}

export interface Expected {
  sizeBytes: number;
  sha256: string;
  /**
   * The re-read also decompresses the stored file to its end: not when the bytes were decompressed
   * as they were written (the same SHA-256 is the same bytes), nor with verify: false.
   */
  decompressOnReRead: boolean;
}

/** Where backups are stored: written under a temporary name, verified, then renamed. */
export interface Destination {
  readonly label: string;
  prepare(): Promise<void>;
  /**
   * A writable for a new temporary file; `written` settles once it is durably written. `name` is
   * the final name (S3 uploads straight to it: a multipart object exists only once complete).
   */
  openTemp(name?: string): Promise<{ tempName: string; sink: Writable; written: Promise<void> }>;
  /**
   * Re-reads the temporary file from the destination: size and SHA-256 must match, the compressed
   * stream must decompress; then the `.sha256` sidecar is written and the file renamed to `name`.
   */
  publish(tempName: string, name: string, expected: Expected, compression: Compression): Promise<void>;
  discard(tempName: string): Promise<void>;
  list(): Promise<StoredFile[]>;
  /** Removes a backup and its sidecar. */
  remove(name: string): Promise<void>;
  read(name: string): Promise<Readable>;
  /** Removes temporary files older than `ttlMs`; returns their names. */
  sweep(ttlMs: number, now: number): Promise<string[]>;
}

export const TEMP_PREFIX = '.deploy-kit-partial-';
export const SIDECAR = '.sha256';

export function sidecarText(sha256: string, name: string): string {
  return `${sha256}  ${name}\n`;
}

/** The hash recorded in a sidecar's text, or undefined. */
export function parseSidecar(text: string): string | undefined {
  return /^([0-9a-f]{64})\s/.exec(text)?.[1];
}

/** Runs `argv` with `input` on its stdin; resolves with its exit code and the end of its stderr. */
export function runQuiet(argv: string[], input: Readable): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0] ?? '', argv.slice(1), { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    child.on('error', (e) => resolve({ code: 127, stderr: e.message }));
    child.on('close', (code) => resolve({ code, stderr }));
    input.pipe(child.stdin).on('error', () => undefined);
  });
}

/** Checks that a compressed file decompresses to the end (gzip's and zstd's own checksums). */
export async function checkCompressed(
  open: () => Readable | Promise<Readable>,
  compression: Compression,
): Promise<void> {
  if (compression === 'gzip') {
    try {
      await pipeline(await open(), gunzipStream(), new Writable({ write: (_c, _e, cb) => cb() }));
    } catch (error) {
      throw new ActionFailedError(`The stored backup does not decompress: ${String(error)}`);
    }
  } else if (compression === 'zstd') {
    const result = await runQuiet(['zstd', '--quiet', '--test'], await open());
    if (result.code !== 0)
      throw new ActionFailedError(`The stored backup does not decompress: ${result.stderr.trim()}`);
  }
}

/**
 * What every destination checks before it publishes: the stored size and SHA-256 equal what was
 * written, and the stored bytes decompress to the end.
 */
export async function checkReadBack(
  storedSize: number | undefined,
  open: () => Readable | Promise<Readable>,
  expected: Expected,
  compression: Compression,
  what: string,
): Promise<void> {
  if (storedSize !== expected.sizeBytes)
    throw new ActionFailedError(
      `${what} has ${String(storedSize)} bytes, ${expected.sizeBytes} were written`,
    );
  // Both reads at once: zlib inflates on libuv's threads while this thread hashes.
  const [actual] = await Promise.all([
    sha256Of(await open()),
    expected.decompressOnReRead ? checkCompressed(open, compression) : undefined,
  ]);
  if (actual !== expected.sha256)
    throw new ActionFailedError(`${what}'s SHA-256 is ${actual}, ${expected.sha256} was written`);
}

/** fsync(2): the file's (or directory's) data and metadata on disk before this returns. */
async function flushToDisk(path: string): Promise<void> {
  // Linux flushes through a read-only descriptor too, and a directory opens no other way.
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class LocalDestination implements Destination {
  readonly label: string;
  constructor(private readonly dir: string) {
    this.label = `local:${dir}`;
  }

  prepare(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    return Promise.resolve();
  }

  openTemp(): Promise<{ tempName: string; sink: Writable; written: Promise<void> }> {
    const tempName = `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`;
    const sink = createWriteStream(join(this.dir, tempName), {
      flags: 'wx',
      mode: 0o600,
      highWaterMark: BUFFER_BYTES,
    });
    const written = finished(sink);
    // Awaited after the pipeline; until then its rejection (disk full) is the pipeline's to report.
    written.catch(() => undefined);
    return Promise.resolve({ tempName, sink, written });
  }

  async publish(tempName: string, name: string, expected: Expected, compression: Compression): Promise<void> {
    const temp = join(this.dir, tempName);
    // On disk before it gets its final name: renamed while still only in the page cache, a crash
    // could leave an empty or partial file under that name, beside a sidecar that vouches for it.
    // The flush runs while the re-read hashes the same bytes from the cache.
    await Promise.all([
      checkReadBack(
        statSync(temp).size,
        () => createReadStream(temp),
        expected,
        compression,
        'The stored backup',
      ),
      flushToDisk(temp),
    ]);
    const final = join(this.dir, name);
    if (existsSync(final)) throw new ActionFailedError(`${final} already exists; not overwritten`);
    // Sidecar first: a backup file without one is never taken for a verified backup.
    writeFileSync(`${final}${SIDECAR}.tmp`, sidecarText(expected.sha256, name), { mode: 0o600 });
    await flushToDisk(`${final}${SIDECAR}.tmp`);
    renameSync(`${final}${SIDECAR}.tmp`, `${final}${SIDECAR}`);
    renameSync(temp, final);
    // The renames themselves are entries of the directory.
    await flushToDisk(this.dir);
  }

  discard(tempName: string): Promise<void> {
    rmSync(join(this.dir, tempName), { force: true });
    return Promise.resolve();
  }

  list(): Promise<StoredFile[]> {
    if (!existsSync(this.dir)) return Promise.resolve([]);
    const names = readdirSync(this.dir);
    const files: StoredFile[] = [];
    for (const name of names) {
      if (name.startsWith('.') || name.endsWith(SIDECAR)) continue;
      const stat = statSync(join(this.dir, name));
      if (!stat.isFile()) continue;
      const sidecar = join(this.dir, `${name}${SIDECAR}`);
      files.push({
        name,
        sizeBytes: stat.size,
        mtimeMs: stat.mtimeMs,
        sha256: existsSync(sidecar) ? parseSidecar(readFileSync(sidecar, 'utf8')) : undefined,
      });
    }
    return Promise.resolve(files);
  }

  remove(name: string): Promise<void> {
    rmSync(join(this.dir, `${name}${SIDECAR}`), { force: true });
    rmSync(join(this.dir, name), { force: true });
    return Promise.resolve();
  }

  read(name: string): Promise<Readable> {
    return Promise.resolve(createReadStream(join(this.dir, name)));
  }

  sweep(ttlMs: number, now: number): Promise<string[]> {
    if (!existsSync(this.dir)) return Promise.resolve([]);
    const swept: string[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      if (now - statSync(join(this.dir, name)).mtimeMs < ttlMs) continue;
      rmSync(join(this.dir, name), { force: true });
      swept.push(name);
    }
    return Promise.resolve(swept);
  }
}
