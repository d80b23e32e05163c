import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  runScript
} from "./chunk-EYRIIDT7.js";
import {
  lineEcho
} from "./chunk-MP5WS7JU.js";
import {
  PassThrough,
  READ_EXACT_TOOL,
  STOP_TOOLS
} from "./chunk-QAPLTP4I.js";
import {
  scriptArgv
} from "./chunk-V3BPVXA7.js";
import {
  createHash
} from "./chunk-4FENUKYM.js";
import {
  formatMs
} from "./chunk-LAOQIHUA.js";
import {
  ActionFailedError,
  ConfigurationError,
  errorMessage
} from "./chunk-4YTAKGCH.js";

// packages/release/src/report.ts
var PhaseRecorder = class {
  constructor(clock) {
    this.clock = clock;
  }
  clock;
  phases = [];
  async run(name, body) {
    const startMs = this.clock.now();
    try {
      const result = await body();
      this.phases.push({ name, startMs, endMs: this.clock.now(), ok: true });
      return result;
    } catch (error) {
      this.phases.push({ name, startMs, endMs: this.clock.now(), ok: false });
      throw error;
    }
  }
};
function runInfo(env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    runId: env.GITHUB_RUN_ID ?? `local-${process.pid}`,
    actor: env.GITHUB_ACTOR ?? env.USER ?? "unknown",
    sha: env.GITHUB_SHA ?? "",
    runUrl: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : ""
  };
}
function timeline(hosts) {
  const lines = ["gantt", "  dateFormat x", "  axisFormat %M:%S"];
  for (const host of hosts) {
    lines.push(`  section ${host.host.replace(/[:#;]/g, " ")}`);
    for (const phase of host.phases) {
      const end = Math.max(phase.endMs, phase.startMs + 1);
      lines.push(`  ${phase.name} :${phase.ok ? "" : "crit, "}${phase.startMs}, ${end}`);
    }
  }
  return lines.join("\n");
}
function hostsOutput(hosts) {
  return JSON.stringify(
    hosts.map((h) => ({
      host: h.host,
      status: h.status,
      version: h.version,
      previous: h.previous ?? null,
      slot: h.slot ?? null,
      durationMs: h.durationMs,
      error: h.error ?? null,
      phases: Object.fromEntries(h.phases.map((p) => [p.name, p.endMs - p.startMs]))
    }))
  );
}
function hostsReport(summary, hosts, previousLabel = "previous") {
  summary.table(
    ["host", "status", "version", previousLabel, "slot", "duration", "error"],
    hosts.map((h) => [
      h.host,
      h.status,
      h.version,
      h.previous ?? "",
      h.slot ?? "",
      `${(h.durationMs / 1e3).toFixed(1)}s`,
      h.error ?? ""
    ])
  );
  if (hosts.some((h) => h.phases.length > 0)) summary.mermaid(timeline(hosts));
  return summary;
}

