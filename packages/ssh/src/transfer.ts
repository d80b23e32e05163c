import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { ActionFailedError, sha256Of } from '@deploy-kit/core';
import type { SshConnection } from './connection.js';
import { scriptArgv } from './quote.js';
import { ENTER_TOOL } from './run.js';

const execFileAsync = promisify(execFile);

/** One `local:remote` pair of ssh-run's upload or download inputs, validated. */
export interface TransferPair {
  local: string;
  remote: string;
}

/** Enters the working directory ($1; created when $2 is `create`) and names the remote path ($3) so that a relative one can never read as an option. */
const ENTER = `${ENTER_TOOL}dk_enter "$1" "$2" || exit 125
case $3 in /*) p=$3 ;; *) p=./$3 ;; esac
`;

/**
 * $1 working directory, $2 `create`, $3 remote path, $4 expected SHA-256, $5 `file` or `dir`,
 * $6 file mode (octal). The bytes on stdin land in a temporary file beside the target; only when
 * their checksum matches do they take the target's name (a file) or get unpacked into it (a tar of
 * a directory), so an interrupted upload never leaves a half-written file under its final name.
 */
export const UPLOAD_SCRIPT = `set -eu
${ENTER}parent=$(dirname "$p")
mkdir -p "$parent"
tmp=$(mktemp "$parent/.dk-upload.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"
sum=$(sha256sum < "$tmp")
sum=\${sum%% *}
if [ "$sum" != "$4" ]; then echo "deploy-kit: checksum mismatch for $3: sent $4, received $sum" >&2; exit 3; fi
if [ "$5" = dir ]; then
  mkdir -p "$p"
  tar -xf "$tmp" -C "$p"
else
  chmod "$6" "$tmp"
  mv -f "$tmp" "$p"
fi`;

/**
 * $1 working directory, $2 `keep`, $3 remote path. Writes the file, or a tar of the directory, to
 * stdout, then `dk-sum <file|dir> <sha256>` on stderr's last line.
 */
export const DOWNLOAD_SCRIPT = `set -eu
${ENTER}if [ -d "$p" ]; then
  tmp=$(mktemp "\${TMPDIR:-/tmp}/dk-download.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  tar -cf "$tmp" -C "$p" .
  cat "$tmp"
  sum=$(sha256sum < "$tmp")
  echo "dk-sum dir \${sum%% *}" >&2
elif [ -f "$p" ]; then
  cat "$p"
  sum=$(sha256sum < "$p")
  echo "dk-sum file \${sum%% *}" >&2
else
  echo "deploy-kit: $3 is not a file or directory on the host" >&2
  exit 3
fi`;

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

export interface TransferOptions {
  workingDirectory: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Sends a file or a directory (as a tar) to the host, checksummed; returns the bytes sent. */
export async function upload(
  conn: SshConnection,
  pair: TransferPair,
  options: TransferOptions,
): Promise<number> {
  const info = await stat(pair.local);
  const staging = info.isDirectory() ? await mkdtemp(join(tmpdir(), 'dk-upload-')) : undefined;
  try {
    const source = staging ? join(staging, 'tree.tar') : pair.local;
    if (staging) await execFileAsync('tar', ['-cf', source, '-C', pair.local, '.']);
    const sum = await sha256Of(createReadStream(source));
    const size = (await stat(source)).size;
    const mode = (info.mode & 0o7777).toString(8);
    const result = await conn.exec(
      scriptArgv('dk-upload', UPLOAD_SCRIPT, [
        options.workingDirectory,
        'create',
        pair.remote,
        sum,
        staging ? 'dir' : 'file',
        mode,
      ]),
      { stdin: createReadStream(source), timeoutMs: options.timeoutMs, signal: options.signal },
    );
    if (result.code !== 0)
      throw new ActionFailedError(
        `upload ${pair.local} → ${pair.remote} failed (exit ${result.code ?? result.signal ?? '?'}): ${lastLine(result.stderr)}`,
      );
    return size;
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

/** Fetches a file or a directory from the host into `pair.local`, checksummed; returns the bytes received. */
export async function download(
  conn: SshConnection,
  pair: TransferPair,
  options: TransferOptions,
): Promise<number> {
  await mkdir(dirname(pair.local), { recursive: true });
  const staging = await mkdtemp(join(dirname(pair.local), '.dk-download-'));
  try {
    const received = join(staging, 'data');
    const hash = createHash('sha256');
    let size = 0;
    const sink = createWriteStream(received);
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const written = pipeline(counting, sink);
    const result = await conn.exec(
      scriptArgv('dk-download', DOWNLOAD_SCRIPT, [options.workingDirectory, 'keep', pair.remote]),
      {
        stdout: counting,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      },
    );
    await written;
    const marker = /^dk-sum (file|dir) ([0-9a-f]{64})$/.exec(lastLine(result.stderr));
    if (result.code !== 0 || !marker)
      throw new ActionFailedError(
        `download ${pair.remote} → ${pair.local} failed (exit ${result.code ?? result.signal ?? '?'}): ${lastLine(result.stderr)}`,
      );
    const sum = hash.digest('hex');
    if (sum !== marker[2])
      throw new ActionFailedError(
        `download ${pair.remote} → ${pair.local}: checksum mismatch (host ${marker[2] ?? '?'}, received ${sum})`,
      );
    if (marker[1] === 'dir') {
      await mkdir(pair.local, { recursive: true });
      await execFileAsync('tar', ['-xf', received, '-C', pair.local]);
    } else {
      await chmod(received, 0o644);
      await rename(received, pair.local);
    }
    return size;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
