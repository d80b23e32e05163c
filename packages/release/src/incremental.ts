import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Incremental uploads (docs/architecture.md, "Uploads"): the runner describes the release as a
 * manifest (path, size, mode, content hash); the host keeps, beside each release it placed, that
 * manifest with the mtime each file has there. On the next deploy a file of the live release is
 * trusted only while its size, mode and mtime on the host still match its line — a file edited on
 * the host since is not — and a source file equal to a trusted one is hard-linked from the live
 * release instead of sent. Everything else travels in the tar stream as before.
 */

/** A regular file of the source: the key of a manifest line. */
export interface SourceFile {
  /** `./dir/name`, as tar and find write it. */
  path: string;
  size: number;
  /** Permission bits on the runner, octal text as `stat -c %a` prints them. */
  mode: string;
  sha256: string;
}

/** A file as the host keeps it: its source line, and its mtime and mode there (tar applies the umask). */
export interface PlacedFile extends SourceFile {
  mtime: number;
  hostMode: string;
}

export interface SourceManifest {
  files: SourceFile[];
  /** Directories and symlinks (always sent: they cost a header each). */
  others: string[];
}

/** One line of a host's manifest: `sha256 size mode mtime host-mode path`. */
export function manifestLine(file: PlacedFile): string {
  return `${file.sha256} ${file.size} ${file.mode} ${file.mtime} ${file.hostMode} ${file.path}`;
}

/**
 * A host's manifest, by path: each line's fields before the path (`sha256 size mode mtime
 * host-mode`), as text. planIncremental compares that text with the one a trusted file would have,
 * so a line that is not well formed never matches; no line is parsed into fields (5,000 of them
 * cost more than the rest of the plan: bench/results/upload.md).
 */
function recordedFields(text: string): Map<string, string> {
  const files = new Map<string, string>();
  for (let start = 0; start < text.length;) {
    const end = lineEnd(text, start);
    let cut = start;
    for (let spaces = 0; spaces < 5 && cut >= 0 && cut < end; spaces += 1) cut = text.indexOf(' ', cut + 1);
    if (cut > start && cut < end) files.set(text.slice(cut + 1, end), text.slice(start, cut));
    start = end + 1;
  }
  return files;
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/**
 * A path under the listed directory: `./` then names, none of them `.` or `..`. A name holding a
 * newline splits its line in two, and the second half must not pass for a path of its own (a file
 * an app wrote into its release as `x\nd ./../../etc` would have the next deploy remove `../../etc`).
 */
function inside(path: string): boolean {
  return (
    path.startsWith('./') &&
    path
      .slice(2)
      .split('/')
      .every((name) => name !== '' && name !== '.' && name !== '..')
  );
}

/** A listed file's fields as LIST_FILES prints them (the mtime in whole seconds). */
interface ListedFile {
  size: string;
  mtime: string;
  mode: string;
}

// GNU find's mtime has a fraction (LIST_FILES): the whole seconds are what stat prints.
const FILE_LINE = /^f (\d+) (\d+)(?:\.\d+)? ([0-7]+) (.*)$/;

/**
 * `f size mtime mode path`, `l path` and `d path` lines (LIST_FILES). Paths are as listed: whoever
 * acts on one the source does not name (a removal, an error message) checks it is `inside` first.
 */
function readListing(text: string): { files: Map<string, ListedFile>; links: string[]; dirs: string[] } {
  const files = new Map<string, ListedFile>();
  const links: string[] = [];
  const dirs: string[] = [];
  for (let start = 0; start < text.length;) {
    const end = lineEnd(text, start);
    const kind = text.charAt(start);
    if (kind === 'f') {
      const file = FILE_LINE.exec(text.slice(start, end));
      if (file) files.set(file[4] ?? '', { size: file[1] ?? '', mtime: file[2] ?? '', mode: file[3] ?? '' });
    } else if (text.charAt(start + 1) === ' ') {
      if (kind === 'l') links.push(text.slice(start + 2, end));
      else if (kind === 'd') dirs.push(text.slice(start + 2, end));
    }
    start = end + 1;
  }
  return { files, links, dirs };
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '\\': 92 };

/**
 * A name as GNU tar's verbose listing prints it under LC_ALL=C (quoting style "escape": `\\`,
 * `\n`, `\t`… and octal `\ooo` for every other byte outside printable ASCII), back to the name;
 * undefined when it holds a newline or is not UTF-8 (no manifest line can carry it).
 */
export function decodeTarName(line: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (c !== 92) {
      bytes.push(c);
      continue;
    }
    const octal = /^[0-7]{3}/.exec(line.slice(i + 1, i + 4));
    const escaped = ESCAPES[line.charAt(i + 1)];
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (escaped !== undefined) {
      bytes.push(escaped);
      i += 1;
    } else return undefined;
  }
  const raw = Buffer.from(bytes);
  const name = raw.toString('utf8');
  if (name.includes('\n') || !Buffer.from(name, 'utf8').equals(raw)) return undefined;
  return name;
}