// packages/release/src/supervise.ts
var SUPERVISE_EXIT = {
  /** The started process is gone (its log tail on stdout). */
  exited: 3,
  /** Nothing listens on the slot port. */
  notListening: 4,
  /** Another process holds the slot port. */
  foreignListener: 5,
  /** Processes of the session survived TERM and KILL (named on stderr). */
  survivors: 7,
  /** The port is held by a process that deploy-kit did not start for this app. */
  portBusy: 8
};
var PORT_TOOLS = `# Socket inodes listening on TCP port $1 (IPv4 and IPv6).
dk_listeners() {
  hex=$(printf '%04X' "$1")
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10 }'
}
# Pids (that this user may read) with one of the socket inodes given as arguments open.
dk_owners() {
  ls -l /proc/[0-9]*/fd 2>/dev/null | awk -v list=" $* " '
    /^\\/proc\\/[0-9]+\\/fd:$/ { split($0, a, "/"); pid = a[3]; next }
    { n = index($0, "socket:["); if (n) { i = substr($0, n + 8); sub(/\\].*/, "", i); if (index(list, " " i " ")) print pid } }' | sort -u
}
# Ends session $2 started with pid file $1: its members and whatever left it carrying its
# DEPLOY_KIT_SESSION (START_SUPERVISED exports "<session id>:<pid file>"), in one wait of $3 grace
# seconds; more selectors (a leftover listener's) may follow as $4\u2026.
dk_end_session() { dk_pf=$1; dk_sid=$2; dk_grace=$3; shift 3; dk_stop "$dk_grace" "4:$dk_sid" "env:$dk_sid:$dk_pf" "$@"; }
dk_tail() { [ -f "$1" ] && tail -n 20 -- "$1" | sed 's/^/  | /'; true; }
# The pid in pid file $1, or nothing (a missing or damaged file).
dk_pid() { p=$(cat -- "$1" 2>/dev/null || true); case "$p" in ''|*[!0-9]*) ;; *) echo "$p";; esac; }
`;
var SUPERVISE_TOOLS = `${STOP_TOOLS}${PORT_TOOLS}`;
var FREE_PORT = `dk_port_ours() {
  port=$1; deploy=$2; skip=\${3:-}; dk_ours=''
  [ -r /proc/net/tcp ] || { echo "warning: /proc/net/tcp is not readable; port $port not checked"; return 0; }
  inodes=$(dk_listeners "$port")
  [ -n "$inodes" ] || return 0
  owners=$(dk_owners $inodes)
  if [ -z "$owners" ]; then
    echo "port $port is in use by a process this user cannot see (another user's)" >&2
    return 8
  fi
  for p in $owners; do
    sid=$(dk_field "$p" 4)
    [ "$sid" != "$skip" ] || continue
    mine=''
    for f in "$deploy"/.deploy-kit/run/*.pid; do
      [ -f "$f" ] && [ "$(cat -- "$f")" = "$sid" ] && mine="4:$sid"
    done
    if [ -z "$mine" ]; then
      case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$deploy"/releases/*) mine="3:$(dk_field "$p" 3)";; esac
    fi
    if [ -z "$mine" ]; then
      echo "port $port is in use by pid $p ($(dk_cmd "$p")), which deploy-kit did not start for this app" >&2
      dk_ours=''
      return 8
    fi
    echo "port $port: stopping a leftover process of this app, pid $p ($(dk_cmd "$p"))"
    dk_ours="$dk_ours $mine"
  done
}
dk_free_port() {
  dk_port_ours "$1" "$2" || return 8
  [ -n "$dk_ours" ] || return 0
  dk_stop "$3" $dk_ours || return 8
  if [ -n "$(dk_listeners "$1")" ]; then echo "port $1 is still in use" >&2; return 8; fi
}
`;
var START_SUPERVISED = `set -eu
${SUPERVISE_TOOLS}${FREE_PORT}if [ -n "$4" ]; then dk_free_port "$4" "$7" "$8" || exit 8; fi
cd -- "$1"
mkdir -p -- "$(dirname -- "$6")" "$(dirname -- "$5")"
if [ -f "$2" ]; then set -a; . "$2"; set +a; fi
if [ -n "$4" ]; then PORT=$4; export PORT; fi
rm -f -- "$5"
setsid sh -c 'echo "$$" > "$0.new" && mv -f -- "$0.new" "$0" && DEPLOY_KIT_SESSION="$$:$0" && export DEPLOY_KIT_SESSION && exec sh -ec "$1"' "$5" "$3" >> "$6" 2>&1 < /dev/null &
n=0
while [ ! -s "$5" ] && [ "$n" -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
[ -s "$5" ] || { echo "the start command did not start" >&2; dk_tail "$6" >&2; exit 1; }
echo "started pid $(cat -- "$5")"`;
var STOP_SUPERVISED = `set -u
${SUPERVISE_TOOLS}${FREE_PORT}pid=$(dk_pid "$1")
dk_ours=''
if [ -n "\${3:-}" ]; then dk_port_ours "$3" "$4" "$pid" 2>/dev/null || true; fi
if [ -n "$pid" ]; then
  dk_end_session "$1" "$pid" "$2" $dk_ours || exit 7
  echo "stopped session $pid"
else
  echo "no pid file"
  if [ -n "$dk_ours" ]; then dk_stop "$2" $dk_ours || true; fi
fi
rm -f -- "$1"
exit 0`;
var SLOT_CHECK = `set -u
${SUPERVISE_TOOLS}pid=$(dk_pid "$1")
[ -n "$pid" ] || { echo "no pid recorded in $1"; exit 3; }
if ! dk_alive "$pid"; then echo "the start command (pid $pid) has exited; the end of its log:"; dk_tail "$3"; exit 3; fi
[ -n "$2" ] || { echo "running: pid $pid"; exit 0; }
[ -r /proc/net/tcp ] || { echo "unverified: /proc/net/tcp is not readable"; exit 0; }
inodes=$(dk_listeners "$2")
[ -n "$inodes" ] || { echo "nothing listens on port $2"; exit 4; }
owners=$(dk_owners $inodes)
for p in $owners; do
  if [ "$(dk_field "$p" 4)" = "$pid" ]; then echo "serving: pid $p ($(dk_cmd "$p"))"; exit 0; fi
done
for p in $owners; do echo "port $2 is held by pid $p ($(dk_cmd "$p")), not by the started process (session $pid)"; done
[ -n "$owners" ] || echo "port $2 is held by a process this user cannot see, not by the started process"
exit 5`;
var SLOT_WATCH = `set -u
${SUPERVISE_TOOLS}pid=$(dk_pid "$1")
[ -n "$pid" ] || { echo "no pid recorded in $1"; exit 3; }
while dk_alive "$pid"; do sleep 0.2; done
echo "the start command (pid $pid) has exited; the end of its log:"
dk_tail "$2"
exit 3`;
var SLOT_GUARD = `set -u
${SUPERVISE_TOOLS}word=''
read -r word || true
[ "$word" = keep ] && exit 0
pid=$(dk_pid "$1")
[ -n "$pid" ] || exit 0
dk_end_session "$1" "$pid" "$2" && rm -f -- "$1"`;
var TETHER = `set -u
${STOP_TOOLS}exec 3<&0
setsid "$@" < /dev/null 3<&- &
pid=$!
{ cat > /dev/null; dk_stop 5 "4:$pid"; } <&3 > /dev/null 2>&1 &
watcher=$!
exec 3<&-
rc=0
wait "$pid" || rc=$?
kill "$watcher" 2>/dev/null || true
exit "$rc"`;
var CONTAINER_WATCH = `set -u
while :; do
  state=$("$1" inspect --type container --format '{{.State.Running}}' "$2" 2>/dev/null || echo gone)
  if [ "$state" != true ]; then
    echo "the container $2 is not running ($state); the end of its log:"
    "$1" logs --tail 20 "$2" 2>&1 | sed 's/^/  | /'
    exit 3
  fi
  [ "$3" = watch ] || { echo "running: $2"; exit 0; }
  sleep 0.5
done`;

