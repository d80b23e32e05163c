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

function parseManifest(text: string): Map<string, PlacedFile> {
  const files = new Map<string, PlacedFile>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) (\d+) ([0-7]+) (\d+) ([0-7]+) (\.\/.*)$/.exec(line);
    if (!match) continue;
    const [, sha256 = '', size = '', mode = '', mtime = '', hostMode = '', path = ''] = match;
    files.set(path, { sha256, size: Number(size), mode, mtime: Number(mtime), hostMode, path });
  }
  return files;
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

/** `f size mtime mode path` lines (LIST_FILES), by path; a line whose path is not `inside` is left out. */
export function parseHostFiles(text: string): {
  files: Map<string, { size: number; mtime: number; mode: string }>;
  links: string[];
  dirs: string[];
} {
  const files = new Map<string, { size: number; mtime: number; mode: string }>();
  const links: string[] = [];
  const dirs: string[] = [];
  for (const line of text.split('\n')) {
    // GNU find's mtime has a fraction (LIST_FILES): the whole seconds are what stat prints.
    const file = /^f (\d+) (\d+)(?:\.\d+)? ([0-7]+) (\.\/.*)$/.exec(line);
    const path = file ? (file[4] ?? '') : line.slice(2);
    if (!inside(path)) continue;
    if (file) files.set(path, { size: Number(file[1]), mtime: Number(file[2]), mode: file[3] ?? '' });
    else if (line.startsWith('l ')) links.push(path);
    else if (line.startsWith('d ')) dirs.push(path);
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
  const recorded = parseManifest(previous.manifest);
  const onHost = parseHostFiles(previous.listing);
  const linked: SourceFile[] = [];
  const sent: string[] = [];
  const keep = new Set<string>();
  for (const file of source.files) {
    const before = recorded.get(file.path);
    const now = onHost.files.get(file.path);
    // Trusted: recorded with this content and mode, and not changed on the host since.
    const trusted =
      before !== undefined &&
      now !== undefined &&
      before.sha256 === file.sha256 &&
      before.size === file.size &&
      before.mode === file.mode &&
      now.size === before.size &&
      now.mtime === before.mtime &&
      now.mode === before.hostMode;
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
  ];
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
  const placed = parseHostFiles(listing).files;
  const lines: string[] = [];
  for (const file of source.files) {
    const there = placed.get(file.path);
    if (!there) return { ok: false, difference: `${file.path} is missing` };
    if (there.size !== file.size)
      return { ok: false, difference: `${file.path} has ${there.size} bytes, not ${file.size}` };
    lines.push(manifestLine({ ...file, mtime: there.mtime, hostMode: there.mode }));
    placed.delete(file.path);
  }
  // Named first in bytewise order, so the message is the same on every run.
  const extra = [...placed.keys()].sort(byBytes)[0];
  if (extra !== undefined) return { ok: false, difference: `${extra} is not in the source` };
  // In the source's order (by path): the host keeps it as written.
  return { ok: true, manifest: `${lines.join('\n')}\n` };
}