/**
 * The entries tar would archive, with the same exclude patterns (GNU tar does not read the files
 * for /dev/null), as tar walks the tree: hashing starts with the first name, not after the walk.
 * Yields undefined for a name no manifest can hold.
 */
async function* tarEntries(source: string, exclude: readonly string[]): AsyncGenerator<string | undefined> {
  const args = ['-cvf', '/dev/null', '-C', source, ...exclude.map((p) => `--exclude=${p}`), '.'];
  const tar = spawn('tar', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  let err = '';
  tar.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', resolve);
  });
  // Under LC_ALL=C every byte of a name outside printable ASCII is escaped: the output is ASCII.
  for await (const line of createInterface({ input: tar.stdout, crlfDelay: Infinity })) {
    if (line === '' || line === './') continue;
    const name = decodeTarName(line.replace(/\/$/, ''));
    yield name !== undefined && name.startsWith('./') ? name : undefined;
  }
  const code = await exited;
  if (code !== 0) throw new Error(`tar exited ${code}: ${err.trim()}`);
}

/**
 * The same entries as tarEntries when there is no exclude pattern (the default), from readdir:
 * no tar process walking the tree beside the hashing, competing with it for the CPU (a redeploy is
 * CPU-bound; bench/results/upload.md times the manifest alone). Sockets are left out and symlinked
 * directories not entered, as tar does. Names are read as bytes, so one that is not UTF-8 or holds
 * a newline is seen, and yields undefined as tarEntries does.
 */
function* treeEntries(source: string, dir = '.'): Generator<string | undefined> {
  for (const entry of readdirSync(join(source, dir), { withFileTypes: true, encoding: 'buffer' })) {
    if (entry.isSocket()) continue;
    const raw = entry.name;
    const name = raw.toString('utf8');
    const path = `${dir}/${name}`;
    if (name.includes('\n') || !Buffer.from(name, 'utf8').equals(raw)) {
      yield undefined;
      continue;
    }
    yield path;
    if (entry.isDirectory()) yield* treeEntries(source, path);
  }
}

/** Reused by every file the manifest reads: small files cost one read each and no allocation. */
const chunk = Buffer.allocUnsafe(1024 * 1024);
const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = constants;

/**
 * A regular file's size, mode and SHA-256, or undefined for anything else (a symlink: O_NOFOLLOW
 * refuses it; a directory, a FIFO: O_NONBLOCK keeps the open from waiting for a writer). One
 * open, fstat, reads into the shared buffer, close: no lstat of its own, no buffer per file.
 */