// packages/release/src/remote.ts
var CANCELLED_STEP_MS = 1500;
function stderrTail(stderr) {
  const lines = stderr.trim().split("\n");
  const last = (lines[lines.length - 1] ?? "").trim();
  return last.length > 300 ? `${last.slice(0, 300)}\u2026` : last;
}
var RemoteHost = class {
  constructor(conn, label, logger, commandTimeoutMs, signal) {
    this.conn = conn;
    this.label = label;
    this.logger = logger;
    this.commandTimeoutMs = commandTimeoutMs;
    this.signal = signal;
  }
  conn;
  label;
  logger;
  commandTimeoutMs;
  signal;
  /**
   * A script without stdin data runs tethered (see TETHER): it and whatever it started in its
   * session end when this run's channel does, even when the runner is killed.
   */
  async script(name, script, args, options = {}) {
    const echo = options.echo ? lineEcho(this.logger) : void 0;
    const argv = scriptArgv(`dk-${name}`, script, args);
    const tether = options.stdin === void 0 ? new PassThrough() : void 0;
    try {
      return await this.conn.exec(tether ? scriptArgv("dk-tether", TETHER, argv) : argv, {
        timeoutMs: this.commandTimeoutMs,
        signal: this.signal,
        ...options,
        ...tether ? { stdin: tether } : {},
        ...echo ? { onOutput: (text) => echo.write(text) } : {}
      });
    } finally {
      echo?.end();
      if (tether) {
        tether.unpipe();
        tether.destroy();
      }
    }
  }
  /** Like script(), but a non-zero exit is an ActionFailedError naming the step and the host. */
  async must(name, script, args, options = {}) {
    const result = await this.script(name, script, args, options);
    if (result.code !== 0) {
      if (!options.echo && result.stderr.trim()) this.logger.untrusted(result.stderr.trim());
      throw this.failed(name, result);
    }
    return result;
  }
  /**
   * A user's own commands (a hook), through ssh-run's runner: the script and `env` travel on
   * stdin, never on a command line, it runs with `set -eu` in `dir`, its output is echoed fenced,
   * and it is stopped with its session when the channel goes. A non-zero exit is an ActionFailedError.
   */
  async userScript(name, script, options) {
    const echo = lineEcho(this.logger);
    try {
      const result = await runScript(this.conn, {
        script,
        env: options.env,
        shell: "sh",
        workingDirectory: options.dir,
        stop: true,
        timeoutMs: this.commandTimeoutMs,
        signal: this.signal,
        onOutput: (text) => echo.write(text)
      });
      if (result.code !== 0) throw this.failed(name, result);
    } finally {
      echo.end();
    }
  }
  /** The error for a failed step: the step, the host, the exit, and the last stderr line (outputs and Slack say why). */
  failed(name, result) {
    const tail = stderrTail(result.stderr);
    return new ActionFailedError(
      `${this.label}: ${name} failed (exit ${result.code ?? result.signal ?? "?"})${tail ? `: ${tail}` : ""}`
    );
  }
};

// packages/release/src/compose-slots.ts
var SLOTS_FILE = "compose.slots.yaml";
var IN_PLACE_HASH_FILE = "in-place.sha256";
var IN_PLACE_LABEL = "deploy-kit.in-place";
function slotService(service, slot) {
  return `${service}-${slot}`;
}
var isMapping = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function fileError(detail) {
  return new ConfigurationError(`Input 'compose-file': ${detail}`);
}
function labelled(service) {
  const { labels } = service;
  if (Array.isArray(labels)) return labels.some((l) => String(l).trim() === `${IN_PLACE_LABEL}=true`);
  return isMapping(labels) && String(labels[IN_PLACE_LABEL]) === "true";
}
function splitPort(spec) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < spec.length; i += 1) {
    const c = spec.charAt(i);
    if (c === "$" && spec.charAt(i + 1) === "{") depth += 1;
    else if (c === "[") depth += 1;
    else if ((c === "}" || c === "]") && depth > 0) depth -= 1;
    if (c === ":" && depth === 0) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}
