// gzip on several threads (packages/backup/src/gzip.ts): whatever the sizes, the cuts and the number of blocks in flight, the
// output is one gzip member that the real gzip(1) and Node's gunzip read back byte for byte.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gzipStream, parallelGzip } from '../../packages/backup/src/gzip.js';

const BLOCK = 64 * 1024;

/** Feeds `data` in pieces of `piece` bytes. */
async function compress(
  data: Buffer,
  piece: number,
  options: { inFlight?: number; level?: number } = {},
): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += piece) pieces.push(data.subarray(at, at + piece));
  return buffer(
    Readable.from(pieces).pipe(
      parallelGzip({ level: options.level ?? 6, blockBytes: BLOCK, inFlight: options.inFlight ?? 3 }),
    ),
  );
}

/** Text whose repeats reach back across block boundaries: the preset dictionaries matter. */
function repetitive(bytes: number): Buffer {
  const phrase = randomBytes(3000).toString('base64');
  let text = '';
  for (let i = 0; text.length < bytes; i += 1)
    text += `${i % 7}:${phrase.slice(i % 500, 1500 + (i % 900))}\n`;
  return Buffer.from(text.slice(0, bytes));
}

test('Node has zlib.crc32 here, so the backups gzip on threads: the same bytes as parallelGzip, not one stream', async () => {
  const data = repetitive(3 << 20);
  const used = await buffer(Readable.from([data]).pipe(gzipStream(6)));
  expect(used.equals(await buffer(Readable.from([data]).pipe(parallelGzip({ level: 6 }))))).toBe(true);
  expect(used.equals(gzipSync(data, { level: 6 }))).toBe(false);
});

test.each([
  ['empty', Buffer.alloc(0)],
  ['one byte', Buffer.from('x')],
  ['just under the window', randomBytes(32 * 1024 - 1)],
  ['a block less one', repetitive(BLOCK - 1)],
  ['exactly a block', repetitive(BLOCK)],
  ['a block and one', repetitive(BLOCK + 1)],
  ['random, five blocks and some', randomBytes(5 * BLOCK + 17)],
  ['repetitive, twelve blocks and some', repetitive(12 * BLOCK + 4099)],
])('%s: gzip(1) and Node read back every byte', async (_name, data) => {
  for (const piece of [1, 7 * 1024, 200 * 1024]) {
    if (piece === 1 && data.length > BLOCK + 1) continue; // byte by byte only where it is quick
    const gz = await compress(data, piece);
    expect(gz.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
    expect(gunzipSync(gz).equals(data)).toBe(true);
    expect(execFileSync('gzip', ['--decompress', '--stdout'], { input: gz }).equals(data)).toBe(true);
    execFileSync('gzip', ['--test'], { input: gz });
  }
});

test('the same bytes however many blocks deflate at once and however the input is cut', async () => {
  const data = repetitive(9 * BLOCK + 123);
  const reference = await compress(data, 64 * 1024, { inFlight: 1 });
  for (const inFlight of [2, 3, 8])
    for (const piece of [5000, 300 * 1024])
      expect((await compress(data, piece, { inFlight })).equals(reference)).toBe(true);
});

test('matches reach back across blocks: within 5% of one single-stream deflate, where blocks deflated alone are far larger', async () => {
  const data = repetitive(16 * BLOCK);
  const parallel = (await compress(data, BLOCK)).length;
  const single = gzipSync(data, { level: 6 }).length;
  // The control: the same blocks without the bytes before them to match against.
  let alone = 0;
  for (let at = 0; at < data.length; at += BLOCK) alone += gzipSync(data.subarray(at, at + BLOCK)).length;
  expect(parallel / single).toBeLessThan(1.05); // 1.015 measured: a sync marker per 64 KiB block
  expect(alone / single).toBeGreaterThan(1.5); // 2.97 measured
});

test('level 1 is a real level: faster settings, larger output than level 6 on text', async () => {
  const data = repetitive(8 * BLOCK);
  const fast = await compress(data, BLOCK, { level: 1 });
  const normal = await compress(data, BLOCK, { level: 6 });
  expect(gunzipSync(fast).equals(data)).toBe(true);
  expect(fast.length).toBeGreaterThan(normal.length);
});
