import { PassThrough } from 'node:stream';
import type { RemoteShell } from './connection.js';
import { READ_EXACT_TOOL, STOP_TOOLS } from './process-tools.js';
import { scriptArgv } from './quote.js';

/**
 * `dk_enter <working-directory> create|keep`: moves into the directory as ssh-run's inputs name it
 * ('' stays in the login directory, `~` and `~/…` are the home), creating it with `create`.
 * Returns 125 with a `deploy-kit:` line when it does not exist. Shared by RUN_SCRIPT and the
 * transfer scripts, so a script and its uploads always agree on where they are.
 */
export const ENTER_TOOL = `dk_enter() {
  case $1 in
    '') return 0 ;;
    '~') d=$HOME ;;
    '~/'*) d="$HOME/\${1#'~/'}" ;;
    *) d=$1 ;;
  esac
  if [ "$2" = create ]; then mkdir -p "$d"; fi
  cd "$d" 2>/dev/null || { echo "deploy-kit: working-directory $1 does not exist" >&2; return 125; }
}
`;

/**
 * Runs a user's script on a host (ssh-run). The remote command line is a constant: the script and
 * the environment travel on stdin as length-prefixed records, so neither is ever part of a shell
 * string nor visible in /proc/<pid>/cmdline, and a value holding `$(…)` or a newline arrives as
 * bytes. The layout of stdin:
 *
 *   NAME\n LENGTH\n <LENGTH bytes>   one record per variable
 *   \n                               end of the environment
 *   LENGTH\n <LENGTH bytes>          the script
 *
 * `read` and `dk_read_exact` take exactly what they are told from a pipe (no read-ahead), which is what
 * lets one stream carry several parts under dash, bash and busybox sh alike. After the payload stdin
 * stays open and is never written: when the channel goes (timeout, cancel, a killed runner) its
 * end is what stops the script's whole session, as release mode's tether does.
 *
 * $1 shell (sh or bash), $2 working directory ('' for the login directory; `~/…` is the home),
 * $3 `stop` (set -eu) or `continue`. Exit 125 with a `deploy-kit:` line when the runner itself fails.
 */
export const RUN_SCRIPT = `set -u
${STOP_TOOLS}${ENTER_TOOL}${READ_EXACT_TOOL}t=$(mktemp -d "\${TMPDIR:-/tmp}/dk-run.XXXXXX") || { echo "deploy-kit: cannot create a temporary directory" >&2; exit 125; }
exec 3<&0
while IFS= read -r name <&3 && [ -n "$name" ]; do
  IFS= read -r len <&3
  value=$(dk_read_exact "$len" <&3; echo x)
  export "$name=\${value%x}"
done
IFS= read -r len <&3
dk_read_exact "$len" <&3 > "$t/script"
dk_enter "$2" keep || { rm -rf "$t"; exit 125; }
if [ "$3" = stop ]; then set -- "$1" -eu "$t/script"; else set -- "$1" "$t/script"; fi
setsid "$@" < /dev/null 3<&- &
pid=$!
{ cat > /dev/null; dk_stop 5 "4:$pid"; rm -rf "$t"; } <&3 > /dev/null 2>&1 &
watcher=$!
exec 3<&-
rc=0
wait "$pid" || rc=$?
kill "$watcher" 2>/dev/null || true
rm -rf "$t"
exit "$rc"`;

/** The records RUN_SCRIPT reads from stdin. Names are validated by the caller ([A-Za-z_][A-Za-z0-9_]*). */
export function runPayload(env: ReadonlyArray<readonly [string, string]>, script: string): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of env) {
    const bytes = Buffer.from(value, 'utf8');
    parts.push(Buffer.from(`${name}\n${bytes.length}\n`), bytes);
  }
  const body = Buffer.from(script, 'utf8');
  parts.push(Buffer.from(`\n${body.length}\n`), body);
  return Buffer.concat(parts);
}

export interface RunScriptOptions {
  script: string;
  env: ReadonlyArray<readonly [string, string]>;
  shell: 'sh' | 'bash';
  workingDirectory: string;
  stop: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
}

/** The exit of the remote script; `signal` when the runner itself was killed by one. */
export interface RunScriptResult {
  code: number | null;
  signal?: string;
  stderr: string;
}

/** Runs the script on one host through RUN_SCRIPT; a timeout or cancel rejects (SshError, CancelledError). */
export async function runScript(
  conn: Pick<RemoteShell, 'exec'>,
  options: RunScriptOptions,
): Promise<RunScriptResult> {
  const stdin = new PassThrough();
  stdin.write(runPayload(options.env, options.script));
  try {
    const result = await conn.exec(
      scriptArgv('dk-ssh-run', RUN_SCRIPT, [
        options.shell,
        options.workingDirectory,
        options.stop ? 'stop' : 'continue',
      ]),
      { stdin, timeoutMs: options.timeoutMs, signal: options.signal, onOutput: options.onOutput },
    );
    return { code: result.code, ...(result.signal ? { signal: result.signal } : {}), stderr: result.stderr };
  } finally {
    stdin.unpipe();
    stdin.destroy();
  }
}
