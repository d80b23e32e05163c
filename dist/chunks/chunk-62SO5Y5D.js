import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  PassThrough
} from "./chunk-64E243HZ.js";
import {
  scriptArgv
} from "./chunk-V3BPVXA7.js";

// packages/ssh/src/process-tools.ts
var STOP_TOOLS = `dk_field() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f"$2"; }
dk_cmd() { tr '\\000' ' ' < "/proc/$1/cmdline" 2>/dev/null | cut -c1-160; }
dk_alive() {
  if [ -r "/proc/$1/stat" ]; then [ "$(dk_field "$1" 1)" != Z ]; else kill -0 "$1" 2>/dev/null; fi
}
# Live members of a process group (field 3) or a session (field 4), one pid a line.
dk_members() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v f="$1" -v id="$2" '{ p = $1; sub(/.*\\) /, ""); if ($f == id && $1 != "Z") print p }'
}
# TERM to a group or session, KILL to what is left after $3 seconds; returns 7 naming survivors.
dk_stop() {
  field=$1; id=$2; grace=$3
  if [ ! -r /proc/self/stat ]; then
    kill -TERM -"$id" 2>/dev/null || kill -TERM "$id" 2>/dev/null || true
    n=0
    while kill -0 "$id" 2>/dev/null && [ "$n" -lt $((grace * 10)) ]; do sleep 0.1; n=$((n + 1)); done
    kill -KILL -"$id" 2>/dev/null || kill -KILL "$id" 2>/dev/null || true
    return 0
  fi
  pids=$(dk_members "$field" "$id")
  [ -n "$pids" ] || return 0
  kill -TERM -"$id" 2>/dev/null || true
  kill -TERM $pids 2>/dev/null || true
  n=0
  while [ -n "$(dk_members "$field" "$id")" ] && [ "$n" -lt $((grace * 10)) ]; do sleep 0.1; n=$((n + 1)); done
  n=0
  while pids=$(dk_members "$field" "$id"); [ -n "$pids" ] && [ "$n" -lt 30 ]; do
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1; n=$((n + 1))
  done
  pids=$(dk_members "$field" "$id")
  [ -z "$pids" ] && return 0
  for p in $pids; do echo "still running after KILL: pid $p: $(dk_cmd "$p")" >&2; done
  return 7
}
`;

// packages/ssh/src/run.ts
var ENTER_TOOL = `dk_enter() {
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
var RUN_SCRIPT = `set -u
${STOP_TOOLS}${ENTER_TOOL}t=$(mktemp -d "\${TMPDIR:-/tmp}/dk-run.XXXXXX") || { echo "deploy-kit: cannot create a temporary directory" >&2; exit 125; }
exec 3<&0
while IFS= read -r name <&3 && [ -n "$name" ]; do
  IFS= read -r len <&3
  value=$(dd bs=1 count="$len" 2>/dev/null <&3; echo x)
  export "$name=\${value%x}"
done
IFS= read -r len <&3
dd bs=1 count="$len" of="$t/script" 2>/dev/null <&3
dk_enter "$2" keep || { rm -rf "$t"; exit 125; }
if [ "$3" = stop ]; then set -- "$1" -eu "$t/script"; else set -- "$1" "$t/script"; fi
setsid "$@" < /dev/null 3<&- &
pid=$!
{ cat > /dev/null; dk_stop 4 "$pid" 5; rm -rf "$t"; } <&3 > /dev/null 2>&1 &
watcher=$!
exec 3<&-
rc=0
wait "$pid" || rc=$?
kill "$watcher" 2>/dev/null || true
rm -rf "$t"
exit "$rc"`;
function runPayload(env, script) {
  const parts = [];
  for (const [name, value] of env) {
    const bytes = Buffer.from(value, "utf8");
    parts.push(Buffer.from(`${name}
${bytes.length}
`), bytes);
  }
  const body = Buffer.from(script, "utf8");
  parts.push(Buffer.from(`
${body.length}
`), body);
  return Buffer.concat(parts);
}
async function runScript(conn, options) {
  const stdin = new PassThrough();
  stdin.write(runPayload(options.env, options.script));
  try {
    const result = await conn.exec(
      scriptArgv("dk-ssh-run", RUN_SCRIPT, [
        options.shell,
        options.workingDirectory,
        options.stop ? "stop" : "continue"
      ]),
      { stdin, timeoutMs: options.timeoutMs, signal: options.signal, onOutput: options.onOutput }
    );
    return { code: result.code, ...result.signal ? { signal: result.signal } : {}, stderr: result.stderr };
  } finally {
    stdin.unpipe();
    stdin.destroy();
  }
}

export {
  STOP_TOOLS,
  ENTER_TOOL,
  runScript
};
//# sourceMappingURL=chunk-62SO5Y5D.js.map
