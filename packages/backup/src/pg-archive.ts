// pg_dump's custom format, walked as it streams: header, table of contents, then every data
// block's framing to the end, without inflating the blocks. pg_restore inflates every block to
// check an archive, which is most of a verified backup's CPU; the walk catches what a cut or
// mangled stream looks like (a missing or unfinished block, bytes after the last one) at almost
// no cost. Layout as pg_backup_archiver.c and pg_backup_custom.c write it, versions 1.12-1.16.

const MAGIC = 'PGDMP';
const FORMAT_CUSTOM = 1;
const BLOCK_DATA = 1;
const BLOCK_BLOBS = 3;
/** ReadOffset's flags: data written but its position unknown (a pipe), position known, no data. */
const OFFSET_POS_NOT_SET = 1;
const OFFSET_POS_SET = 2;
const OFFSET_NO_DATA = 3;
const MIN_MINOR = 12;
const MAX_MINOR = 16;

export class ArchiveError extends Error {}

/** A sign byte, then the magnitude's `intSize` bytes, least significant first. */
function readInt(bytes: Buffer, at: number, intSize: number): number {
  let value = 0;
  for (let i = intSize; i >= 1; i -= 1) value = value * 256 + (bytes[at + i] ?? 0);
  return bytes[at] ? -value : value;
}

/** Reads fixed-size pieces from a stream of chunks, holding only the chunk it is in. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private position = 0;
  /** Bytes consumed before `buffer`. */
  private consumed = 0;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  get offset(): number {
    return this.consumed + this.position;
  }

  /** The next chunk in place of what is left (`skip` and `bytes` have taken the rest). */
  private async more(): Promise<boolean> {
    const next = await this.source.next();
    if (next.done) return false;
    this.consumed += this.buffer.length;
    this.buffer = next.value;
    this.position = 0;
    return true;
  }

  async bytes(n: number, what: string): Promise<Buffer> {
    const here = this.buffer.length - this.position;
    if (here >= n) {
      const out = this.buffer.subarray(this.position, this.position + n);
      this.position += n;
      return out;
    }
    // Straddles chunks: only the n bytes are copied, never the next chunk whole.
    const parts = [this.buffer.subarray(this.position)];
    let need = n - here;
    this.position = this.buffer.length;
    while (need > 0) {
      if (!(await this.more()))
        throw new ArchiveError(`the archive ends inside ${what} (byte ${this.offset})`);
      const take = Math.min(need, this.buffer.length);
      parts.push(this.buffer.subarray(0, take));
      this.position = take;
      need -= take;
    }
    return Buffer.concat(parts, n);
  }

  /**
   * The integer at the current position when it is buffered whole, without a promise: an archive
   * without pg_dump's own compression frames every row as a chunk (3 million on the benchmark's
   * database), and a promise per chunk cost the walk more than the rest of it.
   */
  intNow(intSize: number): number | undefined {
    if (this.buffer.length - this.position < 1 + intSize) return undefined;
    const value = readInt(this.buffer, this.position, intSize);
    this.position += 1 + intSize;
    return value;
  }

  /** Skips what is buffered of n bytes; returns how many are left to skip. */
  skipNow(n: number): number {
    const here = Math.min(n, this.buffer.length - this.position);
    this.position += here;
    return n - here;
  }

  async skip(n: number, what: string): Promise<void> {
    let left = n;
    for (;;) {
      const here = Math.min(left, this.buffer.length - this.position);
      this.position += here;
      left -= here;
      if (left === 0) return;
      if (!(await this.more()))
        throw new ArchiveError(`the archive ends inside ${what} (byte ${this.offset})`);
    }
  }

  async atEnd(): Promise<boolean> {
    return this.position >= this.buffer.length && !(await this.more());
  }
}

export interface ArchiveSummary {
  version: string;
  entries: number;
  dataBlocks: number;
}

/**
 * Walks a whole custom-format archive. Resolves with what it saw, or rejects with an ArchiveError
 * saying where the archive stops making sense.
 */
