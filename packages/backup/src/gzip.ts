// gzip and gunzip as the backups use them: Node's zlib (Chromium's build: the same format and about
// the same size as gzip(1) at the same level, for less CPU; bench/results/backup.md), with large
// output buffers, and deflating on several cores.
//
// On several cores as pigz does it: the input cut into blocks, each block deflated on its own
// libuv thread with the 32 KiB before it as the preset dictionary, so matches still reach back
// across the cut; the blocks end on a sync flush (byte-aligned, not final) except the last, and
// their concatenation is one ordinary deflate stream in one gzip member. The CRC-32 and the length
// are taken in order on this thread. Any gunzip reads the result; it is within 0.02% of a
// single-stream deflate at the same level (1 GB database: 205,034,011 against 205,007,930 bytes).
import { availableParallelism } from 'node:os';
import { Transform } from 'node:stream';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { Gunzip } from 'node:zlib';

const deflateRawAsync = promisify(zlib.deflateRaw);

/**
 * zlib.crc32 came with Node 20.15 and 22.2 (a named import would stop older ones loading the
 * bundle at all); without it, gzip runs as one stream.
 */
const canDeflateInParallel = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

/** Deflate's window: what a block's matches may reach back into. */
const WINDOW_BYTES = 32 * 1024;
/**
 * zlib's output buffers. With its 16 KiB default, inflating took about twice the CPU and deflating
 * a block a third more (bench/backup's restore and backup figures).
 */
const OUTPUT_CHUNK_BYTES = 256 * 1024;

/** ID1 ID2, CM deflate, no flags, no mtime, no extra flags, OS Unix (RFC 1952). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

export interface ParallelGzipOptions {
  level: number;
  /** Bytes per block; 1 MiB by default. */
  blockBytes?: number;
  /**
   * Blocks deflating at once. By default one per core, at most 3: libuv has 4 threads, and the
   * file writes and the verifying gunzip need one.
   */
  inFlight?: number;
}

function defaultInFlight(): number {
  return Math.min(3, Math.max(2, availableParallelism()));
}

/** A gzip as fast as Node's zlib goes: on threads where this Node has zlib.crc32, else one stream. */
export function gzipStream(level: number): Transform {
  return canDeflateInParallel
    ? parallelGzip({ level })
    : zlib.createGzip({ level, chunkSize: OUTPUT_CHUNK_BYTES });
}

/** A gunzip as fast as Node's zlib goes (it inflates on libuv's threads). */
export function gunzipStream(): Gunzip {
  return zlib.createGunzip({ chunkSize: OUTPUT_CHUNK_BYTES });
}

/** A Transform from bytes to one gzip member, deflated on up to `inFlight` threads at once. */
export function parallelGzip(options: ParallelGzipOptions): Transform {
  const blockBytes = options.blockBytes ?? 1 << 20;
  const inFlight = options.inFlight ?? defaultInFlight();
  let crc = 0;
  let length = 0;
  let dictionary: Buffer | undefined;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let started = false;
  /** Deflating blocks, oldest first: their output goes out in this order. */
  const deflating: Array<Promise<Buffer>> = [];

  const deflateBlock = (block: Buffer, last: boolean): void => {
    crc = zlib.crc32(block, crc);
    length += block.length;
    const deflated = deflateRawAsync(block, {
      level: options.level,
      chunkSize: OUTPUT_CHUNK_BYTES,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      ...(dictionary ? { dictionary } : {}),
    });
    // An abandoned block's failure is the stream's failure, reported when its turn comes.
    deflated.catch(() => undefined);
    deflating.push(deflated);
    dictionary =
      block.length >= WINDOW_BYTES
        ? block.subarray(block.length - WINDOW_BYTES)
        : Buffer.concat(dictionary ? [dictionary, block] : [block]).subarray(-WINDOW_BYTES);
  };

  return new Transform({
    highWaterMark: blockBytes,
    transform(chunk: Buffer, _encoding, callback) {
      if (!started) {
        this.push(GZIP_HEADER);
        started = true;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < blockBytes) return callback();
      const [only] = held;
      const all = held.length === 1 && only ? only : Buffer.concat(held, heldBytes);
      let at = 0;
      for (; heldBytes - at >= blockBytes; at += blockBytes)
        deflateBlock(all.subarray(at, at + blockBytes), false);
      held = at < heldBytes ? [all.subarray(at)] : [];
      heldBytes -= at;
      // Hold the input back while every thread is busy: memory stays a few blocks.
      void (async () => {
        while (deflating.length >= inFlight) {
          const next = deflating.shift();
          if (next) this.push(await next);
        }
      })().then(() => callback(), callback);
    },
    flush(callback) {
      if (!started) this.push(GZIP_HEADER);
      deflateBlock(Buffer.concat(held, heldBytes), true);
      held = [];
      void (async () => {
        for (let next = deflating.shift(); next; next = deflating.shift()) this.push(await next);
        const trailer = Buffer.alloc(8);
        trailer.writeUInt32LE(crc >>> 0, 0);
        trailer.writeUInt32LE(length % 2 ** 32, 4);
        this.push(trailer);
      })().then(() => callback(), callback);
    },
  });
}