function hashRegularFile(path: string): Omit<SourceFile, 'path'> | undefined {
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return undefined;
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return undefined;
    const hash = createHash('sha256');
    // Up to the size fstat gave: no read that only finds the end (one syscall per file saved). A
    // file that grows meanwhile arrives longer than its line says, and the placed tree's check fails.
    for (let left = info.size; left > 0;) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, left), null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      left -= n;
    }
    return { size: info.size, mode: (info.mode & 0o7777).toString(8), sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/** Bytes read between two turns of the event loop: a connection opened beside the manifest moves on. */
const YIELD_EVERY_BYTES = 256 * 1024;

/**
 * The manifest of a source directory, or undefined when a path cannot be a manifest line (a
 * newline in a name, a name that is not UTF-8): that release is uploaded whole.
 */
export async function sourceManifest(
  source: string,
  exclude: readonly string[],
): Promise<SourceManifest | undefined> {
  const files: SourceFile[] = [];
  const others: string[] = [];
  let unlisted = false;
  let sinceYield = 0;
  // Synchronous reads on purpose: per small file, the thread pool's round trips cost more than the
  // read and hash (bench/upload hashes its 5,000-file tree this way). The loop yields now and then
  // so that the connections a deploy opens meanwhile (fleet.ts) make progress.
  const entries = exclude.length === 0 ? treeEntries(source) : tarEntries(source, exclude);
  for await (const path of entries) {
    if (path === undefined || unlisted) {
      unlisted = true;
      continue;
    }
    const file = hashRegularFile(join(source, path));
    if (file === undefined) {
      others.push(path);
      continue;
    }
    files.push({ path, ...file });
    // A file costs at least a block's worth of work (open, fstat, close), whatever its size.
    sinceYield += file.size + 4096;
    if (sinceYield > YIELD_EVERY_BYTES) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (unlisted) return undefined;
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, others };
}

/**
 * Characters kept of a host's manifest and listing: they grow with the release (about 110 per file
 * under node_modules-like paths), and the 1 MiB kept of other output would cut them from about
 * 10,000 files on. 256 MiB is some 2 million files; past it the head goes and the upload fails
 * its check (or, for the live release, sends what it can no longer prove unchanged).
 */
export const LISTING_LIMIT = 256 * 1024 * 1024;

/** What the host reported about the live release: its manifest, and LIST_FILES of its directory. */
export interface PreviousRelease {
  manifest: string;
  listing: string;
}

export interface IncrementalPlan {
  /** Source files hard-linked from the live release. */
  linked: SourceFile[];
  /** Source files, directories and symlinks sent in the stream (paths). */
  sent: string[];
  /** Paths of the live release's copy to remove before the stream is unpacked into it. */
  remove: string[];
}

/** Splits the source into what the host can link from the live release and what must be sent. */
export function planIncremental(source: SourceManifest, previous: PreviousRelease): IncrementalPlan {
  const recorded = recordedFields(previous.manifest);
  const onHost = readListing(previous.listing);
  const linked: SourceFile[] = [];
  const sent: string[] = [];
  const keep = new Set<string>();
  for (const file of source.files) {
    const now = onHost.files.get(file.path);
    // Trusted: recorded with this content and mode, and not changed on the host since (the same
    // size, mtime and mode there as its line records).
    const trusted =
      now !== undefined &&
      now.size === String(file.size) &&
      recorded.get(file.path) === `${file.sha256} ${file.size} ${file.mode} ${now.mtime} ${now.mode}`;
    if (trusted) {
      linked.push(file);
      keep.add(file.path);
    } else sent.push(file.path);
  }
  const sourceDirs = new Set(source.others);
  // Out of the copy: files not linked, every symlink (the stream brings the source's back), and
  // directories the source does not have.
  const remove = [
    ...[...onHost.files.keys()].filter((path) => !keep.has(path)),
    ...onHost.links,
    ...onHost.dirs.filter((dir) => !sourceDirs.has(dir)),
  ].filter(inside);
  return { linked, sent: [...sent, ...source.others], remove };
}

/** Bytewise order, as `LC_ALL=C sort` has it. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Checks the placed tree (LIST_FILES of the staging directory) against the source: the same files
 * with the same sizes, nothing more. Returns the manifest the host keeps, or the first difference.
 */
export function placedManifest(
  source: SourceManifest,
  listing: string,
): { ok: true; manifest: string } | { ok: false; difference: string } {
  const placed = readListing(listing).files;
  let manifest = '';
  for (const file of source.files) {
    const there = placed.get(file.path);
    if (!there) return { ok: false, difference: `${file.path} is missing` };
    if (there.size !== String(file.size))
      return { ok: false, difference: `${file.path} has ${there.size} bytes, not ${file.size}` };
    manifest += `${manifestLine({ ...file, mtime: Number(there.mtime), hostMode: there.mode })}\n`;
  }
  if (placed.size > source.files.length) {
    const named = new Set(source.files.map((file) => file.path));
    // Named first in bytewise order, so the message is the same on every run.
    const extra = [...placed.keys()].filter((path) => !named.has(path) && inside(path)).sort(byBytes)[0];
    if (extra !== undefined) return { ok: false, difference: `${extra} is not in the source` };
  }
  // In the source's order (by path): the host keeps it as written.
  return { ok: true, manifest };
}
