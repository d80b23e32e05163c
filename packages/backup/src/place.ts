import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ActionFailedError, type LocalExec } from '@deploy-kit/core';
import { READ_EXACT_TOOL, type SshConnection } from '@deploy-kit/ssh';
import { credentialFile, dumpArgv, restoreArgv, type DumpSpec } from './engines.js';
import type { PipelineRequest } from './pipeline.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Where the database tools run: on the runner, or on a host over SSH. Either way each command
 * finds the credentials in a 0600 file that exists only while it runs, never on its argv.
 */
export interface Place {
  /** For messages: "the runner", "the host db.example". */
  readonly name: string;
  /** On a host over SSH: the dump's bytes cross the network to reach the runner. */
  readonly remote: boolean;
  /** The MySQL option file path to put on argv (a placeholder the host resolves). */
  readonly optionFile?: string;
  run(argv: string[], timeoutMs: number): Promise<CommandResult>;
  /** The dump for the pipeline; sqlite makes a consistent copy first (and checks it with `verify`). */
  dump(spec: DumpSpec, verify: boolean, timeoutMs: number): Promise<PipelineRequest['dump']>;
  /** An interactive command (a psql holding a snapshot): text in on stdin, output read as it comes. */
  session(argv: string[]): PlaceSession;
  /** Restores from `input` (already decompressed). */
  restore(
    spec: DumpSpec,
    input: Readable,
    restoreDirectory: string,
  ): Promise<{ code: number | null; stderr: string }>;
  close(): void;
}

export interface PlaceSession {
  write(text: string): void;
  /** Everything printed so far once a line starts with `marker`; rejects if the command ends first. */
  until(marker: string): Promise<string>;
  /** Ends its stdin and waits for it to exit. */
  close(): Promise<{ code: number | null; stderr: string }>;
}

/** The output bookkeeping of a session, whatever carries its bytes. */
function sessionOf(
  write: (text: string) => void,
  end: () => void,
  subscribe: (onText: (text: string, stream: 'stdout' | 'stderr') => void) => void,
  exited: Promise<{ code: number | null }>,
): PlaceSession {
  let stdout = '';
  let stderr = '';
  let ended: { code: number | null } | undefined;
  const waiters: Array<() => void> = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  subscribe((text, stream) => {
    if (stream === 'stdout') stdout += text;
    else stderr = (stderr + text).slice(-4000);
    wake();
  });
  const done = exited.then((r) => {
    ended = r;
    wake();
    return r;
  });
  return {
    write,
    until: (marker) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (stdout.split('\n').some((line) => line.startsWith(marker))) resolve(stdout);
          else if (ended)
            reject(new ActionFailedError(`The session ended (exit ${String(ended.code)}): ${stderr.trim()}`));
          else waiters.push(check);
        };
        check();
      }),
    close: async () => {
      end();
      const r = await done;
      return { code: r.code, stderr };
    },
  };
}

const SQLITE_CHECK = 'PRAGMA integrity_check;';

