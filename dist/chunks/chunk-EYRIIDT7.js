import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  PassThrough,
  READ_EXACT_TOOL,
  STOP_TOOLS
} from "./chunk-QAPLTP4I.js";
import {
  scriptArgv
} from "./chunk-V3BPVXA7.js";

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
  ENTER_TOOL,
  runScript
};
//# sourceMappingURL=chunk-EYRIIDT7.js.map