export async function walkCustomArchive(source: AsyncIterable<Buffer>): Promise<ArchiveSummary> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  const magic = (await reader.bytes(MAGIC.length, 'the header')).toString('latin1');
  if (magic !== MAGIC) throw new ArchiveError('not a pg_dump custom-format archive (no PGDMP header)');
  const [major, minor = 0] = await reader.bytes(3, 'the header');
  if (major !== 1 || minor < MIN_MINOR || minor > MAX_MINOR)
    throw new ArchiveError(
      `archive version ${major}.${minor} is not one this check reads (1.${MIN_MINOR}-1.${MAX_MINOR})`,
    );
  const [intSize, offSize, format] = await reader.bytes(3, 'the header');
  if (format !== FORMAT_CUSTOM) throw new ArchiveError(`archive format ${format} is not the custom format`);
  if (!intSize || intSize > 8 || !offSize || offSize > 16)
    throw new ArchiveError(`implausible integer sizes in the header (${intSize}, ${offSize})`);

  const int = async (what: string): Promise<number> =>
    reader.intNow(intSize) ?? readInt(await reader.bytes(1 + intSize, what), 0, intSize);
  // A length (-1: NULL), then that many bytes.
  const str = async (what: string): Promise<string | null> => {
    const length = await int(what);
    if (length < 0) return null;
    return (await reader.bytes(length, what)).toString('utf8');
  };

  if (minor >= 15) await reader.bytes(1, 'the header');
  else await int('the header');
  for (let i = 0; i < 7; i += 1) await int('the header'); // creation time
  await str('the header'); // database name
  await str('the header'); // server version
  await str('the header'); // pg_dump version

  const entries = await int('the table of contents');
  if (entries < 0 || entries > 50_000_000)
    throw new ArchiveError(`implausible number of entries (${entries})`);
  /** Entries whose data the archive holds, by dump ID. */
  const withData = new Set<number>();
  for (let e = 0; e < entries; e += 1) {
    const what = `table of contents entry ${e + 1} of ${entries}`;
    const dumpId = await int(what);
    if (dumpId <= 0) throw new ArchiveError(`${what} has dump ID ${dumpId}`);
    await int(what); // had a data dumper
    for (let field = 0; field < 4; field += 1) await str(what); // tableoid, oid, tag, desc
    await int(what); // section
    for (let field = 0; field < 5; field += 1) await str(what); // defn, drop, copy, namespace, tablespace
    if (minor >= 14) await str(what); // table access method
    if (minor >= 16) await int(what); // relkind
    await str(what); // owner
    await str(what); // "false": WITH OIDS
    while ((await str(what)) !== null); // dependencies, NULL-terminated
    const [flag] = await reader.bytes(1 + offSize, what);
    if (flag === OFFSET_POS_NOT_SET || flag === OFFSET_POS_SET) withData.add(dumpId);
    else if (flag !== OFFSET_NO_DATA)
      throw new ArchiveError(`${what} has an unknown data offset flag ${flag}`);
  }

  // Data blocks: a type, the entry's dump ID, then length-prefixed chunks ending with length 0
  // (large objects: per object an OID, then its chunks; OID 0 ends the block).
  const seen = new Set<number>();
  const chunks = async (what: string): Promise<void> => {
    for (;;) {
      const length = reader.intNow(intSize) ?? (await int(what));
      if (length === 0) return;
      if (length < 0) throw new ArchiveError(`${what} has a chunk of length ${length}`);
      const left = reader.skipNow(length);
      if (left > 0) await reader.skip(left, what);
    }
  };
  while (!(await reader.atEnd())) {
    const [type] = await reader.bytes(1, 'a data block header');
    const id = await int('a data block header');
    const what = `the data block of entry ${id}`;
    if (!withData.has(id)) throw new ArchiveError(`${what} is not announced in the table of contents`);
    if (seen.has(id)) throw new ArchiveError(`${what} appears twice`);
    seen.add(id);
    if (type === BLOCK_DATA) await chunks(what);
    else if (type === BLOCK_BLOBS) while ((await int(what)) !== 0) await chunks(what);
    else throw new ArchiveError(`${what} has an unknown block type ${type}`);
  }
  const missing = [...withData].filter((id) => !seen.has(id));
  if (missing.length)
    throw new ArchiveError(
      `the archive ends before the data of ${missing.length} entr${missing.length === 1 ? 'y' : 'ies'} (first: ${missing[0]})`,
    );
  return { version: `1.${minor}`, entries, dataBlocks: seen.size };
}