function collect(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  return new Promise((resolve) => {
    child.on('error', (e) => resolve({ code: 127, stderr: e.message }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** The runner: credential files in a private temporary directory, removed by close(). */
export function runnerPlace(
  spec: DumpSpec,
  exec: LocalExec,
  baseEnv: NodeJS.ProcessEnv,
  tempRoot: string,
  signal?: AbortSignal,
): Place {
  const work = mkdtempSync(join(tempRoot, 'dk-backup-'));
  const env: NodeJS.ProcessEnv = { ...baseEnv, PGCONNECT_TIMEOUT: '15' };
  let optionFile: string | undefined;
  const file = credentialFile(spec);
  if (file) {
    const path = join(work, file.envVar ? 'pgpass' : 'my.cnf');
    writeFileSync(path, file.content, { mode: 0o600 });
    if (file.envVar) env[file.envVar] = path;
    else optionFile = path;
  }
  const run = (argv: string[], timeoutMs: number): Promise<CommandResult> =>
    exec(argv, { env, signal, timeoutMs });
  return {
    name: 'the runner',
    remote: false,
    optionFile,
    run,
    dump: async (dumpSpec, verify, timeoutMs) => {
      if (dumpSpec.engine !== 'sqlite') return { argv: dumpArgv(dumpSpec, optionFile), env };
      // The online backup API makes a consistent copy while writers continue; it is checked, then streamed.
      const copy = join(work, 'copy.db');
      const made = await run(dumpArgv(dumpSpec, undefined, copy), timeoutMs);
      if (made.code !== 0)
        throw new ActionFailedError(`sqlite3 .backup failed: ${made.stderr.trim() || made.stdout.trim()}`);
      if (verify) {
        const check = await run(['sqlite3', '-readonly', copy, SQLITE_CHECK], timeoutMs);
        if (check.code !== 0 || check.stdout.trim() !== 'ok')
          throw new ActionFailedError(
            `The SQLite copy fails its integrity check: ${(check.stdout + check.stderr).trim().slice(0, 300)}`,
          );
      }
      return { argv: ['cat', '--', copy], env };
    },
    session: (argv) => {
      const child = spawn(argv[0] ?? '', argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.on('error', () => undefined);
      return sessionOf(
        (text) => child.stdin.write(text),
        () => child.stdin.end(),
        (onText) => {
          child.stdout.on('data', (c: Buffer) => onText(c.toString(), 'stdout'));
          child.stderr.on('data', (c: Buffer) => onText(c.toString(), 'stderr'));
        },
        new Promise((resolve) => {
          child.on('error', () => resolve({ code: 127 }));
          child.on('close', (code) => resolve({ code }));
        }),
      );
    },
    restore: async (restoreSpec, input, restoreDirectory) => {
      if (restoreSpec.engine === 'sqlite') {
        const copy = join(work, 'restore.db');
        await pipeline(input, createWriteStream(copy, { mode: 0o600 }));
        const result = await run(restoreArgv(restoreSpec, undefined, copy), 3_600_000);
        return { code: result.code, stderr: result.stderr };
      }
      const argv = restoreArgv(restoreSpec, optionFile, undefined, restoreDirectory);
      const child = spawn(argv[0] ?? '', argv.slice(1), { env, stdio: ['pipe', 'ignore', 'pipe'] });
      const done = collect(child);
      await pipeline(input, child.stdin).catch(() => undefined);
      return done;
    },
    close: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** The placeholder the host replaces with its temporary credentials file. */
const CREDENTIALS = '@DEPLOY_KIT_CREDENTIALS@';

/**
 * On the host: $1 credentials kind (pgpass|mycnf|none), $2 their byte count, the rest argv. The
 * credentials are the first bytes of stdin (dk_read_exact reads exactly that many), written to a 0600 file
 * in a private directory removed on exit; the command gets the rest of stdin.
 */
const WITH_CREDENTIALS = `set -eu
umask 077
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 143' TERM INT
kind=$1; size=$2; shift 2
${READ_EXACT_TOOL}if [ "$size" -gt 0 ]; then dk_read_exact "$size" > "$tmp/credentials"; fi
if [ "$kind" = pgpass ]; then PGPASSFILE=$tmp/credentials; export PGPASSFILE; fi
PGCONNECT_TIMEOUT=15; export PGCONNECT_TIMEOUT
n=$#
while [ "$n" -gt 0 ]; do
  a=$1; shift; n=$((n - 1))
  case $a in
    --defaults-extra-file=${CREDENTIALS}) a=--defaults-extra-file=$tmp/credentials ;;
  esac
  set -- "$@" "$a"
done
"$@"`;

/** $1 database file, $2 verify (true|false): a consistent copy, checked, then streamed to stdout. */
const SQLITE_COPY = `set -eu
umask 077
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
sqlite3 -bail "$1" ".backup '$tmp/copy.db'"
if [ "$2" = true ]; then
  r=$(sqlite3 -readonly "$tmp/copy.db" '${SQLITE_CHECK}')
  [ "$r" = ok ] || { echo "the SQLite copy fails its integrity check: $r" >&2; exit 3; }
fi
cat -- "$tmp/copy.db"`;

/** $1 database file: stdin to a temporary file, then restored with the backup API. */
const SQLITE_RESTORE = `set -eu
umask 077
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
cat > "$tmp/restore.db"
sqlite3 -bail "$1" ".restore '$tmp/restore.db'"`;

/**
 * $1 container, the rest argv: runs argv inside that container with the engine that has it (docker,
 * else podman: a docker CLI without a daemon is common beside podman), stdin and stdout passed through.
 */
export const IN_CONTAINER = `set -eu
c=$1; shift
engine=
for e in docker podman; do
  if command -v "$e" >/dev/null 2>&1 && "$e" container inspect -- "$c" >/dev/null 2>&1; then engine=$e; break; fi
done
[ -n "$engine" ] || { echo "container $c: neither docker nor podman on this host has it" >&2; exit 127; }
exec "$engine" exec -i -- "$c" "$@"`;

/**
 * A host over SSH: every command goes through WITH_CREDENTIALS on the run's one connection; with
 * `container`, inside that container (so the credentials file lives, and dies, in there too).
 */
export function hostPlace(
  spec: DumpSpec,
  ssh: SshConnection,
  hostLabel: string,
  signal?: AbortSignal,
  container?: string,
): Place {
  const file = credentialFile(spec);
  const credentials = Buffer.from(file?.content ?? '');
  const kind = !file ? 'none' : file.envVar ? 'pgpass' : 'mycnf';
  const wrapped = (argv: string[]): string[] => [
    ...(container ? ['sh', '-c', IN_CONTAINER, 'db-backup-container', container] : []),
    'sh',
    '-c',
    WITH_CREDENTIALS,
    'db-backup',
    kind,
    String(credentials.length),
    ...argv,
  ];
  const optionFile = kind === 'mycnf' ? CREDENTIALS : undefined;
  const withCredentials = (input?: Readable): Readable =>
    Readable.from(
      (async function* () {
        if (credentials.length) yield credentials;
        if (input) for await (const chunk of input) yield chunk as Buffer;
      })(),
    );
  const run = async (argv: string[], timeoutMs: number): Promise<CommandResult> => {
    const result = await ssh.exec(wrapped(argv), { stdin: withCredentials(), timeoutMs, signal });
    return { code: result.code, stdout: result.stdout, stderr: result.stderr };
  };
  return {
    name: container ? `the container ${container} on ${hostLabel}` : `the host ${hostLabel}`,
    remote: true,
    optionFile,
    run,
    dump: (dumpSpec, verify) => {
      const argv =
        dumpSpec.engine === 'sqlite'
          ? ['sh', '-c', SQLITE_COPY, 'db-backup-sqlite', dumpSpec.connection.database, String(verify)]
          : dumpArgv(dumpSpec, optionFile);
      return Promise.resolve({
        remote: {
          label: `${dumpSpec.engine === 'sqlite' ? 'sqlite3' : (argv[0] ?? '')} on ${hostLabel}`,
          start: (stdout) => {
            const controller = new AbortController();
            const onAbort = (): void => controller.abort();
            signal?.addEventListener('abort', onAbort, { once: true });
            const exited = ssh
              .exec(wrapped(argv), { stdin: withCredentials(), stdout, signal: controller.signal })
              .finally(() => signal?.removeEventListener('abort', onAbort));
            return { exited, kill: () => controller.abort() };
          },
        },
        env: process.env,
      });
    },
    session: (argv) => {
      const through = new PassThrough();
      let listener: (text: string, stream: 'stdout' | 'stderr') => void = () => undefined;
      const exited = ssh
        .exec(wrapped(argv), {
          stdin: withCredentials(through),
          signal,
          onOutput: (t, st) => listener(t, st),
        })
        .then(
          (r) => ({ code: r.code }),
          () => ({ code: null }),
        );
      return sessionOf(
        (text) => through.write(text),
        () => through.end(),
        (onText) => (listener = onText),
        exited,
      );
    },
    restore: async (restoreSpec, input, restoreDirectory) => {
      const argv =
        restoreSpec.engine === 'sqlite'
          ? ['sh', '-c', SQLITE_RESTORE, 'db-backup-sqlite', restoreSpec.connection.database]
          : restoreArgv(restoreSpec, optionFile, undefined, restoreDirectory);
      const through = new PassThrough();
      input.pipe(through);
      const result = await ssh.exec(wrapped(argv), { stdin: withCredentials(through), signal });
      return { code: result.code, stderr: result.stderr };
    },
    close: () => undefined,
  };
}
