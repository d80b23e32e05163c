import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  STATUS_FORM,
  formatTarget,
  httpProbe,
  parseBodyExpectation,
  parseStatusRanges,
  readSshInputs,
  runGate,
  scriptArgv,
  sshConnector
} from "../chunks/chunk-7SBLHLKM.js";
import {
  ActionFailedError,
  CancelledError,
  ConfigurationError,
  Summary,
  assertTrustedEvent,
  formatMs,
  messages,
  runAction
} from "../chunks/chunk-2LXKV5NM.js";
import "../chunks/chunk-T7SGHLAT.js";

// actions/deploy-ssh/main.ts
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

// packages/release/src/envfile.ts
function renderEnvFile(pairs) {
  return pairs.map(([key, value]) => `${key}='${value.replace(/'/g, `'\\''`)}'
`).join("");
}

// packages/release/src/fleet.ts
import { mkdtempSync, rmSync, statSync as statSync2 } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// packages/release/src/host.ts
import { randomBytes } from "node:crypto";

// packages/release/src/scripts.ts
var LOCK_ACQUIRE = `set -u
mkdir -p -- "$1"
if mkdir -- "$2" 2>/dev/null; then
  printf '%s\\n' "$3" > "$2/holder.json.tmp" && mv -f -- "$2/holder.json.tmp" "$2/holder.json"
  echo acquired
  exit 0
fi
cat -- "$2/holder.json" 2>/dev/null || echo '{}'
exit 3`;
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
fi`;
var PREPARE = `set -eu
mkdir -p -- "$1/releases" "$1/shared" "$1/.deploy-kit/tmp" "$1/.deploy-kit/run" "$1/.deploy-kit/env"
chmod 700 -- "$1/.deploy-kit/env"
find "$1/.deploy-kit/tmp" -mindepth 1 -maxdepth 1 -mmin +0 -exec rm -rf -- {} + 2>/dev/null || true
find "$1/releases" -mindepth 1 -maxdepth 1 -name '.incoming-*' -exec rm -rf -- {} + 2>/dev/null || true`;
var RECEIVE_EXTRACT = `set -eu
umask 022
rm -rf -- "$1" "$1.fifo"
mkdir -p -- "$1"
mkfifo -- "$1.fifo"
sha256sum < "$1.fifo" | cut -d' ' -f1 > "$2" &
hasher=$!
tee -- "$1.fifo" | tar -x\${3}f - -C "$1"
wait "$hasher"
rm -f -- "$1.fifo"`;
var VERIFY_AND_PLACE = `set -eu
sum=$(cat -- "$1" 2>/dev/null || true)
rm -f -- "$1"
if [ "$sum" != "$2" ]; then echo "checksum mismatch: sent $2, received \${sum:-nothing}" >&2; rm -rf -- "$3"; exit 4; fi
if [ -e "$4" ]; then rm -rf -- "$4"; fi
mv -- "$3" "$4"`;
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
exec sh -c "$3"`;
var START_SUPERVISED = `set -eu
cd -- "$1"
mkdir -p -- "$(dirname -- "$6")" "$(dirname -- "$5")"
if [ -f "$2" ]; then set -a; . "$2"; set +a; fi
PORT=$4; export PORT
setsid sh -c "$3" >> "$6" 2>&1 < /dev/null &
echo $! > "$5"
echo "started pid $!"`;
var STOP_SUPERVISED = `set -u
[ -f "$1" ] || { echo "no pid file"; exit 0; }
pid=$(cat -- "$1")
case "$pid" in ''|*[!0-9]*) rm -f -- "$1"; exit 0;; esac
# A zombie (exited, not yet reaped by an init that reaps slowly) still answers kill -0: not alive.
alive() {
  if [ -r "/proc/$pid/stat" ]; then
    state=$(sed 's/.*) //' "/proc/$pid/stat" | cut -c1)
    [ "$state" != Z ]
  else
    kill -0 "$pid" 2>/dev/null
  fi
}
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
i=0
while alive; do
  i=$((i + 1))
  if [ "$i" -gt $(($2 * 10)) ]; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; break; fi
  sleep 0.1
done
rm -f -- "$1"
echo "stopped pid $pid"`;
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
for r in "$@"; do rm -rf -- "$dir/$r"; done`;

// packages/release/src/upload.ts
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { PassThrough } from "node:stream";
function archiveStream(source, exclude) {
  if (statSync(source).isFile()) {
    const stream = createReadStream(source);
    return { stream, done: new Promise((resolve2, reject) => stream.on("end", resolve2).on("error", reject)) };
  }
  const args = ["-cf", "-", "-C", source, ...exclude.map((pattern) => `--exclude=${pattern}`), "."];
  const tar = spawn("tar", args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  tar.stderr.on("data", (c) => stderr += c.toString());
  const done = new Promise((resolve2, reject) => {
    tar.on("error", reject);
    tar.on(
      "close",
      (code) => code === 0 ? resolve2() : reject(new Error(`tar exited ${code}: ${stderr.trim()}`))
    );
  });
  return { stream: tar.stdout, done };
}
async function writeArchive(source, exclude, file) {
  const { stream, done } = archiveStream(source, exclude);
  await Promise.all([pipeline(stream, createWriteStream(file, { mode: 384 })), done]);
}
function compressionFlag(source) {
  return /\.(tgz|tar\.gz)$/i.test(source) ? "z" : "";
}
async function uploadArchive(conn, source, exclude, staging, sumFile, options) {
  const { stream, done } = archiveStream(source, exclude);
  const hash = createHash("sha256");
  let bytes = 0;
  const counted = new PassThrough();
  stream.on("data", (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  stream.pipe(counted);
  const [result] = await Promise.all([
    conn.exec(scriptArgv("dk-receive", RECEIVE_EXTRACT, [staging, sumFile, compressionFlag(source)]), {
      stdin: counted,
      timeoutMs: options.timeoutMs,
      signal: options.signal
    }),
    done
  ]);
  if (result.code !== 0)
    throw new Error(`receiving the archive failed (exit ${result.code}): ${result.stderr.trim()}`);
  return { bytes, sha256: hash.digest("hex") };
}

// packages/release/src/host.ts
function parseInspection(stdout) {
  const result = { exists: true, releases: [] };
  for (const line of stdout.split("\n")) {
    if (line === "missing=1") result.exists = false;
    else if (line.startsWith("current=")) {
      const target = line.slice("current=".length);
      const match = /(?:^|\/)releases\/([^/]+)\/?$/.exec(target);
      if (match) result.current = match[1];
    } else if (line.startsWith("state=")) {
      try {
        result.state = JSON.parse(line.slice("state=".length));
      } catch {
      }
    } else if (line.startsWith("release=")) {
      const [mtime, name] = line.slice("release=".length).split(" ");
      if (name) result.releases.push({ name, mtime: Number(mtime) });
    }
  }
  return result;
}
function releasesToPrune(releases, keep, protect) {
  const newestFirst = [...releases].sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  return newestFirst.slice(keep).map((r) => r.name).filter((name) => !protect.includes(name));
}
var otherSlot = (slot) => slot === "blue" ? "green" : "blue";
function upstreamConfig(proxy, app, port) {
  if (proxy === "caddy") return `(${app}) {
	reverse_proxy 127.0.0.1:${port}
}
`;
  return `upstream ${app} { server 127.0.0.1:${port}; }
`;
}
var HostDeploy = class {
  constructor(host, config, deps) {
    this.host = host;
    this.config = config;
    this.deps = deps;
    this.started = deps.clock.now();
  }
  host;
  config;
  deps;
  phases = [];
  inspection = { exists: false, releases: [] };
  /** True once traffic (proxy or `current`) points at the new release. */
  switched = false;
  oldSlotStopped = false;
  newSlot;
  started;
  status = "skipped";
  error;
  get logger() {
    return this.deps.logger;
  }
  path(...parts) {
    return [this.config.deployPath, ...parts].join("/");
  }
  releaseDir(version) {
    return this.path("releases", version);
  }
  envFile(version) {
    return this.path(".deploy-kit", "env", `${version}.env`);
  }
  pidFile(slot) {
    return this.path(".deploy-kit", "run", `${slot}.pid`);
  }
  logFile(slot) {
    return this.path("shared", "log", `${this.config.app}-${slot}.log`);
  }
  get previous() {
    return this.inspection.current;
  }
  async phase(name, body) {
    const startMs = this.deps.clock.now();
    try {
      const result = await body();
      this.phases.push({ name, startMs, endMs: this.deps.clock.now(), ok: true });
      return result;
    } catch (error) {
      this.phases.push({ name, startMs, endMs: this.deps.clock.now(), ok: false });
      throw error;
    }
  }
  async inspect() {
    const result = await this.host.must("inspect", INSPECT, [this.config.deployPath]);
    this.inspection = parseInspection(result.stdout);
    return this.inspection;
  }
  get isUnchanged() {
    return this.inspection.current === this.config.version;
  }
  /** Upload → build → start → gate → switch → drain → stop old → soak. Throws on failure; `switched` says where it stopped. */
  async deploy() {
    const { config } = this;
    if (!config.health.enabled) {
      this.logger.warning(
        `${this.host.label}: health-check is false: the new release goes live without a health gate`
      );
    }
    await this.phase("upload", async () => {
      await this.host.must("prepare", PREPARE, [config.deployPath]);
      const token = randomBytes(6).toString("hex");
      const staging = this.path("releases", `.incoming-${token}`);
      const sumFile = this.path(".deploy-kit", "tmp", `${token}.sha256`);
      const uploaded = await uploadArchive(this.host.conn, config.source, config.exclude, staging, sumFile, {
        timeoutMs: config.commandTimeoutMs,
        signal: this.deps.signal
      });
      this.logger.info(
        `${this.host.label}: uploaded ${(uploaded.bytes / 1e6).toFixed(1)} MB (sha256 ${uploaded.sha256.slice(0, 12)}\u2026)`
      );
      await this.host.must("install", VERIFY_AND_PLACE, [
        sumFile,
        uploaded.sha256,
        staging,
        this.releaseDir(config.version)
      ]);
      if (config.sharedPaths.length > 0) {
        await this.host.must("link-shared", LINK_SHARED, [
          this.releaseDir(config.version),
          this.path("shared"),
          ...config.sharedPaths
        ]);
      }
      await this.host.must("write-env", WRITE_PRIVATE_FILE, [this.envFile(config.version)], {
        stdin: renderEnvFile(config.env),
        echo: false
      });
    });
    if (config.buildCommand) {
      await this.phase(
        "build",
        () => this.userCommand("build", config.buildCommand, this.releaseDir(config.version))
      );
    }
    if (config.strategy === "blue-green") await this.blueGreen();
    else await this.inPlace();
  }
  async userCommand(name, command, dir, port, version = this.config.version) {
    this.logger.info(`${this.host.label}: ${name}: ${command}`);
    await this.host.must(
      name,
      RUN_USER_COMMAND,
      [dir, this.envFile(version), command, port === void 0 ? "" : String(port)],
      { echo: true }
    );
  }
  async startSlot(slot, port, version) {
    const { config } = this;
    await this.stopSlot(slot, port, version);
    if (!config.startCommand)
      throw new ActionFailedError(`${this.host.label}: blue-green needs 'start-command'`);
    await this.host.must("start", START_SUPERVISED, [
      this.releaseDir(version),
      this.envFile(version),
      config.startCommand,
      String(port),
      this.pidFile(slot),
      this.logFile(slot)
    ]);
  }
  async stopSlot(slot, port, version) {
    if (this.config.stopCommand) {
      const result = await this.host.script(
        "stop",
        RUN_USER_COMMAND,
        [this.releaseDir(version), this.envFile(version), this.config.stopCommand, String(port)],
        {
          echo: true
        }
      );
      if (result.code !== 0)
        this.logger.warning(`${this.host.label}: stop-command for the ${slot} slot exited ${result.code}`);
    }
    await this.host.must("stop", STOP_SUPERVISED, [this.pidFile(slot), "10"]);
  }
  /** The deploy's health options as a gate on one URL; `overrides` for the slot gate or the soak. */
  runHealthGate(url, overrides) {
    const { health } = this.config;
    return runGate(
      {
        urls: [url],
        method: "GET",
        headers: [],
        expect: { ...health.expect, followRedirects: false },
        intervalMs: health.intervalMs,
        requestTimeoutMs: Math.min(5e3, Math.max(1e3, health.intervalMs)),
        timeoutMs: health.timeoutMs,
        successThreshold: health.successThreshold,
        failureThreshold: 3,
        soakMs: 0,
        insecureTls: false,
        ...overrides
      },
      { probe: this.deps.probe, clock: this.deps.clock, signal: this.deps.signal }
    );
  }
  /** Health of a port on the host, probed through the SSH connection. */
  async gatePort(port, label) {
    if (!this.config.health.enabled) return void 0;
    const url = new URL(`http://127.0.0.1:${port}${this.config.health.path}`);
    const result = await this.runHealthGate(url, { connect: (h, p) => this.host.conn.forward(h, p) });
    const target = result.targets[0];
    if (!result.healthy) {
      if (target.last?.body) this.logger.untrusted(target.last.body.slice(0, 500));
      throw new ActionFailedError(
        `${this.host.label}: ${label} failed its health check on ${url.href}: ${result.outcome}${target.lastReason ? ` (${target.lastReason})` : ""} after ${result.attempts} attempts`
      );
    }
    this.logger.info(
      `${this.host.label}: ${label} healthy after ${result.attempts} attempts (${result.elapsedMs}ms)`
    );
    return result;
  }
  async soak() {
    const { health, soakMs } = this.config;
    if (!health.url || !health.enabled && soakMs === 0) return;
    const result = await this.runHealthGate(health.url, { successThreshold: 1, soakMs });
    if (!result.healthy) {
      throw new ActionFailedError(
        `${this.host.label}: ${health.url.href} failed after the switch: ${result.outcome} (${result.targets[0]?.lastReason ?? ""})`
      );
    }
  }
  async switchUpstream(port) {
    const { config } = this;
    const result = await this.host.script("switch-upstream", SWITCH_UPSTREAM, [
      this.path(".deploy-kit", "upstream.conf"),
      upstreamConfig(config.proxy, config.app, port),
      config.proxyTestCommand,
      config.proxyReloadCommand
    ]);
    if (result.code === 5 || result.code === 6) {
      this.logger.untrusted(result.stderr.trim());
      const what = result.code === 5 ? `proxy configuration test ('${config.proxyTestCommand}')` : `proxy reload ('${config.proxyReloadCommand}')`;
      throw new ActionFailedError(`${this.host.label}: ${what} failed; the previous upstream was restored`);
    }
    if (result.code !== 0)
      throw new ActionFailedError(
        `${this.host.label}: switching the upstream failed (exit ${result.code}): ${result.stderr.trim()}`
      );
  }
  async writeState(state) {
    await this.host.must("write-state", WRITE_FILE, [this.path(".deploy-kit", "state.json")], {
      stdin: JSON.stringify(state)
    });
  }
  async blueGreen() {
    const { config } = this;
    const active = this.inspection.state;
    const slot = otherSlot(active?.slot);
    const port = config.ports[slot === "blue" ? 0 : 1];
    this.newSlot = slot;
    await this.phase("start", () => this.startSlot(slot, port, config.version));
    try {
      await this.phase("gate", () => this.gatePort(port, `the new ${slot} slot (port ${port})`));
    } catch (error) {
      await this.stopSlot(slot, port, config.version).catch(() => void 0);
      throw error;
    }
    try {
      await this.phase("switch", () => this.switchUpstream(port));
    } catch (error) {
      await this.stopSlot(slot, port, config.version).catch(() => void 0);
      throw error;
    }
    this.switched = true;
    await this.host.must("switch-current", SWITCH_CURRENT, [config.deployPath, `releases/${config.version}`]);
    await this.writeState({ slot, port, version: config.version });
    if (active && active.slot !== slot) {
      await this.phase("drain", () => this.deps.clock.sleep(config.drainMs, this.deps.signal));
      await this.phase("stop-old", () => this.stopSlot(active.slot, active.port, active.version));
      this.oldSlotStopped = true;
    }
    if (config.soakMs > 0 || config.health.url) await this.phase("soak", () => this.soak());
  }
  async inPlace() {
    const { config } = this;
    const port = config.ports[0];
    await this.phase(
      "switch",
      () => this.host.must("switch-current", SWITCH_CURRENT, [config.deployPath, `releases/${config.version}`])
    );
    this.switched = true;
    if (config.restartCommand) {
      await this.phase(
        "restart",
        () => this.userCommand("restart", config.restartCommand, this.releaseDir(config.version), port)
      );
    }
    if (port !== void 0)
      await this.phase("gate", () => this.gatePort(port, `the new release (port ${port})`));
    if (config.soakMs > 0 || config.health.url) await this.phase("soak", () => this.soak());
  }
  /** Puts the previous release back where this run switched away from it. */
  async switchBack() {
    const { config } = this;
    const previous = this.inspection.current;
    if (!this.switched || !previous) return;
    this.logger.warning(`${this.host.label}: switching back to ${previous}`);
    await this.phase("switch-back", async () => {
      if (config.strategy === "blue-green" && this.inspection.state && this.newSlot) {
        const old = this.inspection.state;
        if (this.oldSlotStopped) {
          await this.startSlot(old.slot, old.port, old.version);
          await this.gatePort(old.port, `the previous ${old.slot} slot`).catch((error) => {
            this.logger.warning(
              `${this.host.label}: ${error instanceof Error ? error.message : String(error)}`
            );
          });
          this.oldSlotStopped = false;
        }
        await this.switchUpstream(old.port);
        await this.host.must("switch-current", SWITCH_CURRENT, [config.deployPath, `releases/${previous}`]);
        await this.writeState(old);
        await this.deps.clock.sleep(Math.min(config.drainMs, 2e3));
        await this.stopSlot(this.newSlot, config.ports[this.newSlot === "blue" ? 0 : 1], config.version);
      } else {
        await this.host.must("switch-current", SWITCH_CURRENT, [config.deployPath, `releases/${previous}`]);
        if (config.restartCommand)
          await this.userCommand(
            "restart",
            config.restartCommand,
            this.releaseDir(previous),
            config.ports[0],
            previous
          );
      }
    });
    this.switched = false;
    this.status = "rolled-back";
  }
  async prune() {
    const releases = [
      ...this.inspection.releases.filter((r) => r.name !== this.config.version),
      { name: this.config.version, mtime: Number.MAX_SAFE_INTEGER }
    ];
    const remove = releasesToPrune(releases, this.config.keepReleases, [
      this.config.version,
      this.inspection.current
    ]);
    if (remove.length > 0) {
      await this.host.must("prune", REMOVE_RELEASES, [this.path("releases"), ...remove]);
      this.logger.info(`${this.host.label}: pruned ${remove.join(", ")}`);
    }
    return remove;
  }
  async record(entry) {
    const { run: run2 } = this.config;
    const line = {
      ...entry,
      mode: "release",
      strategy: this.config.strategy,
      time: new Date(this.deps.clock.now()).toISOString(),
      actor: run2.actor,
      sha: run2.sha,
      runId: run2.runId,
      runUrl: run2.runUrl,
      durationMs: this.durationMs
    };
    try {
      await this.host.conn.exec(
        ["sh", "-c", APPEND_FILE, "dk-history", this.path(".deploy-kit", "history.jsonl")],
        {
          stdin: `${JSON.stringify(line)}
`,
          timeoutMs: 15e3
        }
      );
    } catch (error) {
      this.logger.warning(
        `${this.host.label}: could not record history: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  }
  get durationMs() {
    return this.deps.clock.now() - this.started;
  }
  get slot() {
    return this.newSlot;
  }
  outcome() {
    return {
      host: this.host.label,
      status: this.status,
      version: this.config.version,
      previous: this.inspection.current,
      slot: this.newSlot,
      durationMs: this.durationMs,
      error: this.error,
      phases: this.phases
    };
  }
};

// packages/release/src/lock.ts
var lockMessages = {
  held: (host, holder) => `${host}: another deploy holds the lock (${holder})`,
  heldAfterWait: (host, holder, waited) => `${host}: another deploy still holds the lock after waiting ${waited} (${holder})`
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
  constructor(host, deployPath, run2, version, clock, action = "deploy") {
    this.host = host;
    this.deployPath = deployPath;
    const holder = {
      runId: run2.runId,
      actor: run2.actor,
      sha: run2.sha,
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
  get dir() {
    return `${this.deployPath}/.deploy-kit/lock`;
  }
  async acquire(options) {
    const { clock } = options;
    const deadline = clock.now() + options.timeoutMs;
    for (; ; ) {
      const result = await this.host.script("lock", LOCK_ACQUIRE, [
        `${this.deployPath}/.deploy-kit`,
        this.dir,
        this.holder
      ]);
      if (result.code === 0) {
        this.held = true;
        return;
      }
      if (result.code !== 3)
        throw new ActionFailedError(
          `${this.host.label}: cannot take the deploy lock: ${result.stderr.trim()}`
        );
      const current = result.stdout.trim();
      if (options.breakStaleAfterMs !== void 0) {
        const since = Date.parse(JSON.parse(current || "{}").time ?? "");
        const age = Number.isNaN(since) ? Infinity : clock.now() - since;
        if (age > options.breakStaleAfterMs) {
          options.logger.warning(
            `${this.host.label}: breaking a stale lock (older than ${formatMs(options.breakStaleAfterMs)}): ${describeHolder(current)}`
          );
          await this.host.script("lock-break", LOCK_RELEASE_IF_HOLDER, [this.dir, current]);
          continue;
        }
      }
      if (clock.now() >= deadline) {
        const message2 = options.timeoutMs > 0 ? lockMessages.heldAfterWait(
          this.host.label,
          describeHolder(current),
          formatMs(options.timeoutMs)
        ) : lockMessages.held(this.host.label, describeHolder(current));
        throw new ActionFailedError(message2);
      }
      await clock.sleep(Math.min(1e3, deadline - clock.now()), options.signal);
    }
  }
  /** Releases the lock if we still hold it; never throws (called from finally blocks). */
  async release(logger) {
    if (!this.held) return;
    try {
      const result = await this.host.conn.exec(
        ["sh", "-c", LOCK_RELEASE_IF_HOLDER, "dk-unlock", this.dir, this.holder],
        { timeoutMs: 15e3 }
      );
      if (result.code === 0) this.held = false;
      else logger.warning(`${this.host.label}: the lock was not ours any more: ${result.stdout.trim()}`);
    } catch (error) {
      logger.warning(
        `${this.host.label}: could not release the deploy lock: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  }
};

// packages/release/src/remote.ts
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
  async script(name, script, args, options = {}) {
    const echo = options.echo ?? false;
    return this.conn.exec(scriptArgv(`dk-${name}`, script, args), {
      timeoutMs: this.commandTimeoutMs,
      signal: this.signal,
      ...options,
      ...echo ? { onOutput: (text) => this.logger.untrusted(text.replace(/\n$/, "")) } : {}
    });
  }
  /** Like script(), but a non-zero exit is an ActionFailedError naming the step and the host. */
  async must(name, script, args, options = {}) {
    const result = await this.script(name, script, args, options);
    if (result.code !== 0) {
      if (!options.echo && result.stderr.trim()) this.logger.untrusted(result.stderr.trim());
      throw new ActionFailedError(
        `${this.label}: ${name} failed (exit ${result.code ?? result.signal ?? "?"})`
      );
    }
    return result;
  }
};

// packages/release/src/fleet.ts
async function eachLimited(items, limit, failFast, work) {
  let next = 0;
  let stop = false;
  const worker = async () => {
    while (!stop && next < items.length) {
      const index = next++;
      const ok = await work(items[index], index);
      if (!ok && failFast) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
function message(error) {
  return error instanceof Error ? error.message : String(error);
}
async function connectAll(targets, config, deps) {
  const conns = new Array(targets.length);
  const errors = [];
  await eachLimited(targets, config.maxParallel, false, async (target, i) => {
    try {
      conns[i] = await deps.connect(target);
      return true;
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      errors.push(message(error));
      return false;
    }
  });
  if (errors.length > 0) {
    for (const conn of conns) conn?.close();
    throw new ActionFailedError(`${errors.join("; ")}. Nothing was changed.`);
  }
  return conns;
}
async function deployRelease(config, targets, deps) {
  const started = deps.clock.now();
  const logger = deps.logger;
  const conns = await connectAll(targets, config, deps);
  let archiveDir;
  if (targets.length > 1 && statSync2(config.source).isDirectory()) {
    archiveDir = mkdtempSync(join(tmpdir(), "deploy-kit-"));
    const archive = join(archiveDir, "release.tar");
    await writeArchive(config.source, config.exclude, archive);
    config = { ...config, source: archive, exclude: [] };
  }
  const hosts = conns.map(
    (conn, i) => new HostDeploy(
      new RemoteHost(conn, formatTarget(targets[i]), logger, config.commandTimeoutMs, deps.signal),
      config,
      deps
    )
  );
  const locks = hosts.map(
    (h) => new DeployLock(h.host, config.deployPath, config.run, config.version, deps.clock)
  );
  let failure;
  try {
    const lockErrors = [];
    await Promise.all(
      locks.map(
        (lock) => lock.acquire({
          timeoutMs: config.lockTimeoutMs,
          breakStaleAfterMs: config.breakStaleLockAfterMs,
          clock: deps.clock,
          logger,
          signal: deps.signal
        }).catch((error) => {
          if (error instanceof CancelledError) throw error;
          lockErrors.push(message(error));
        })
      )
    );
    if (lockErrors.length > 0) throw new ActionFailedError(lockErrors.join("; "));
    await Promise.all(hosts.map((h) => h.inspect()));
    await eachLimited(hosts, config.maxParallel, config.failFast, async (host) => {
      if (host.isUnchanged) {
        host.status = "unchanged";
        logger.info(`${host.host.label}: ${config.version} is already live; nothing to do`);
        return true;
      }
      try {
        await logger.group(
          `${host.host.label}: deploy ${config.version}${host.previous ? ` (live: ${host.previous})` : ""}`,
          () => host.deploy()
        );
        host.status = "deployed";
        return true;
      } catch (error) {
        if (error instanceof CancelledError && !host.switched) throw error;
        host.status = "failed";
        host.error = message(error);
        logger.error(host.error);
        failure ??= host.error;
        return false;
      }
    });
    if (failure !== void 0 && config.rollbackOnFailure) {
      for (const host of hosts.filter((h) => h.switched)) {
        try {
          await host.switchBack();
        } catch (error) {
          logger.error(`${host.host.label}: switching back failed: ${message(error)}`);
          host.error = `${host.error ?? ""} switch back failed: ${message(error)}`.trim();
        }
      }
    }
    await Promise.all(
      hosts.map(async (h) => {
        if (h.status === "skipped") return;
        const status = h.status === "deployed" ? "success" : h.status === "unchanged" ? "unchanged" : h.status === "rolled-back" ? "rolled-back" : "failed";
        await h.record({
          event: "deploy",
          version: config.version,
          previous: h.previous,
          slot: h.slot,
          status,
          error: h.error
        });
      })
    );
    if (failure === void 0) {
      for (const h of hosts.filter((x) => x.status === "deployed")) {
        await h.prune().catch((error) => logger.warning(`${h.host.label}: pruning failed: ${message(error)}`));
      }
    }
  } catch (error) {
    if (error instanceof CancelledError) {
      await Promise.all(
        hosts.filter((h) => h.phases.length > 0).map(
          (h) => h.record({
            event: "deploy",
            version: config.version,
            previous: h.previous,
            slot: h.slot,
            status: "cancelled",
            error: h.switched ? `cancelled after switching to ${config.version}` : "cancelled before the switch"
          })
        )
      );
    }
    throw error;
  } finally {
    await Promise.all(locks.map((lock) => lock.release(logger)));
    for (const conn of conns) conn.close();
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  }
  const outcomes = hosts.map((h) => h.outcome());
  return {
    ok: failure === void 0,
    rolledBack: failure !== void 0 && hosts.every((h) => !h.switched),
    hosts: outcomes,
    durationMs: deps.clock.now() - started,
    error: failure
  };
}

// actions/deploy-ssh/inputs.ts
var APP = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
var SAFE_SEGMENT = /^(?!\.{1,2}$)(?!-)[A-Za-z0-9._-]+$/;
var HEALTH_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;
var forms = {
  app: "a name of lower-case letters, digits and _ . - (starting with a letter or digit, at most 64)",
  version: "letters, digits and . _ + - (starting with a letter or digit, at most 128)",
  deployPath: "an absolute path of letters, digits and . _ - / without '..' segments",
  sharedPaths: "relative paths of letters, digits and . _ - / without '..' segments",
  ports: "one port (in-place) or two distinct ports blue,green (blue-green), each 1-65535",
  healthPath: "a path starting with '/'"
};
function isSafePath(path, absolute) {
  if (absolute !== path.startsWith("/")) return false;
  const segments = path.split("/").filter((s, i) => !(absolute && i === 0));
  return segments.length > 0 && segments.every((s) => SAFE_SEGMENT.test(s));
}
function readInputs(read, env = process.env) {
  const ssh = readSshInputs(read);
  const envPairs = read.keyValues("env", { secret: true });
  const mode = read.enum("mode", ["release"]);
  const app = read.string("app", { required: true, pattern: APP, accepted: forms.app });
  const sha = env.GITHUB_SHA ?? "";
  const version = read.string("version", { pattern: VERSION, accepted: forms.version }) ?? (sha ? sha.slice(0, 7) : void 0);
  if (!version)
    throw new ConfigurationError(
      messages.requiredInput(
        "version",
        `${forms.version} (default: the short commit SHA, but GITHUB_SHA is not set)`
      )
    );
  const deployPath = (read.string("deploy-path") ?? `/opt/${app}`).replace(/\/+$/, "");
  if (!isSafePath(deployPath, true))
    throw new ConfigurationError(messages.invalidInput("deploy-path", forms.deployPath, deployPath));
  const proxy = read.enum("proxy", ["nginx", "caddy", "none"]);
  const strategyText = read.string("strategy");
  if (strategyText !== void 0 && strategyText !== "blue-green" && strategyText !== "in-place") {
    throw new ConfigurationError(
      messages.invalidInput(
        "strategy",
        "blue-green or in-place (empty: blue-green with a proxy, else in-place)",
        strategyText
      )
    );
  }
  const strategy = strategyText ?? (proxy === "none" ? "in-place" : "blue-green");
  const portItems = read.list("ports", { item: /^\d{1,5}$/, accepted: forms.ports });
  const ports = portItems.map(Number);
  const wanted = strategy === "blue-green" ? 2 : 1;
  if (ports.length !== wanted && !(strategy === "in-place" && ports.length === 0) || ports.some((p) => p < 1 || p > 65535) || new Set(ports).size !== ports.length) {
    throw new ConfigurationError(
      messages.invalidInput("ports", `${forms.ports}; ${strategy} needs ${wanted}`, portItems.join(","))
    );
  }
  if (strategy === "blue-green" && proxy === "none") {
    throw new ConfigurationError(
      "Input 'strategy' blue-green needs a proxy to switch: set 'proxy: nginx' (or caddy), or use 'strategy: in-place'"
    );
  }
  const healthPath = read.string("health-path", {
    required: true,
    pattern: HEALTH_PATH,
    accepted: forms.healthPath
  });
  const healthCheck = read.boolean("health-check");
  const statusText = read.string("health-expect-status", { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status)
    throw new ConfigurationError(messages.invalidInput("health-expect-status", STATUS_FORM, statusText));
  const bodyText = read.string("health-expect-body");
  const body = bodyText === void 0 ? void 0 : parseBodyExpectation(bodyText);
  if (bodyText !== void 0 && !body)
    throw new ConfigurationError(
      messages.invalidInput("health-expect-body", "a substring, or a valid /regex/flags", bodyText)
    );
  const health = {
    enabled: healthCheck,
    path: healthPath,
    url: read.url("health-url"),
    intervalMs: read.requiredDuration("health-interval", { minMs: 100, maxMs: 6e5 }),
    timeoutMs: read.requiredDuration("health-timeout", { minMs: 1e3, maxMs: 36e5 }),
    successThreshold: read.int("health-success-threshold", { min: 1, max: 100, required: true }),
    expect: {
      status,
      body,
      version: read.string("health-expect-version", { pattern: VERSION, accepted: forms.version })
    }
  };
  const startCommand = read.string("start-command");
  const restartCommand = read.string("restart-command");
  if (strategy === "blue-green" && !startCommand) {
    throw new ConfigurationError(
      messages.requiredInput(
        "start-command",
        "the command that starts the app on $PORT in the release directory (blue-green)"
      )
    );
  }
  if (healthCheck && strategy === "in-place" && ports.length === 0) {
    throw new ConfigurationError(
      messages.requiredInput(
        "ports",
        "the app's port, to gate the release on health-path (or set 'health-check: false')"
      )
    );
  }
  const sharedPaths = read.list("shared-paths");
  for (const p of sharedPaths) {
    if (!isSafePath(p, false))
      throw new ConfigurationError(messages.invalidInput("shared-paths", forms.sharedPaths, p));
  }
  return {
    ...ssh,
    mode,
    app,
    version,
    "deploy-path": deployPath,
    env: envPairs,
    "keep-releases": read.int("keep-releases", { min: 1, max: 100, required: true }),
    strategy,
    ports,
    proxy,
    drain: read.requiredDuration("drain", { maxMs: 6e5 }),
    health,
    soak: read.requiredDuration("soak", { maxMs: 6 * 36e5 }),
    "rollback-on-failure": read.boolean("rollback-on-failure"),
    "lock-timeout": read.requiredDuration("lock-timeout", { maxMs: 6 * 36e5 }),
    "break-stale-lock-after": read.duration("break-stale-lock-after", { minMs: 6e4 }),
    "proxy-test-command": read.string("proxy-test-command", {
      required: true,
      accepted: "a command that validates the proxy configuration"
    }),
    "proxy-reload-command": read.string("proxy-reload-command", {
      required: true,
      accepted: "a command that reloads the proxy"
    }),
    source: read.string("source", { required: true, accepted: "a directory or tarball to upload" }),
    exclude: read.list("exclude"),
    "shared-paths": sharedPaths,
    "build-command": read.string("build-command"),
    "start-command": startCommand,
    "stop-command": read.string("stop-command"),
    "restart-command": restartCommand,
    "allow-untrusted-event": read.boolean("allow-untrusted-event")
  };
}

// actions/deploy-ssh/main.ts
function releaseConfig(inputs, env) {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const source = isAbsolute(inputs.source) ? inputs.source : resolve(workspace, inputs.source);
  if (!existsSync(source))
    throw new ConfigurationError(
      messages.invalidInput("source", "an existing directory or tarball", inputs.source)
    );
  const caddy = inputs.proxy === "caddy";
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    app: inputs.app,
    version: inputs.version,
    deployPath: inputs["deploy-path"],
    env: inputs.env,
    keepReleases: inputs["keep-releases"],
    strategy: inputs.strategy,
    ports: inputs.ports,
    proxy: inputs.proxy,
    drainMs: inputs.drain,
    health: inputs.health,
    soakMs: inputs.soak,
    rollbackOnFailure: inputs["rollback-on-failure"],
    lockTimeoutMs: inputs["lock-timeout"],
    breakStaleLockAfterMs: inputs["break-stale-lock-after"],
    // The defaults are nginx's; with Caddy and untouched defaults, use Caddy's equivalents.
    proxyTestCommand: caddy && inputs["proxy-test-command"] === "nginx -t" ? "caddy validate --config /etc/caddy/Caddyfile" : inputs["proxy-test-command"],
    proxyReloadCommand: caddy && inputs["proxy-reload-command"] === "nginx -s reload" ? "caddy reload --config /etc/caddy/Caddyfile" : inputs["proxy-reload-command"],
    source,
    exclude: inputs.exclude,
    sharedPaths: inputs["shared-paths"],
    buildCommand: inputs["build-command"],
    startCommand: inputs["start-command"],
    stopCommand: inputs["stop-command"],
    restartCommand: inputs["restart-command"],
    commandTimeoutMs: inputs["command-timeout"],
    maxParallel: inputs["max-parallel"],
    failFast: inputs["fail-fast"],
    run: {
      runId: env.GITHUB_RUN_ID ?? `local-${process.pid}`,
      actor: env.GITHUB_ACTOR ?? env.USER ?? "unknown",
      sha: env.GITHUB_SHA ?? "",
      runUrl: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : ""
    }
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
function buildSummary(inputs, result) {
  const icon = result.ok ? "\u2705" : result.rolledBack ? "\u21A9\uFE0F" : "\u274C";
  const summary = new Summary().heading(
    `deploy-ssh ${inputs.app} ${inputs.version}: ${icon} ${result.ok ? "deployed" : result.rolledBack ? "rolled back" : "failed"}`
  );
  summary.table(
    ["host", "status", "version", "previous", "slot", "duration", "error"],
    result.hosts.map((h) => [
      h.host,
      h.status,
      h.version,
      h.previous ?? "",
      h.slot ?? "",
      `${(h.durationMs / 1e3).toFixed(1)}s`,
      h.error ?? ""
    ])
  );
  if (result.hosts.some((h) => h.phases.length > 0)) summary.mermaid(timeline(result.hosts));
  return summary;
}
async function run(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  const config = releaseConfig(inputs, deps.env);
  const connectTo = await sshConnector(inputs, deps);
  logger.info(
    `Deploying ${inputs.app} ${inputs.version} to ${inputs.hosts.length} host(s), ${config.strategy}${config.proxy !== "none" ? ` behind ${config.proxy}` : ""}`
  );
  const result = await deployRelease(config, inputs.hosts, {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: connectTo,
    probe: deps.probe
  });
  const first = result.hosts[0];
  deps.setOutput("version", inputs.version);
  deps.setOutput("previous-version", first?.previous ?? "");
  deps.setOutput("release-path", `${config.deployPath}/releases/${inputs.version}`);
  deps.setOutput("slot", first?.slot ?? "");
  deps.setOutput("rolled-back", result.rolledBack);
  deps.setOutput(
    "hosts",
    JSON.stringify(
      result.hosts.map((h) => ({
        host: h.host,
        status: h.status,
        version: h.version,
        previous: h.previous ?? null,
        slot: h.slot ?? null,
        durationMs: h.durationMs,
        error: h.error ?? null,
        // Milliseconds per phase, so a slow deploy shows where its time went.
        phases: Object.fromEntries(h.phases.map((p) => [p.name, p.endMs - p.startMs]))
      }))
    )
  );
  deps.setOutput("duration-ms", result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (!result.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.version} failed: ${result.error ?? "unknown error"}` + (result.rolledBack ? "; every host serves its previous version" : "")
    );
  }
  logger.info(`Deployed ${inputs.version} in ${(result.durationMs / 1e3).toFixed(1)}s`);
  return result;
}
var deploySsh = {
  name: "deploy-ssh",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe });
  }
};

// actions/deploy-ssh/index.ts
await runAction(deploySsh);
//# sourceMappingURL=index.js.map
