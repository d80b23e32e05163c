import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Of } from '@deploy-kit/core';

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

/** `f size mtime mode path` lines (HOST_FILES), by path. */
export function parseHostFiles(text: string): {
  files: Map<string, { size: number; mtime: number; mode: string }>;
  links: string[];
  dirs: string[];
} {
  const files = new Map<string, { size: number; mtime: number; mode: string }>();
  const links: string[] = [];
  const dirs: string[] = [];
  for (const line of text.split('\n')) {
    const file = /^f (\d+) (\d+) ([0-7]+) (\.\/.*)$/.exec(line);
    if (file)
      files.set(file[4] ?? '', { size: Number(file[1]), mtime: Number(file[2]), mode: file[3] ?? '' });
    else if (line.startsWith('l ./')) links.push(line.slice(2));
    else if (line.startsWith('d ./')) dirs.push(line.slice(2));
  }
  return { files, links, dirs };
}

/** The entries tar would archive, with the same exclude patterns (GNU tar does not read the files for /dev/null). */
async function tarEntries(source: string, exclude: readonly string[]): Promise<string[]> {
  const args = ['-cvf', '/dev/null', '-C', source, ...exclude.map((p) => `--exclude=${p}`), '.'];
  const tar = spawn('tar', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  tar.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  tar.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', resolve);
  });
  if (code !== 0) throw new Error(`tar exited ${code}: ${err.trim()}`);
  return out
    .split('\n')
    .filter((line) => line !== '' && line !== './')
    .map((line) => line.replace(/\/$/, ''));
}

/** Small files in one read; large ones streamed. */
async function fileSha256(path: string, size: number): Promise<string> {
  if (size > 4 * 1024 * 1024) return sha256Of(createReadStream(path));
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The manifest of a source directory, or undefined when a path cannot be a manifest line (a
 * newline in a name): that release is uploaded whole.
 */
export async function sourceManifest(
  source: string,
  exclude: readonly string[],
): Promise<SourceManifest | undefined> {
  const entries = await tarEntries(source, exclude);
  if (entries.some((e) => e.includes('\n') || !e.startsWith('./'))) return undefined;
  const files: SourceFile[] = [];
  const others: string[] = [];
  // Synchronous on purpose: per small file, the thread pool's round trips cost more than the read
  // and hash (bench/upload hashes its 5,000-file tree this way), and nothing else runs meanwhile.
  for (const path of entries) {
    const info = lstatSync(join(source, path));
    if (!info.isFile()) {
      others.push(path);
      continue;
    }
    files.push({
      path,
      size: info.size,
      mode: (info.mode & 0o7777).toString(8),
      sha256: await fileSha256(join(source, path), info.size),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, others };
}

/** What the host reported about the live release: its manifest, and HOST_FILES of its directory. */
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
 * Checks the placed tree (HOST_FILES of the staging directory) against the source: the same files
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
  const extra = [...placed.keys()].sort(byBytes)[0];
  if (extra !== undefined) return { ok: false, difference: `${extra} is not in the source` };
  return { ok: true, manifest: `${lines.sort(byBytes).join('\n')}\n` };
}