function publishOn(entry, port, service) {
  if (isMapping(entry)) {
    if (entry.target === void 0) throw fileError(`service ${service}: a long-form port needs 'target'`);
    return { ...entry, published: String(port) };
  }
  if (typeof entry !== "string" && typeof entry !== "number")
    throw fileError(`service ${service}: a port must be a string, number or mapping`);
  const text = String(entry);
  const slash = text.lastIndexOf("/");
  const [spec, protocol] = slash > text.lastIndexOf("}") ? [text.slice(0, slash), text.slice(slash)] : [text, ""];
  const parts = splitPort(spec);
  const container = parts.at(-1) ?? "";
  if (container === "" || parts.length > 3)
    throw fileError(
      `service ${service}: cannot read the port '${text}' ([host-ip:][host-port:]container-port)`
    );
  const address = parts.length === 3 ? parts[0] : parts.length === 1 ? "127.0.0.1" : void 0;
  return `${address === void 0 ? "" : `${address}:`}${port}:${container}${protocol}`;
}
function withDependencies(service, keep, rename) {
  const { depends_on: deps, ...rest } = service;
  if (deps === void 0) return rest;
  if (Array.isArray(deps)) {
    const kept2 = deps.map(String).filter(keep).map(rename);
    return kept2.length ? { ...rest, depends_on: kept2 } : rest;
  }
  if (!isMapping(deps)) return rest;
  const kept = Object.entries(deps).filter(([name]) => keep(name));
  return kept.length ? { ...rest, depends_on: Object.fromEntries(kept.map(([n, v]) => [rename(n), v])) } : rest;
}
function withAlias(service, alias) {
  const { networks } = service;
  const names = Array.isArray(networks) ? networks.map(String) : isMapping(networks) ? Object.keys(networks) : ["default"];
  const entries = names.map((name) => {
    const current = isMapping(networks) && isMapping(networks[name]) ? networks[name] : {};
    const aliases = Array.isArray(current.aliases) ? current.aliases.map(String) : [];
    return [name, { ...current, aliases: [.../* @__PURE__ */ new Set([...aliases, alias])] }];
  });
  return { ...service, networks: Object.fromEntries(entries) };
}
function planComposeSlots(content, options, yaml) {
  let doc;
  try {
    doc = yaml.parse(content, { merge: true, maxAliasCount: 1e3 });
  } catch (error) {
    throw fileError(
      `not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`
    );
  }
  if (!isMapping(doc) || !isMapping(doc.services) || Object.keys(doc.services).length === 0)
    throw fileError("no 'services' mapping");
  const all = doc.services;
  for (const [name, service2] of Object.entries(all))
    if (!isMapping(service2)) throw fileError(`service ${name} is not a mapping`);
  const service = (name) => {
    const found = all[name];
    return isMapping(found) ? found : {};
  };
  const publishes = (name) => Array.isArray(service(name).ports) && service(name).ports.length > 0;
  for (const name of options.named) {
    if (!(name in all))
      throw new ConfigurationError(`Input 'services': ${name} is not a service of the compose file`);
    if (labelled(service(name)))
      throw new ConfigurationError(
        `Input 'services': ${name} is labelled ${IN_PLACE_LABEL}=true; a service is either blue-green or in place`
      );
  }
  const names = options.named.length ? [...options.named] : Object.keys(all).filter((name) => publishes(name) && !labelled(service(name)));
  const fronted = names.filter(publishes);
  if (fronted.length !== 1) {
    const found = fronted.length ? `${fronted.join(", ")} publish ports` : "none publishes a port";
    throw new ConfigurationError(
      `Input 'services': blue-green compose fronts exactly one service with a published port, and ${found}; name the fronted service (and any worker that should run beside it) in 'services', and label services that cannot run twice ${IN_PLACE_LABEL}: "true"`
    );
  }
  const [front] = fronted;
  const ports = service(front).ports;
  if (ports.length !== 1)
    throw fileError(
      `service ${front} publishes ${ports.length} ports; blue-green moves one, the one the proxy fronts`
    );
  const blueGreen = new Set(names);
  const inPlace = Object.keys(all).filter((name) => !blueGreen.has(name));
  for (const name of names) {
    const s = service(name);
    if (s.container_name !== void 0)
      throw fileError(
        `service ${name} sets container_name, so it cannot run twice; remove it or label it ${IN_PLACE_LABEL}: "true"`
      );
    if (s.network_mode === "host")
      throw fileError(`service ${name} uses network_mode: host, so both slots would bind the same port`);
    for (const taken of ["blue", "green"])
      if (slotService(name, taken) in all)
        throw fileError(`a service is already named ${slotService(name, taken)}`);
  }
  const services = {};
  for (const name of inPlace)
    services[name] = withDependencies(
      service(name),
      (dep) => !blueGreen.has(dep),
      (dep) => dep
    );
  for (const name of names) {
    for (const slot of ["blue", "green"]) {
      let variant = withDependencies(
        service(name),
        (dep) => blueGreen.has(dep),
        (dep) => slotService(dep, slot)
      );
      if (name === front)
        variant = { ...variant, ports: [publishOn(ports[0], options.ports[slot === "blue" ? 0 : 1], name)] };
      if (options.engine === "docker") variant = withAlias(variant, name);
      services[slotService(name, slot)] = variant;
    }
  }
  const top = Object.fromEntries(Object.entries(doc).filter(([key]) => key !== "services"));
  const rendered = { ...top, services };
  const inPlaceDefinition = JSON.stringify({ top, services: inPlace.map((name) => [name, services[name]]) });
  const used = new Set([...inPlaceDefinition.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  const values = options.env.filter(([key]) => used.has(key));
  const inPlaceSha256 = createHash("sha256").update(JSON.stringify([inPlaceDefinition, values])).digest("hex");
  return {
    services: [front, ...names.filter((n) => n !== front)],
    inPlace,
    file: yaml.stringify(rendered, { lineWidth: 0 }),
    inPlaceSha256
  };
}

// packages/release/src/scripts.ts
var LOCK_ACQUIRE = `set -u
mkdir -p -- "$1"
tmp="$2.new.$$"
rm -rf -- "$tmp"
mkdir -- "$tmp" && printf '%s\\n' "$3" > "$tmp/holder.json"
if mv -T -- "$tmp" "$2" 2>/dev/null; then echo acquired; exit 0; fi
rm -rf -- "$tmp"
cat -- "$2/holder.json" 2>/dev/null || echo '{}'
exit 3`;
var LOCK_KEEPER = `set -u
command -v flock >/dev/null 2>&1 || exit 5
mkdir -p -- "$(dirname -- "$1")"
exec flock -x -n -E 4 -- "$1" sh -c 'echo alive; exec cat >/dev/null'`;
var LOCK_HOLDER = `set -u
i=0
while [ $i -lt 100 ]; do
  if [ -f "$1/holder.json" ]; then cat -- "$1/holder.json"; exit 0; fi
  sleep 0.02; i=$((i + 1))
done
echo '{}'`;
var LOCK_RELEASE_IF_HOLDER = `set -u
[ -d "$1" ] || exit 0
current=$(cat -- "$1/holder.json" 2>/dev/null || true)
if [ "$current" = "$2" ]; then rm -rf -- "$1"; echo released; else echo "not ours"; exit 3; fi`;
var INSPECT = `set -u
cd -- "$1" 2>/dev/null || { echo "missing=1"; exit 0; }
printf 'current=%s\\n' "$(readlink current 2>/dev/null || true)"
if [ -f .deploy-kit/state.json ]; then printf 'state=%s\\n' "$(cat .deploy-kit/state.json)"; fi
if [ -d releases ]; then
  for d in releases/*/; do
    [ -d "$d" ] || continue
    name=\${d#releases/}; name=\${name%/}
    printf 'release=%s %s\\n' "$(stat -c %Y -- "$d")" "$name"
  done
fi
for m in .deploy-kit/releases/*.json; do
  [ -f "$m" ] || continue
  printf 'manifest=%s\\n' "$(cat -- "$m" | tr -d '\\n')"
done
if [ "\${2:-0}" -gt 0 ] && [ -f .deploy-kit/history.jsonl ]; then
  tail -n "$2" .deploy-kit/history.jsonl | sed 's/^/history=/'
fi`;
var PREPARE = `set -eu
mkdir -p -- "$1/releases" "$1/shared" "$1/.deploy-kit/tmp" "$1/.deploy-kit/run" "$1/.deploy-kit/env" "$1/.deploy-kit/releases"
chmod 700 -- "$1/.deploy-kit/env"
find "$1/.deploy-kit/tmp" -mindepth 1 -maxdepth 1 -mmin +0 -exec rm -rf -- {} + 2>/dev/null || true
for d in "$1/releases"/.incoming-*; do
  if [ -e "$d" ] || [ -L "$d" ]; then rm -rf -- "$d" 2>/dev/null || true; fi
done`;
var LIST_FILES = `if listing=$(find . ! -path . \\( -type f -printf 'f %s %T@ %m %p\\n' -o -type l -printf 'l %p\\n' -o -type d -printf 'd %p\\n' \\) 2>/dev/null); then
  [ -z "$listing" ] || printf '%s\\n' "$listing"
else
  find . -type f -exec stat -c 'f %s %Y %a %n' {} +
  find . -type l -exec printf 'l %s\\n' {} +
  find . -type d ! -path . -exec printf 'd %s\\n' {} +
fi`;
var RECEIVE_EXTRACT = `set -eu
umask 022
${READ_EXACT_TOOL}if [ "$3" = z ] && ! command -v gzip > /dev/null 2>&1; then
  echo "this host has no gzip to unpack the release stream: set upload-compression: none" >&2
  exit 3
fi
if [ "\${4:-}" = into ]; then
  IFS= read -r len
  if [ "$len" -gt 0 ]; then dk_read_exact "$len" | (cd -- "$1" && xargs -0 rm -rf --); fi
else
  rm -rf -- "$1"
  mkdir -p -- "$1"
fi
rm -f -- "$1.fifo"
mkfifo -- "$1.fifo"
sha256sum < "$1.fifo" | cut -d' ' -f1 > "$2" &
hasher=$!
tee -- "$1.fifo" | tar -x\${3}f - -C "$1"
wait "$hasher"
rm -f -- "$1.fifo"
if [ "\${5:-}" = list ]; then
  cd -- "$1"
  ${LIST_FILES}
fi`;
var VERIFY_AND_PLACE = `set -eu
sum=$(cat -- "$1" 2>/dev/null || true)
rm -f -- "$1"
if [ "$sum" != "$2" ]; then echo "checksum mismatch: sent $2, received \${sum:-nothing}" >&2; rm -rf -- "$3"; exit 4; fi
if [ -e "$4" ]; then rm -rf -- "$4"; fi
mv -- "$3" "$4"
if [ -n "\${5:-}" ]; then cat > "$5.tmp"; mv -f -- "$5.tmp" "$5"; fi`;
var PREPARE_UPLOAD = `${PREPARE}
[ $# -gt 1 ] || exit 0
umask 022
[ -d "$2" ] && [ -f "$3" ] || exit 3
cat -- "$3"
echo --
rm -rf -- "$4" "$4.fifo"
cp -al -- "$2" "$4"
cd -- "$4"
${LIST_FILES}`;
var REMOVE_PATH = `rm -rf -- "$1"`;
var LINK_SHARED = `set -eu
release=$1; shared=$2; shift 2
for p in "$@"; do
  if [ ! -e "$shared/$p" ] && [ ! -L "$shared/$p" ]; then
    mkdir -p -- "$(dirname -- "$shared/$p")"
    if [ -e "$release/$p" ]; then mv -- "$release/$p" "$shared/$p"; else mkdir -p -- "$shared/$p"; fi
  fi
  rm -rf -- "$release/$p"
  mkdir -p -- "$(dirname -- "$release/$p")"
  ln -s -- "$shared/$p" "$release/$p"
done`;
var WRITE_PRIVATE_FILE = `set -eu
umask 077
cat > "$1.tmp"
chmod 600 -- "$1.tmp"
mv -f -- "$1.tmp" "$1"`;
var WRITE_FILE = `set -eu
cat > "$1.tmp"
mv -f -- "$1.tmp" "$1"`;
var APPEND_FILE = `set -eu
cat >> "$1"`;
var RUN_USER_COMMAND = `set -eu
cd -- "$1"
if [ -f "$2" ]; then set -a; . "$2"; set +a; fi
if [ -n "\${4:-}" ]; then PORT=$4; export PORT; fi
exec sh -ec "$3"`;
var SWITCH_UPSTREAM = `set -u
file=$1
if [ -f "$file" ]; then cp -p -- "$file" "$file.prev"; else : > "$file.prev"; fi
printf '%s' "$2" > "$file.next" && mv -f -- "$file.next" "$file"
if ! out=$(sh -c "$3" 2>&1); then
  mv -f -- "$file.prev" "$file"
  printf '%s\\n' "$out" >&2
  exit 5
fi
if ! out=$(sh -c "$4" 2>&1); then
  mv -f -- "$file.prev" "$file"
  sh -c "$4" >/dev/null 2>&1 || true
  printf '%s\\n' "$out" >&2
  exit 6
fi
rm -f -- "$file.prev"`;
var SWITCH_CURRENT = `set -eu
cd -- "$1"
ln -sfn -- "$2" ".current.next.$$"
mv -fT -- ".current.next.$$" current`;
var REMOVE_RELEASES = `set -eu
dir=$1; shift
for r in "$@"; do
  rm -f -- "$dir/.deploy-kit/releases/$r.json" "$dir/.deploy-kit/releases/$r.files" "$dir/.deploy-kit/env/$r.env" "$dir/.deploy-kit/env/$r.cenv"
  rm -rf -- "$dir/releases/$r"
done`;
var CONTAINER_RUN = `set -eu
${SUPERVISE_TOOLS}engine=$1; name=$2; envfile=$3; port=$4; cport=$5; image=$6; shift 6
"$engine" rm -f "$name" >/dev/null 2>&1 || true
inodes=$(dk_listeners "$port")
if [ -n "$inodes" ]; then
  owners=$(dk_owners $inodes)
  for p in $owners; do echo "port $port is in use by pid $p ($(dk_cmd "$p"))" >&2; done
  [ -n "$owners" ] || echo "port $port is in use by a process this user cannot see" >&2
  exit 8
fi
if [ -n "$cport" ]; then set -- -p "127.0.0.1:$port:$cport" "$@"; else set -- --network=host "$@"; fi
"$engine" run -d --name "$name" --env-file "$envfile" -e "PORT=$port" "$@" "$image" >/dev/null
echo "started $name"`;
var CONTAINER_ONCE = `set -eu
engine=$1; envfile=$2; image=$3; command=$4; cport=$5; shift 5
if [ -z "$cport" ]; then set -- --network=host "$@"; fi
exec "$engine" run --rm --env-file "$envfile" "$@" --entrypoint sh "$image" -ec "$command"`;
var CONTAINER_STOP = `set -u
if "$1" container exists "$2" >/dev/null 2>&1 || "$1" inspect --type container "$2" >/dev/null 2>&1; then
  "$1" stop -t "$3" "$2" >/dev/null 2>&1 || true
  echo "stopped $2"
else
  echo "no container $2"
fi`;
var IMAGE_ID = `set -u
id=$("$1" image inspect --format '{{.Id}}' "$2" 2>/dev/null) || exit 3
printf '%s\\n' "$id"`;
var TEMPORARY_LOGIN = `tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
if [ -n "$user" ]; then
  if [ "$engine" = podman ]; then REGISTRY_AUTH_FILE="$tmp/auth.json"; export REGISTRY_AUTH_FILE
  else DOCKER_CONFIG="$tmp"; export DOCKER_CONFIG; fi
  "$engine" login --username "$user" --password-stdin "$registry" >/dev/null
else
  cat >/dev/null
fi
`;
var IMAGE_PULL = `set -eu
engine=$1; ref=$2; tag=$3; registry=$4; user=$5
${TEMPORARY_LOGIN}"$engine" pull -q "$ref" >/dev/null
"$engine" tag "$ref" "$tag"
"$engine" image inspect --format '{{.Id}}' "$tag"`;
var IMAGE_LOAD = `set -eu
out=$(gunzip | "$1" load 2>&1) || { printf '%s\\n' "$out" >&2; exit 1; }
ref=$(printf '%s\\n' "$out" | sed -n 's/^Loaded image[^:]*: *//p' | tail -n 1)
[ -n "$ref" ] || { printf 'no image in the archive: %s\\n' "$out" >&2; exit 1; }
"$1" tag "$ref" "$2"
"$1" image inspect --format '{{.Id}}' "$2"`;
var IMAGE_TAG = `set -eu
"$1" tag "$2" "$3"`;
var IMAGE_REMOVE = `set -u
engine=$1; shift
for ref in "$@"; do "$engine" rmi "$ref" >/dev/null 2>&1 || true; done`;
var CONTAINER_RELEASE_DIR = `set -eu
mkdir -p -- "$1"
printf '%s' "$2" > "$1/IMAGE"`;
var COMPOSE_FN = `compose() {
  if [ "$engine" = docker ]; then
    if docker compose version >/dev/null 2>&1; then docker compose -p "$project" -f "$file" "$@"
    else docker-compose -p "$project" -f "$file" "$@"; fi
  elif command -v podman-compose >/dev/null 2>&1; then podman-compose -p "$project" -f "$file" "$@"
  else podman compose -p "$project" -f "$file" "$@"; fi
}
`;
var COMPOSE_UP = `set -eu
engine=$1; dir=$2; project=$3; file=$4; step=$5; registry=$6; user=$7; shift 7
cd -- "$dir"
${TEMPORARY_LOGIN}${COMPOSE_FN}case "$step" in
pull) compose pull "$@" ;;
slot) if [ "$engine" = docker ]; then compose up -d --no-deps --force-recreate "$@"
  else compose up -d --force-recreate "$@"; fi ;;
*) if [ "$engine" = docker ]; then compose up -d --remove-orphans "$@"
  else compose up -d --remove-orphans --force-recreate "$@"; fi ;;
esac`;
var COMPOSE_IN_PLACE = `set -eu
engine=$1; dir=$2; project=$3; applied=$4; shift 4; file=${SLOTS_FILE}
cd -- "$dir"
[ -f ${IN_PLACE_HASH_FILE} ] || exit 0
if cmp -s -- ${IN_PLACE_HASH_FILE} "$applied"; then exit 0; fi
${COMPOSE_FN}if [ "$#" -gt 0 ]; then
  if [ "$engine" = docker ]; then compose up -d "$@"; else compose up -d --force-recreate "$@"; fi
fi
cp -- ${IN_PLACE_HASH_FILE} "$applied.tmp"
mv -f -- "$applied.tmp" "$applied"`;
var COMPOSE_SLOT_REMOVE = `set -eu
engine=$1; project=$2; grace=$3; shift 3
for service in "$@"; do
  ids=$("$engine" ps -aq --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$service")
  [ -n "$ids" ] || continue
  # IDs are hex: split on purpose.
  "$engine" stop -t "$grace" $ids >/dev/null
  "$engine" rm -f $ids >/dev/null
done`;
var COMPOSE_PLACE = `set -eu
rm -rf -- "$2"
mv -T -- "$1" "$2"`;
var MAKE_DIR = `set -eu
mkdir -p -- "$1"`;

// packages/release/src/lock.ts
var lockMessages = {
  held: (host, holder) => `${host}: another deploy holds the lock (${holder})`,
  heldAfterWait: (host, holder, waited) => `${host}: another deploy still holds the lock after waiting ${waited} (${holder})`,
  holderGone: (host, holder) => `${host}: taking over a lock whose holder is gone (its SSH session ended without releasing it; killed or lost): ${holder}`
};
function describeHolder(json) {
  try {
    const h = JSON.parse(json);
    return `run ${h.runId ?? "?"} by ${h.actor ?? "?"}, version ${h.version ?? "?"}, ${h.action ?? "deploy"} since ${h.time ?? "?"}`;
  } catch {
    return "holder unknown";
  }
}
var DeployLock = class {
  constructor(host, deployPath, run, version, clock, action = "deploy") {
    this.host = host;
    this.deployPath = deployPath;
    const holder = {
      runId: run.runId,
      actor: run.actor,
      sha: run.sha,
      version,
      time: new Date(clock.now()).toISOString(),
      action
    };
    this.holder = JSON.stringify(holder);
  }
  host;
  deployPath;
  holder;
  held = false;
  keeper;
  get dir() {
    return `${this.deployPath}/.deploy-kit/lock`;
  }
  /** Starts the liveness keeper: 'held' by us now, 'busy' (a live session has it) or 'unsupported'. */
  async keepAlive() {
    const stdin = new PassThrough();
    let markAlive = () => void 0;
    const alive = new Promise((resolve) => markAlive = () => resolve("alive"));
    const done = this.host.conn.exec(scriptArgv("dk-lock-keeper", LOCK_KEEPER, [`${this.dir}.alive`]), {
      stdin,
      onOutput: (text, stream) => {
        if (stream === "stdout" && text.includes("alive")) markAlive();
      }
    }).catch(() => void 0);
    const first = await Promise.race([alive, done]);
    if (first === "alive") {
      this.keeper = { stdin, done };
      return "held";
    }
    stdin.end();
    if (first?.code === 4) return "busy";
    if (first?.code === 5) return "unsupported";
    const why = first ? `exit ${first.code ?? first.signal ?? "?"}: ${first.stderr.trim()}` : "the session could not be opened";
    throw new ActionFailedError(
      `${this.host.label}: cannot keep the deploy lock's liveness flock (${why}); not deploying without it`
    );
  }
  async stopKeeper() {
    const keeper = this.keeper;
    this.keeper = void 0;
    if (!keeper) return;
    keeper.stdin.end();
    await keeper.done;
  }
  async acquire(options) {
    const { clock } = options;
    const deadline = clock.now() + options.timeoutMs;
    let brokeLiveHolder = false;
    for (; ; ) {
      const liveness = brokeLiveHolder ? "unsupported" : await this.keepAlive();
      let current;
      if (liveness === "busy") {
        current = (await this.host.script("lock-holder", LOCK_HOLDER, [this.dir])).stdout.trim();
      } else {
        const result = await this.host.script("lock", LOCK_ACQUIRE, [
          `${this.deployPath}/.deploy-kit`,
          this.dir,
          this.holder
        ]);
        if (result.code === 0) {
          this.held = true;
          return;
        }
        if (result.code !== 3) {
          await this.stopKeeper();
          throw new ActionFailedError(
            `${this.host.label}: cannot take the deploy lock: ${result.stderr.trim()}`
          );
        }
        current = result.stdout.trim();
        if (liveness === "held") {
          options.logger.warning(lockMessages.holderGone(this.host.label, describeHolder(current)));
          await this.host.script("lock-break", LOCK_RELEASE_IF_HOLDER, [this.dir, current]);
          await this.stopKeeper();
          continue;
        }
      }
      if (options.breakStaleAfterMs !== void 0 && !(liveness === "busy" && current === "{}")) {
        const since = Date.parse(JSON.parse(current || "{}").time ?? "");
        const age = Number.isNaN(since) ? Infinity : clock.now() - since;
        if (age > options.breakStaleAfterMs) {
          options.logger.warning(
            `${this.host.label}: breaking a stale lock (older than ${formatMs(options.breakStaleAfterMs)}): ${describeHolder(current)}`
          );
          await this.host.script("lock-break", LOCK_RELEASE_IF_HOLDER, [this.dir, current]);
          brokeLiveHolder ||= liveness === "busy";
          continue;
        }
      }
      if (clock.now() >= deadline) {
        const message = options.timeoutMs > 0 ? lockMessages.heldAfterWait(
          this.host.label,
          describeHolder(current),
          formatMs(options.timeoutMs)
        ) : lockMessages.held(this.host.label, describeHolder(current));
        throw new ActionFailedError(message);
      }
      await clock.sleep(Math.min(1e3, deadline - clock.now()), options.signal);
    }
  }
  /** Releases the lock if we still hold it; never throws (called from finally blocks). */
  async release(logger, timeoutMs = 15e3) {
    if (!this.held) return;
    try {
      await this.releaseDirectory(logger, timeoutMs);
    } finally {
      await this.stopKeeper();
    }
  }
  async releaseDirectory(logger, timeoutMs) {
    try {
      const result = await this.host.conn.exec(
        ["sh", "-c", LOCK_RELEASE_IF_HOLDER, "dk-unlock", this.dir, this.holder],
        { timeoutMs }
      );
      if (result.code === 0) this.held = false;
      else logger.warning(`${this.host.label}: the lock was not ours any more: ${result.stdout.trim()}`);
    } catch (error) {
      logger.warning(`${this.host.label}: could not release the deploy lock: ${errorMessage(error)}`);
    }
  }
};

export {
  PhaseRecorder,
  runInfo,
  timeline,
  hostsOutput,
  hostsReport,
  SUPERVISE_EXIT,
  START_SUPERVISED,
  STOP_SUPERVISED,
  SLOT_CHECK,
  SLOT_WATCH,
  SLOT_GUARD,
  CONTAINER_WATCH,
  CANCELLED_STEP_MS,
  stderrTail,
  RemoteHost,
  SLOTS_FILE,
  IN_PLACE_HASH_FILE,
  slotService,
  planComposeSlots,
  INSPECT,
  PREPARE,
  RECEIVE_EXTRACT,
  VERIFY_AND_PLACE,
  PREPARE_UPLOAD,
  REMOVE_PATH,
  LINK_SHARED,
  WRITE_PRIVATE_FILE,
  WRITE_FILE,
  APPEND_FILE,
  RUN_USER_COMMAND,
  SWITCH_UPSTREAM,
  SWITCH_CURRENT,
  REMOVE_RELEASES,
  CONTAINER_RUN,
  CONTAINER_ONCE,
  CONTAINER_STOP,
  IMAGE_ID,
  IMAGE_PULL,
  IMAGE_LOAD,
  IMAGE_TAG,
  IMAGE_REMOVE,
  CONTAINER_RELEASE_DIR,
  COMPOSE_UP,
  COMPOSE_IN_PLACE,
  COMPOSE_SLOT_REMOVE,
  COMPOSE_PLACE,
  MAKE_DIR,
  DeployLock
};
//# sourceMappingURL=chunk-BA7FOPEO.js.map
