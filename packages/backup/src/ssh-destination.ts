import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { ActionFailedError } from '@deploy-kit/core';
import type { SshConnection } from '@deploy-kit/ssh';
import { SIDECAR, TEMP_PREFIX, type Destination, type Expected, type StoredFile } from './destination.js';
import type { Compression } from './pipeline.js';

// Fixed scripts; every value arrives as a positional parameter, quoted once by the SSH layer.

/** $1 file: stdin → a new file only this user can read. */
const WRITE = `set -eu
umask 077
cat > "$1"`;

/**
 * $1 temp, $2 final, $3 expected size, $4 expected sha256, $5 compression. Re-reads the stored
 * file; only if it is whole, writes the sidecar, flushes both to disk and renames them into place.
 */
const PUBLISH = `set -eu
tmp=$1; final=$2; size=$3; sha=$4; comp=$5
actual=$(wc -c < "$tmp" | tr -d ' ')
[ "$actual" = "$size" ] || { echo "the stored backup has $actual bytes, $size were written" >&2; exit 3; }
actual=$(sha256sum < "$tmp" | cut -d' ' -f1)
[ "$actual" = "$sha" ] || { echo "the stored backup's SHA-256 is $actual, $sha was written" >&2; exit 4; }
case $comp in
  gzip) gzip -t < "$tmp" || { echo "the stored backup does not decompress" >&2; exit 5; } ;;
  zstd) zstd -q -t < "$tmp" || { echo "the stored backup does not decompress" >&2; exit 5; } ;;
esac
[ ! -e "$final" ] || { echo "$final already exists; not overwritten" >&2; exit 6; }
umask 077
printf '%s  %s\\n' "$sha" "\${final##*/}" > "$final.sha256.tmp"
# On disk before the final names (a crash must not leave a vouched-for empty file); sync with
# file operands is coreutils' and busybox's fsync, a bare sync the fallback of older ones.
sync -- "$tmp" "$final.sha256.tmp" 2>/dev/null || sync
mv -f -- "$final.sha256.tmp" "$final.sha256"
mv -- "$tmp" "$final"
sync -- "\${final%/*}" 2>/dev/null || sync`;

/** $1 dir: name, size, mtime and sidecar hash of every file, tab-separated. */
const LIST = `set -u
for f in "$1"/* "$1"/.[!.]*; do
  [ -f "$f" ] || continue
  case $f in *.sha256|*.sha256.tmp) continue ;; esac
  h=$(cut -c1-64 "$f.sha256" 2>/dev/null || true)
  printf '%s\\t%s\\t%s\\t%s\\n' "\${f##*/}" "$(wc -c < "$f" | tr -d ' ')" "$(stat -c %Y "$f")" "$h"
done`;

/** $1 dir, $2 minutes: removes partial files older than that; prints their names. */
const SWEEP = `set -u
find "$1" -maxdepth 1 -type f -name '${TEMP_PREFIX}*' -mmin +"$2" -print -delete | sed 's|.*/||'`;

/** Backups in a directory on the host, over the run's one SSH connection. */
export class SshDestination implements Destination {
  readonly label: string;
  constructor(
    private readonly ssh: SshConnection,
    private readonly dir: string,
    hostLabel: string,
    private readonly signal?: AbortSignal,
  ) {
    this.label = `ssh:${hostLabel}:${dir}`;
  }

  private path(name: string): string {
    return `${this.dir}/${name}`;
  }

  private async script(name: string, script: string, args: string[], stdin?: Readable): Promise<string> {
    const result = await this.ssh.exec(['sh', '-c', script, `db-backup-${name}`, ...args], {
      stdin,
      signal: this.signal,
    });
    if (result.code !== 0)
      throw new ActionFailedError(
        `${this.label}: ${name} failed (exit ${String(result.code)}): ${result.stderr.trim()}`,
      );
    return result.stdout;
  }

  async prepare(): Promise<void> {
    await this.script('prepare', 'set -eu\numask 077\nmkdir -p -- "$1"', [this.dir]);
  }

  openTemp(): Promise<{ tempName: string; sink: Writable; written: Promise<void> }> {
    const tempName = `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`;
    const sink = new PassThrough();
    const written = this.script('write', WRITE, [this.path(tempName)], sink).then(() => undefined);
    written.catch(() => undefined);
    return Promise.resolve({ tempName, sink, written });
  }

  async publish(tempName: string, name: string, expected: Expected, compression: Compression): Promise<void> {
    await this.script('publish', PUBLISH, [
      this.path(tempName),
      this.path(name),
      String(expected.sizeBytes),
      expected.sha256,
      expected.decompressOnReRead ? compression : 'none',
    ]);
  }

  async discard(tempName: string): Promise<void> {
    await this.script('discard', 'rm -f -- "$1"', [this.path(tempName)]);
  }

  async list(): Promise<StoredFile[]> {
    const out = await this.script('list', LIST, [this.dir]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'))
      .flatMap(([name, size, mtime, sha]) =>
        name && !name.startsWith('.')
          ? [
              {
                name,
                sizeBytes: Number(size),
                mtimeMs: Number(mtime) * 1000,
                sha256: sha && /^[0-9a-f]{64}$/.test(sha) ? sha : undefined,
              },
            ]
          : [],
      );
  }

  async remove(name: string): Promise<void> {
    await this.script('remove', 'rm -f -- "$1" "$1$2"', [this.path(name), SIDECAR]);
  }

  read(name: string): Promise<Readable> {
    const out = new PassThrough();
    this.ssh
      .exec(['cat', '--', this.path(name)], { stdout: out, signal: this.signal })
      .then((result) => {
        if (result.code !== 0)
          out.destroy(new ActionFailedError(`${this.label}: cannot read ${name}: ${result.stderr.trim()}`));
      })
      .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    return Promise.resolve(out);
  }

  async sweep(ttlMs: number): Promise<string[]> {
    const out = await this.script('sweep', SWEEP, [
      this.dir,
      String(Math.max(1, Math.floor(ttlMs / 60_000))),
    ]);
    return out.split('\n').filter(Boolean);
  }
}
