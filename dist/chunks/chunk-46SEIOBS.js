import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  eachLimited
} from "./chunk-KWED25CX.js";
import {
  createGzip
} from "./chunk-7XI47VG2.js";
import {
  pipeline
} from "./chunk-ET4UPRW3.js";
import {
  tmpdir
} from "./chunk-PO4T6QVY.js";
import {
  localExec
} from "./chunk-7HPFKMMW.js";
import {
  spawn
} from "./chunk-46KUD6QG.js";
import {
  APPEND_FILE,
  CANCELLED_STEP_MS,
  COMPOSE_IN_PLACE,
  COMPOSE_PLACE,
  COMPOSE_SLOT_REMOVE,
  COMPOSE_UP,
  CONTAINER_ONCE,
  CONTAINER_RELEASE_DIR,
  CONTAINER_RUN,
  CONTAINER_STOP,
  CONTAINER_WATCH,
  DeployLock,
  IMAGE_ID,
  IMAGE_LOAD,
  IMAGE_PULL,
  IMAGE_REMOVE,
  IMAGE_TAG,
  INSPECT,
  IN_PLACE_HASH_FILE,
  LINK_SHARED,
  MAKE_DIR,
  PREPARE,
  PREPARE_UPLOAD,
  PhaseRecorder,
  RECEIVE_EXTRACT,
  REMOVE_PATH,
  REMOVE_RELEASES,
  RUN_USER_COMMAND,
  RemoteHost,
  SLOTS_FILE,
  SLOT_CHECK,
  SLOT_GUARD,
  SLOT_WATCH,
  START_SUPERVISED,
  STOP_SUPERVISED,
  SUPERVISE_EXIT,
  SWITCH_CURRENT,
  SWITCH_UPSTREAM,
  VERIFY_AND_PLACE,
  WRITE_FILE,
  WRITE_PRIVATE_FILE,
  slotService,
  stderrTail
} from "./chunk-BA7FOPEO.js";
import {
  registryOf
} from "./chunk-DDO7YCBF.js";
import {
  PassThrough
} from "./chunk-QAPLTP4I.js";
import {
  request
} from "./chunk-XBAXORWF.js";
import {
  runGate
} from "./chunk-TCGQHLN7.js";
import {
  formatTarget
} from "./chunk-HK3VMSLK.js";
import {
  scriptArgv
} from "./chunk-V3BPVXA7.js";
import {
  createHash,
  randomBytes
} from "./chunk-4FENUKYM.js";
import {
  caddyEndpoint,
  forms
} from "./chunk-LKV7BFOS.js";
import {
  gateOptions
} from "./chunk-L7I5A2WB.js";
import {
  join
} from "./chunk-7BJK7U2H.js";
import {
  closeSync,
  constants,
  createReadStream,
  createWriteStream,
  fstatSync,
  mkdtempSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  statSync
} from "./chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  CancelledError,
  ConfigurationError,
  errorMessage
} from "./chunk-4YTAKGCH.js";
import {
  __require
} from "./chunk-KVN67TDL.js";

// packages/release/src/layout.ts
var layout = {
  releaseDir: (deployPath, version) => `${deployPath}/releases/${version}`,
  /** Marks a release complete; rollback reads it. */
  manifestFile: (deployPath, version) => `${deployPath}/.deploy-kit/releases/${version}.json`,
  /** The release's files as placed (incremental.ts): what the next upload may link. */
  filesManifest: (deployPath, version) => `${deployPath}/.deploy-kit/releases/${version}.files`,
  envFile: (deployPath, version) => `${deployPath}/.deploy-kit/env/${version}.env`,
  containerEnvFile: (deployPath, version) => `${deployPath}/.deploy-kit/env/${version}.cenv`
};

// packages/release/src/modes/context.ts
var HostContext = class {
  constructor(host, settings, deps, recorder) {
    this.host = host;
    this.settings = settings;
    this.deps = deps;
    this.recorder = recorder;
  }
  host;
  settings;
  deps;
  recorder;
  get logger() {
    return this.deps.logger;
  }
  get label() {
    return this.host.label;
  }
  get app() {
    return this.settings.app;
  }
  /** Seconds between TERM and KILL when a slot stops (stop-timeout, rounded up: the host's tools take whole seconds). */
  get stopGraceS() {
    return String(Math.ceil(this.settings.stopTimeoutMs / 1e3));
  }
  path(...parts) {
    return [this.settings.deployPath, ...parts].join("/");
  }
  releaseDir(version) {
    return layout.releaseDir(this.settings.deployPath, version);
  }
  envFile(version) {
    return layout.envFile(this.settings.deployPath, version);
  }
  containerEnvFile(version) {
    return layout.containerEnvFile(this.settings.deployPath, version);
  }
  manifestFile(version) {
    return layout.manifestFile(this.settings.deployPath, version);
  }
  pidFile(slot) {
    return this.path(".deploy-kit", "run", `${slot}.pid`);
  }
  logFile(slot) {
    return this.path("shared", "log", `${this.app}-${slot}.log`);
  }
  phase(name, body) {
    return this.recorder.run(name, body);
  }
  /** A user command (build, restart, a hook) in `dir`, with `version`'s env file, under `sh -e`. */
  async userCommand(name, command, dir, version, port) {
    this.logger.info(`${this.label}: ${name}: ${command}`);
    await this.host.must(
      name,
      RUN_USER_COMMAND,
      [dir, this.envFile(version), command, port === void 0 ? "" : String(port)],
      { echo: true }
    );
  }
  /**
   * The deploy's health options as a gate of `release` (the run's own by default) on one URL;
   * `overrides` for the slot gate or the soak.
   */
  runHealthGate(url, overrides, stop, release = this.settings.version) {
    const { health } = this.settings;
    const expect = { ...health.expect, version: this.expectedVersion(release) };
    return runGate(
      { ...gateOptions({ ...health, expect }, url), ...overrides },
      {
        probe: this.deps.probe,
        clock: this.deps.clock,
        signal: stop ? AbortSignal.any([this.deps.signal, stop]) : this.deps.signal
      }
    );
  }
  /**
   * What the gate of `release` expects it to report. health-expect-version names what this run
   * puts live; a release restarted on the way back carries its own version when that expectation
   * was this run's version, and is not asked for one otherwise (nothing says what it reports).
   */
  expectedVersion(release) {
    const { version, health } = this.settings;
    const expected = health.expect.version;
    if (expected === void 0 || release === version) return expected;
    return expected === version ? release : void 0;
  }
  /** Health of `release` on a port of the host, probed through the SSH connection; `stop` cuts it short. */
  async gatePort(port, label, release, stop) {
    const { health } = this.settings;
    if (!health.enabled) return void 0;
    const url = new URL(`http://127.0.0.1:${port}${health.path}`);
    const result = await this.runHealthGate(
      url,
      { connect: (h, p) => this.host.conn.forward(h, p) },
      stop,
      release
    );
    const [target] = result.targets;
    if (!result.healthy) {
      if (target?.last?.body) this.logger.untrusted(target.last.body.slice(0, 500));
      throw new ActionFailedError(
        `${this.label}: ${label} failed its health check on ${url.href}: ${result.outcome}${target?.lastReason ? ` (${target.lastReason})` : ""} after ${result.attempts} attempts`
      );
    }
    this.logger.info(
      `${this.label}: ${label} healthy after ${result.attempts} attempts (${result.elapsedMs}ms)`
    );
    return result;
  }
  /**
   * Runs the health gate on `port` beside `watch`, a remote loop that ends with exit 3 (and the end
   * of a log) when what was just started stops: the gate is cut short then, not left to its deadline.
   * Returns that report, if it came.
   */
  async gateBeside(port, label, release, watch) {
    const watchDone = new AbortController();
    const gateStop = new AbortController();
    let exited;
    const watching = watch(AbortSignal.any([this.deps.signal, watchDone.signal])).then((result) => {
      if (result.code !== SUPERVISE_EXIT.exited) return;
      exited = result.stdout;
      gateStop.abort();
    }).catch(() => void 0);
    try {
      if (port !== void 0) await this.gatePort(port, label, release, gateStop.signal);
    } catch (error) {
      if (exited === void 0) throw error;
    } finally {
      watchDone.abort();
      await watching;
    }
    return exited;
  }
  /** What the start and stop scripts found on the slot's port and stopped (an earlier run's survivor). */
  reportLeftovers(slot, stdout) {
    const notes = stdout.split("\n").filter((line) => line.startsWith("port ") || line.startsWith("warning: "));
    if (notes.length === 0) return;
    this.logger.untrusted(notes.join("\n"));
    this.logger.warning(`${this.label}: the ${slot} slot's port was not free (see above)`);
  }
  /**
   * A start script that failed (logged, fenced): its port held by something it did not start (left
   * alone), or its own failure.
   */
  startError(result, step, what) {
    this.logger.untrusted(result.stderr.trim());
    return new ActionFailedError(
      result.code === SUPERVISE_EXIT.portBusy ? `${this.label}: cannot start ${what}: ${stderrTail(result.stderr)}; nothing was switched and that process was left alone` : `${this.label}: ${step} failed (exit ${result.code ?? result.signal ?? "?"}): ${stderrTail(result.stderr)}`
    );
  }
  /** The error for a started process or container that exited, with the end of its log. */
  exitedError(label, report, when, what, hint = "") {
    this.logger.untrusted(report.trim());
    const tail = report.split("\n").filter((line) => line.startsWith("  | ")).slice(-5).map((line) => line.slice(4)).join(" \u23CE ");
    return new ActionFailedError(
      `${this.label}: ${label}: the ${what} exited ${when}${tail ? ` (log: ${tail})` : ""}.${hint ? ` ${hint}` : ""}`
    );
  }
};

// packages/release/src/phases.ts
var optional = (name, on) => on ? [name] : [];
var watches = (config) => config.soakMs > 0 || config.health.url !== void 0;
function blueGreenPhases(config) {
  return [
    "start",
    "gate",
    "switch",
    ...optional("post-switch", Boolean(config.hooks.postSwitch)),
    "drain",
    "stop-old",
    ...optional("soak", watches(config))
  ];
}
function inPlacePhases(config) {
  return [
    "switch",
    "restart",
    "gate",
    ...optional("post-switch", Boolean(config.hooks.postSwitch)),
    ...optional("soak", watches(config))
  ];
}

// packages/release/src/proxies/switch.ts
var DRAIN_POLL_MS = 50;
async function drainUntilIdle(ctx, old, maxMs, what, count) {
  const { clock, signal } = ctx.deps;
  const deadline = clock.now() + maxMs;
  let left = await count();
  while (left > 0 && clock.now() < deadline) {
    await clock.sleep(Math.min(DRAIN_POLL_MS, deadline - clock.now()), signal);
    left = await count();
  }
  if (left > 0)
    ctx.logger.warning(
      `${ctx.label}: the old ${old.slot} slot still had ${left} ${what} after drain (${maxMs} ms)`
    );
}
function switched(ctx, slot, started, how) {
  ctx.logger.info(
    `${ctx.label}: traffic switched to ${slot} in ${ctx.deps.clock.now() - started} ms (${how})`
  );
}

// packages/release/src/proxies/upstream-file.ts
function upstreamConfig(proxy, app, port) {
  if (proxy === "caddy") return `(${app}) {
	reverse_proxy 127.0.0.1:${port}
}
`;
  return `upstream ${app} { server 127.0.0.1:${port}; }
`;
}
var UpstreamFile = class {
  constructor(ctx, config) {
    this.ctx = ctx;
    this.config = config;
  }
  ctx;
  config;
  /** nginx's `-v` answer, asked in check() and read after the switch: no wait on the way. */
  nginxVersion;
  async check() {
    if (this.config.proxy === "nginx")
      this.nginxVersion = this.ctx.host.conn.exec([nginxBinary(this.config.proxyTestCommand), "-v"]).then((r) => `${r.stderr}${r.stdout}`).catch(() => "");
  }
  /**
   * nginx before 1.27.4 resets idle keep-alive clients at every reload (bench/results/zero-downtime.md);
   * from 1.27.4, `keepalive_min_timeout` makes it answer them with `Connection: close` instead.
   * Where that nginx runs, say so once per deploy.
   */
  async adviseKeepaliveMinTimeout() {
    const answer = this.nginxVersion;
    this.nginxVersion = void 0;
    const version = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(await answer ?? "");
    if (!version) return;
    const [major, minor, patch] = version.slice(1).map(Number);
    if (major * 1e6 + minor * 1e3 + patch >= 1027004)
      this.ctx.logger.info(
        `${this.ctx.label}: nginx ${major}.${minor}.${patch} supports keepalive_min_timeout: set it (e.g. 'keepalive_min_timeout 1s;' in the http block) and a reload answers idle keep-alive clients with Connection: close instead of resetting them`
      );
  }
  async switchTo(slot, port) {
    const { ctx, config } = this;
    const started = ctx.deps.clock.now();
    const result = await ctx.host.script("switch-upstream", SWITCH_UPSTREAM, [
      ctx.path(".deploy-kit", "upstream.conf"),
      upstreamConfig(config.proxy, config.app, port),
      config.proxyTestCommand,
      config.proxyReloadCommand
    ]);
    if (result.code === 5 || result.code === 6) {
      ctx.logger.untrusted(result.stderr.trim());
      const what = result.code === 5 ? `proxy configuration test ('${config.proxyTestCommand}')` : `proxy reload ('${config.proxyReloadCommand}')`;
      throw new ActionFailedError(
        `${ctx.label}: ${what} failed; the previous upstream was restored${sudoAdvice(result.stderr, ctx.label, config)}`
      );
    }
    if (result.code !== 0)
      throw new ActionFailedError(
        `${ctx.label}: switching the upstream failed (exit ${result.code ?? "?"}): ${result.stderr.trim()}`
      );
    switched(ctx, slot, started, `${config.proxy}: upstream file, test, reload`);
    await this.adviseKeepaliveMinTimeout();
  }
  drain(_old, maxMs) {
    return this.ctx.deps.clock.sleep(maxMs, this.ctx.deps.signal);
  }
};
function nginxBinary(testCommand) {
  const words = testCommand.split(/\s+/).filter((w) => w !== "sudo" && w !== "-n");
  const [first = ""] = words;
  return /^(?:\/[\w.-]+)*\/?nginx$/.test(first) ? first : "nginx";
}
var SUDO_REFUSED = /sudo: (?:a password is required|a terminal is required|.*not allowed to execute|.*not in the sudoers)/;
function sudoAdvice(stderr, label, config) {
  if (!SUDO_REFUSED.test(stderr)) return "";
  const user = label.split("@")[0] ?? "deploy";
  const unsudo = (command) => command.replace(/^(?:\S*\/)?sudo\s+(?:-n\s+)?/, "");
  const absolute = (command) => command.replace(/^nginx\b/, "/usr/sbin/nginx");
  const commands = [config.proxyTestCommand, config.proxyReloadCommand].map((c) => absolute(unsudo(c)));
  return `. sudo refused to run it without a password: let ${user} run exactly these, e.g. echo '${user} ALL=(root) NOPASSWD: ${commands.join(", ")}' > /etc/sudoers.d/deploy-kit-${config.proxy}`;
}

// packages/release/src/proxies/caddy.ts
function proxiesToSlots(node, ports, at = []) {
  if (Array.isArray(node)) return node.flatMap((child, i) => proxiesToSlots(child, ports, [...at, i]));
  if (typeof node !== "object" || node === null) return [];
  const record = node;
  const { upstreams } = record;
  if (record.handler === "reverse_proxy" && Array.isArray(upstreams) && upstreams.length > 0) {
    const local = upstreams.every((u) => {
      const dial = typeof u === "object" && u !== null ? u.dial : void 0;
      const match = typeof dial === "string" ? /^(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)$/.exec(dial) : null;
      return match !== null && ports.includes(Number(match[1]));
    });
    if (local) return [at];
  }
  return Object.entries(record).flatMap(([key, child]) => proxiesToSlots(child, ports, [...at, key]));
}
var CaddyAdmin = class {
  constructor(ctx, endpoint, address) {
    this.ctx = ctx;
    this.endpoint = endpoint;
    this.address = address;
  }
  ctx;
  endpoint;
  address;
  open() {
    const { conn } = this.ctx.host;
    const { endpoint } = this;
    return endpoint.kind === "unix" ? conn.forwardSocket(endpoint.path) : conn.forward(endpoint.host, endpoint.port);
  }
  /** The running config and its ETag; on `stream` when the caller has just opened one. */
  async readConfig(stream) {
    const answer = await this.call("GET", "/config/", { stream });
    if (answer.status !== 200) throw this.refused("GET /config/", answer);
    return { config: JSON.parse(answer.body), etag: answer.etag };
  }
  /** Requests Caddy has in flight to a slot port (0 once Caddy no longer knows that upstream). */
  async inFlight(port) {
    const answer = await this.call("GET", "/reverse_proxy/upstreams");
    if (answer.status !== 200) throw this.refused("GET /reverse_proxy/upstreams", answer);
    const upstreams = JSON.parse(answer.body);
    return upstreams.filter((u) => u.address === `127.0.0.1:${port}` || u.address === `localhost:${port}`).reduce((sum, u) => sum + (u.num_requests ?? 0), 0);
  }
  refused(what, answer) {
    return new ActionFailedError(
      `${this.ctx.label}: Caddy's admin API at ${this.address} refused ${what} (HTTP ${answer.status}): ${answer.body.trim().slice(0, 300)}`
    );
  }
  /**
   * One HTTP/1.1 request on a fresh stream (or `stream`). Caddy allows only its own endpoint as the
   * Host (a guard against DNS rebinding): the address itself, or, on a Unix socket, an empty Host.
   */
  async call(method, path, options = {}) {
    const stream = options.stream ?? await this.open();
    const { body, ifMatch } = options;
    const host = this.endpoint.kind === "unix" ? "" : this.endpoint.address;
    return new Promise((resolve, reject) => {
      const headers = { host, connection: "close" };
      if (body !== void 0) headers["content-type"] = "application/json";
      if (ifMatch !== void 0) headers["if-match"] = ifMatch;
      const req = request(
        { method, path, headers, setHost: false, createConnection: () => stream },
        (res) => {
          const chunks = [];
          res.on("data", (chunk2) => chunks.push(chunk2));
          res.on("error", reject);
          res.on(
            "end",
            () => resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              etag: res.headers.etag ?? res.trailers.etag
            })
          );
        }
      );
      req.on("error", reject);
      req.end(body);
    });
  }
};
var CaddySwitch = class {
  constructor(ctx, config, endpoint) {
    this.ctx = ctx;
    this.config = config;
    this.endpoint = endpoint;
  }
  ctx;
  config;
  endpoint;
  route;
  check() {
    return this.via().then(() => void 0);
  }
  /** The admin API when it answers (and proxies the app), else the Caddyfile snippet. */
  via() {
    this.route ??= this.choose();
    return this.route;
  }
  async choose() {
    const { ctx, config, endpoint } = this;
    const file = () => new UpstreamFile(ctx, { ...config, proxy: "caddy" });
    if (endpoint.kind === "off") return file();
    const admin = new CaddyAdmin(ctx, endpoint, config.caddyAdmin);
    let stream;
    try {
      stream = await admin.open();
    } catch (error) {
      ctx.logger.info(
        `${ctx.label}: Caddy's admin API at ${config.caddyAdmin} does not answer (${error.message}); switching through the Caddyfile snippet and '${config.proxyReloadCommand}'`
      );
      return file();
    }
    const { config: running } = await admin.readConfig(stream);
    if (proxiesToSlots(running, config.ports).length === 0)
      throw new ActionFailedError(
        `${ctx.label}: Caddy's running config has no reverse_proxy to the app's ports (${config.ports.map((p) => `127.0.0.1:${p}`).join(" or ")}); import the upstream snippet in the site (see the README's Caddy section)`
      );
    return admin;
  }
  async switchTo(slot, port) {
    const admin = await this.via();
    if (admin instanceof UpstreamFile) return admin.switchTo(slot, port);
    const started = this.ctx.deps.clock.now();
    for (let attempt = 1; ; attempt += 1) {
      const { config, etag } = await admin.readConfig();
      for (const path of proxiesToSlots(config, this.config.ports)) pointAt(config, path, port);
      const answer = await admin.call("PATCH", "/config/", { body: JSON.stringify(config), ifMatch: etag });
      if (answer.status === 200) break;
      if (answer.status !== 412 || attempt === 3)
        throw new ActionFailedError(
          `${this.ctx.label}: Caddy refused the switch to port ${port} (HTTP ${answer.status}): ${answer.body.trim()}; its running config is unchanged`
        );
    }
    switched(this.ctx, slot, started, "caddy admin API");
    await this.ctx.host.must("caddy-snippet", WRITE_FILE, [this.ctx.path(".deploy-kit", "upstream.conf")], {
      stdin: upstreamConfig("caddy", this.config.app, port)
    });
  }
  async drain(old, maxMs) {
    const admin = await this.via();
    if (admin instanceof UpstreamFile) return admin.drain(old, maxMs);
    await drainUntilIdle(this.ctx, old, maxMs, "request(s) in flight", () => admin.inFlight(old.port));
  }
};
function pointAt(config, path, port) {
  let node = config;
  for (const key of path) node = node[key];
  const [first] = node.upstreams;
  node.upstreams = [{ ...first, dial: `127.0.0.1:${port}` }];
}

// packages/release/src/proxies/haproxy.ts
var HaproxyRuntime = class {
  constructor(ctx, app, socket) {
    this.ctx = ctx;
    this.app = app;
    this.socket = socket;
  }
  ctx;
  app;
  socket;
  /** One runtime-API command; HAProxy answers and closes (non-interactive mode). */
  async command(line) {
    let stream;
    try {
      stream = await this.ctx.host.conn.forwardSocket(this.socket);
    } catch (error) {
      throw new ActionFailedError(
        `${this.ctx.label}: cannot reach HAProxy's runtime API at ${this.socket}: missing, or the SSH user may not open it (see the README: 'stats socket \u2026 mode 660 level admin' and the user in its group)`,
        { cause: error }
      );
    }
    return new Promise((resolve, reject) => {
      let answer = "";
      stream.on("data", (chunk2) => answer += chunk2.toString("utf8"));
      stream.on("error", reject);
      stream.on("close", () => resolve(answer));
      stream.end(`${line}
`);
    });
  }
  fail(what, answer) {
    return new ActionFailedError(
      `${this.ctx.label}: HAProxy refused ${what}: ${answer.trim() || "(no answer)"}`
    );
  }
  /** `set server …`: HAProxy answers nothing, or a line that is not an error, on success. */
  async set(server, what) {
    const answer = await this.command(`set server ${this.app}/${server} ${what}`);
    if (/no such|can't find|not found|unknown|require|invalid|denied|error/i.test(answer))
      throw this.fail(`'set server ${this.app}/${server} ${what}'`, answer);
  }
  async check() {
    const answer = await this.command(`show servers state ${this.app}`);
    if (/can't find backend/i.test(answer))
      throw new ActionFailedError(
        `${this.ctx.label}: HAProxy has no backend '${this.app}' (the backend is named after 'app'; see the README's snippet)`
      );
    const servers = new Set(
      answer.split("\n").filter((line) => /^\d/.test(line)).map((line) => line.split(" ")[3])
    );
    const missing = ["blue", "green"].filter((name) => !servers.has(name));
    if (missing.length > 0)
      throw new ActionFailedError(
        `${this.ctx.label}: HAProxy's backend '${this.app}' has no server ${missing.join(" or ")} (it needs servers blue and green; see the README's snippet)`
      );
  }
  async switchTo(slot, port) {
    const old = slot === "blue" ? "green" : "blue";
    const started = this.ctx.deps.clock.now();
    await this.set(slot, `addr 127.0.0.1 port ${port}`);
    await this.set(slot, "state ready");
    switched(this.ctx, slot, started, "haproxy runtime API");
    await this.set(old, "state drain");
    await this.saveState();
  }
  async drain(old, maxMs) {
    await drainUntilIdle(this.ctx, old, maxMs, "session(s)", () => this.sessions(old.slot));
    await this.set(old.slot, "state maint");
    await this.saveState();
  }
  /** The server's current sessions (`scur` in `show stat`). */
  async sessions(server) {
    const answer = await this.command(`show stat ${this.app} 4 -1`);
    const [header = "", ...rows] = answer.split("\n");
    const columns = header.replace(/^# /, "").split(",");
    const scur = columns.indexOf("scur");
    const row = rows.map((r) => r.split(",")).find((r) => r[0] === this.app && r[1] === server);
    const value = row?.[scur];
    if (scur < 0 || value === void 0) throw this.fail(`'show stat' for ${this.app}/${server}`, answer);
    return Number(value);
  }
  /** The servers' state as HAProxy would reload it (`load-server-state-from-file`). */
  async saveState() {
    const state = await this.command(`show servers state ${this.app}`);
    await this.ctx.host.must("haproxy-state", WRITE_FILE, [this.ctx.path(".deploy-kit", "haproxy.state")], {
      stdin: state
    });
  }
};

// packages/release/src/proxies/index.ts
function proxySwitch(ctx, config) {
  const { proxy } = config;
  if (proxy === "haproxy") return new HaproxyRuntime(ctx, config.app, config.haproxySocket);
  if (proxy === "caddy") {
    const endpoint = caddyEndpoint(config.caddyAdmin);
    if (!endpoint)
      throw new ActionFailedError(
        `${ctx.label}: caddy-admin '${config.caddyAdmin}' is not ${forms.caddyAdmin}`
      );
    return new CaddySwitch(ctx, config, endpoint);
  }
  if (proxy === "none") throw new ActionFailedError(`${ctx.label}: blue-green needs a proxy to switch`);
  return new UpstreamFile(ctx, { ...config, proxy });
}

// packages/release/src/compose.ts
var BARE = /^[A-Za-z0-9_./:@%+=,-]*$/;
function composeEnvValueProblem(value) {
  if (/[\r\n\0]/.test(value)) return "a line break";
  if (!BARE.test(value) && value.includes("'"))
    return "a single quote together with other special characters";
  if (value.endsWith("\\")) return "a backslash at its end";
  if (value.includes("\\\\")) return "two backslashes in a row";
  if (value.includes("${")) return "a '${' (compose would expand it as a variable)";
  return void 0;
}
function composeEnvValue(value) {
  return BARE.test(value) ? value : `'${value}'`;
}
function composeEnvPairs(image, version, env) {
  return [["VERSION", version], ...image ? [["IMAGE", image]] : [], ...env];
}
function renderComposeEnvFile(compose, version, env) {
  return composeEnvPairs(compose.image, version, env).map(([key, value]) => `${key}=${composeEnvValue(value)}
`).join("");
}
var COMPOSE_RESERVED_KEYS = ["VERSION", "IMAGE"];

// packages/release/src/modes/compose.ts
var ComposeMode = class {
  constructor(ctx, run) {
    this.ctx = ctx;
    this.run = run;
  }
  ctx;
  run;
  restarts = true;
  recorded() {
    return { mode: "compose", compose: this.run };
  }
  history() {
    return { image: this.run.image, composeSha256: this.run.sha256 };
  }
  async pruned() {
  }
  /** In its release directory, where compose.yaml and .env are (`docker compose -p <app> run --rm …` works). */
  hook(name, command, version) {
    return this.ctx.userCommand(name, command, this.ctx.releaseDir(version), version);
  }
  /** In-place services to `version`'s definition if it changed, then the slot's services beside the old. */
  async startSlot(slot, _port, version) {
    const plan = this.blueGreen();
    await this.inPlace(this.ctx.releaseDir(version), plan.inPlace);
    await this.compose("slot", version, SLOTS_FILE, void 0, this.slotServices(slot));
  }
  /**
   * Removes the slot's containers (after the drain, or a failed gate), then puts the in-place services
   * back to what the live release defines: a deploy that failed before or after its switch leaves
   * the database as the release serving traffic expects it.
   */
  async stopSlot(slot) {
    const plan = this.blueGreen();
    const { ctx, run } = this;
    await ctx.host.must("compose-remove", COMPOSE_SLOT_REMOVE, [
      run.engine,
      ctx.app,
      ctx.stopGraceS,
      ...this.slotServices(slot)
    ]);
    await this.inPlace(ctx.path("current"), plan.inPlace);
  }
  guard() {
    return void 0;
  }
  restart(_port, version) {
    return this.compose("recreate", version, "compose.yaml", void 0, this.run.services);
  }
  gates(port) {
    return port !== void 0;
  }
  async gate(_slot, port, label, version) {
    if (port !== void 0) await this.ctx.gatePort(port, label, version);
  }
  /** Pulls every image `version`'s release names (with the registry login), before anything stops. */
  pull(version, login) {
    const file = this.run.blueGreen ? SLOTS_FILE : "compose.yaml";
    return this.compose("pull", version, file, login, this.run.blueGreen ? [] : this.run.services);
  }
  async compose(step, version, file, login, services) {
    const { ctx, run } = this;
    const credentials = login?.username ? login : void 0;
    await ctx.host.must(
      `compose-${step}`,
      COMPOSE_UP,
      [
        run.engine,
        ctx.releaseDir(version),
        ctx.app,
        file,
        step,
        credentials?.registry ?? "",
        credentials?.username ?? "",
        ...services
      ],
      { stdin: credentials?.password ?? "", echo: true }
    );
  }
  async inPlace(dir, services) {
    const { ctx, run } = this;
    await ctx.host.must(
      "compose-in-place",
      COMPOSE_IN_PLACE,
      [run.engine, dir, ctx.app, ctx.path(".deploy-kit", "compose-in-place.sha256"), ...services],
      { echo: true }
    );
  }
  slotServices(slot) {
    return this.blueGreen().services.map((service) => slotService(service, slot));
  }
  blueGreen() {
    if (!this.run.blueGreen)
      throw new ConfigurationError("this compose release deploys in place: it has no blue-green slots");
    return this.run.blueGreen;
  }
};
function composeMode(ctx, config) {
  const { compose } = config;
  const { rollout } = compose;
  const driver = new ComposeMode(ctx, {
    engine: compose.engine,
    services: compose.services,
    sha256: compose.sha256,
    image: compose.image,
    ...rollout.strategy === "blue-green" && {
      blueGreen: { services: rollout.services, inPlace: rollout.inPlace }
    }
  });
  const install = async () => {
    const { host } = ctx;
    await ctx.phase("upload", async () => {
      await host.must("prepare", PREPARE, [config.deployPath]);
      const staging = ctx.path("releases", `.incoming-${randomBytes(6).toString("hex")}`);
      await host.must("staging", MAKE_DIR, [staging]);
      await host.must("write-compose", WRITE_FILE, [`${staging}/compose.yaml`], { stdin: compose.content });
      if (rollout.strategy === "blue-green") {
        await host.must("write-compose", WRITE_FILE, [`${staging}/${SLOTS_FILE}`], { stdin: rollout.file });
        await host.must("write-compose", WRITE_FILE, [`${staging}/${IN_PLACE_HASH_FILE}`], {
          stdin: `${rollout.inPlaceSha256}
`
        });
      }
      await host.must("write-env", WRITE_PRIVATE_FILE, [`${staging}/.env`], {
        stdin: renderComposeEnvFile(compose, config.version, config.env),
        echo: false
      });
      await host.must("place", COMPOSE_PLACE, [staging, ctx.releaseDir(config.version)]);
    });
    await ctx.phase("pull", () => driver.pull(config.version, compose));
  };
  return { driver, install };
}

// packages/release/src/container.ts
function localImageTag(app, version) {
  return `localhost/deploy-kit/${app}:${version}`;
}
function containerName(app, slot) {
  return `${app}-${slot}`;
}
function normalizeImageId(id) {
  return id.trim().replace(/^sha256:/, "");
}
function renderContainerEnvFile(pairs) {
  return pairs.map(([key, value]) => `${key}=${value}
`).join("");
}
function pullArgs(container, tag) {
  const { engine, image } = container;
  return [engine, image, tag, container.registry ?? registryOf(image), container.username ?? ""];
}
var printedImageId = (stdout) => normalizeImageId(stdout.trim().split("\n").pop() ?? "");
function once(cache, key, start) {
  let pending = cache.get(key);
  if (!pending) {
    pending = start();
    cache.set(key, pending);
  }
  return pending;
}
var runnerImages = /* @__PURE__ */ new Map();
function runnerImage(container, tag) {
  return once(runnerImages, `${container.engine} ${container.image}`, async () => {
    const { engine, image } = container;
    const found = await localExec([engine, "image", "inspect", "--format", "{{.Id}}", image]);
    if (found.code === 0) return { id: normalizeImageId(found.stdout), saveRef: image };
    const pulled = await localExec(["sh", "-c", IMAGE_PULL, "dk-pull", ...pullArgs(container, tag)], {
      stdin: container.password ?? ""
    });
    if (pulled.code !== 0)
      throw new ActionFailedError(
        `image-transfer ssh: the runner has no image ${image}, and pulling it there failed: ${pulled.stderr.trim() || `exit ${pulled.code ?? "?"}`}`
      );
    return { id: printedImageId(pulled.stdout), saveRef: tag };
  });
}
function startSave(engine, ref) {
  const save = spawn(engine, ["save", ref], { stdio: ["ignore", "pipe", "pipe"] });
  let saveError = "";
  save.stderr.on("data", (d) => saveError += d.toString());
  const gzip = createGzip({ level: 1 });
  save.stdout.pipe(gzip);
  const done = new Promise(
    (resolve, reject) => save.on(
      "close",
      (code) => code === 0 ? resolve() : reject(new ActionFailedError(`${engine} save ${ref} failed: ${saveError.trim()}`))
    )
  );
  done.catch(() => void 0);
  return { gzip, done };
}
var sharedSaves = /* @__PURE__ */ new Map();
async function imageArchive(container, local) {
  const file = container.sharedArchive;
  if (file) {
    await once(sharedSaves, file, async () => {
      const save2 = startSave(container.engine, local.saveRef);
      await Promise.all([pipeline(save2.gzip, createWriteStream(file, { mode: 384 })), save2.done]);
    });
    const size = statSync(file).size;
    return { stream: createReadStream(file), done: Promise.resolve(), bytes: () => size };
  }
  const save = startSave(container.engine, local.saveRef);
  let bytes = 0;
  save.gzip.on("data", (chunk2) => bytes += chunk2.length);
  return { stream: save.gzip, done: save.done, bytes: () => bytes };
}
async function ensureImage(host, container, tag, options) {
  const { engine } = container;
  if (container.transfer === "registry") {
    const result = await host.must("pull", IMAGE_PULL, pullArgs(container, tag), {
      stdin: container.password ?? ""
    });
    return { imageId: printedImageId(result.stdout), transferred: true };
  }
  const local = await runnerImage(container, tag);
  const present = await host.script("image-id", IMAGE_ID, [engine, local.id]);
  if (present.code === 0) {
    await host.must("tag", IMAGE_TAG, [engine, local.id, tag]);
    options.logger.info(
      `${host.label}: image ${local.id.slice(0, 12)} is already on the host; nothing to transfer`
    );
    return { imageId: local.id, transferred: false };
  }
  const archive = await imageArchive(container, local);
  const loaded = await host.script("load", IMAGE_LOAD, [engine, tag], {
    stdin: archive.stream,
    timeoutMs: options.timeoutMs
  });
  await archive.done;
  const bytes = archive.bytes();
  if (loaded.code !== 0) {
    options.logger.untrusted(loaded.stderr.trim());
    throw new ActionFailedError(`${host.label}: loading the image failed (exit ${loaded.code ?? "?"})`);
  }
  const imageId = printedImageId(loaded.stdout);
  if (imageId !== local.id)
    throw new ActionFailedError(
      `${host.label}: the loaded image is ${imageId.slice(0, 12)}, expected ${local.id.slice(0, 12)}`
    );
  options.logger.info(
    `${host.label}: transferred image ${local.id.slice(0, 12)} (${(bytes / 1e6).toFixed(1)} MB gzip) over SSH`
  );
  return { imageId, transferred: true };
}

// packages/release/src/envfile.ts
function renderEnvFile(pairs) {
  return pairs.map(([key, value]) => `${key}='${value.replace(/'/g, `'\\''`)}'
`).join("");
}

// packages/release/src/modes/container.ts
var ContainerMode = class {
  constructor(ctx, run) {
    this.ctx = ctx;
    this.run = run;
  }
  ctx;
  run;
  restarts = true;
  recorded() {
    return { mode: "container", container: this.run };
  }
  history() {
    return { image: this.run.image, imageId: this.run.imageId || void 0 };
  }
  async pruned(versions) {
    await this.ctx.host.must("prune-images", IMAGE_REMOVE, [
      this.run.engine,
      ...versions.map((v) => localImageTag(this.ctx.app, v))
    ]);
  }
  /** A hook runs in a throwaway container of `version`'s image, with its env file. */
  async hook(name, command, version) {
    const { ctx, run } = this;
    ctx.logger.info(`${ctx.label}: ${name}: ${command}`);
    await ctx.host.must(
      name,
      CONTAINER_ONCE,
      [
        run.engine,
        ctx.containerEnvFile(version),
        localImageTag(ctx.app, version),
        command,
        run.containerPort === void 0 ? "" : String(run.containerPort),
        ...run.runArgs
      ],
      { echo: true }
    );
  }
  startSlot(slot, port, version) {
    return this.runContainer(slot, port, version);
  }
  async stopSlot(slot) {
    await this.ctx.host.must("stop", CONTAINER_STOP, [
      this.run.engine,
      containerName(this.ctx.app, slot),
      this.ctx.stopGraceS
    ]);
  }
  async restart(port, version) {
    this.ctx.logger.warning(
      `${this.ctx.label}: in-place container deploys stop the old container before the new one listens; use blue-green behind a proxy for zero downtime`
    );
    await this.runContainer("app", port ?? 0, version);
  }
  /** A container slot passes its gate only while its container runs, during the gate and after it. */
  gates(port) {
    return port !== void 0;
  }
  async gate(slot, port, label, version) {
    if (port === void 0) return;
    const { ctx } = this;
    const args = (mode) => [this.run.engine, containerName(ctx.app, slot), mode];
    const exited = await ctx.gateBeside(
      port,
      label,
      version,
      (signal) => ctx.host.script("watch", CONTAINER_WATCH, args("watch"), { timeoutMs: 0, signal })
    );
    if (exited !== void 0) throw ctx.exitedError(label, exited, "during its health gate", "container");
    const check = await ctx.host.script("check", CONTAINER_WATCH, args("once"));
    if (check.code !== 0)
      throw ctx.exitedError(label, check.stdout, "right after its health gate", "container");
  }
  guard() {
    return void 0;
  }
  /** Starts `version` in a container named for the slot (replacing any container of that name). */
  async runContainer(slot, port, version) {
    const { ctx, run } = this;
    const result = await ctx.host.script("run", CONTAINER_RUN, [
      run.engine,
      containerName(ctx.app, slot),
      ctx.containerEnvFile(version),
      String(port),
      run.containerPort === void 0 ? "" : String(run.containerPort),
      localImageTag(ctx.app, version),
      ...run.runArgs
    ]);
    if (result.code !== 0) throw ctx.startError(result, "run", `the ${slot} container`);
  }
};
function containerMode(ctx, config) {
  const { container } = config;
  const run = {
    image: container.image,
    imageId: "",
    engine: container.engine,
    containerPort: container.containerPort,
    runArgs: container.runArgs
  };
  const install = async () => {
    const { host } = ctx;
    const tag = localImageTag(config.app, config.version);
    const image = await ctx.phase(container.transfer === "ssh" ? "transfer" : "pull", async () => {
      await host.must("prepare", PREPARE, [config.deployPath]);
      return ensureImage(host, container, tag, {
        logger: ctx.logger,
        signal: ctx.deps.signal,
        timeoutMs: config.commandTimeoutMs
      });
    });
    run.imageId = image.imageId;
    await host.must("release-dir", CONTAINER_RELEASE_DIR, [
      ctx.releaseDir(config.version),
      `${container.image}
${image.imageId}
`
    ]);
    await host.must("write-env", WRITE_PRIVATE_FILE, [ctx.envFile(config.version)], {
      stdin: renderEnvFile(config.env),
      echo: false
    });
    await host.must("write-env", WRITE_PRIVATE_FILE, [ctx.containerEnvFile(config.version)], {
      stdin: renderContainerEnvFile(config.env),
      echo: false
    });
  };
  return { driver: new ContainerMode(ctx, run), install };
}

// builtin:node:readline
var m = __require("node:readline");
var Interface = m.Interface;
var clearLine = m.clearLine;
var clearScreenDown = m.clearScreenDown;
var createInterface = m.createInterface;
var cursorTo = m.cursorTo;
var emitKeypressEvents = m.emitKeypressEvents;
var moveCursor = m.moveCursor;
var promises = m.promises;

// packages/release/src/incremental.ts
function manifestLine(file) {
  return `${file.sha256} ${file.size} ${file.mode} ${file.mtime} ${file.hostMode} ${file.path}`;
}
function recordedFields(text) {
  const files = /* @__PURE__ */ new Map();
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    let cut = start;
    for (let spaces = 0; spaces < 5 && cut >= 0 && cut < end; spaces += 1) cut = text.indexOf(" ", cut + 1);
    if (cut > start && cut < end) files.set(text.slice(cut + 1, end), text.slice(start, cut));
    start = end + 1;
  }
  return files;
}
function lineEnd(text, start) {
  const end = text.indexOf("\n", start);
  return end < 0 ? text.length : end;
}
function inside(path) {
  return path.startsWith("./") && path.slice(2).split("/").every((name) => name !== "" && name !== "." && name !== "..");
}
var FILE_LINE = /^f (\d+) (\d+)(?:\.\d+)? ([0-7]+) (.*)$/;
function readListing(text) {
  const files = /* @__PURE__ */ new Map();
  const links = [];
  const dirs = [];
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    const kind = text.charAt(start);
    if (kind === "f") {
      const file = FILE_LINE.exec(text.slice(start, end));
      if (file) files.set(file[4] ?? "", { size: file[1] ?? "", mtime: file[2] ?? "", mode: file[3] ?? "" });
    } else if (text.charAt(start + 1) === " ") {
      if (kind === "l") links.push(text.slice(start + 2, end));
      else if (kind === "d") dirs.push(text.slice(start + 2, end));
    }
    start = end + 1;
  }
  return { files, links, dirs };
}
var ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, "\\": 92 };
function decodeTarName(line) {
  const bytes = [];
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
    } else if (escaped !== void 0) {
      bytes.push(escaped);
      i += 1;
    } else return void 0;
  }
  const raw = Buffer.from(bytes);
  const name = raw.toString("utf8");
  if (name.includes("\n") || !Buffer.from(name, "utf8").equals(raw)) return void 0;
  return name;
}
async function* tarEntries(source, exclude) {
  const args = ["-cvf", "/dev/null", "-C", source, ...exclude.map((p) => `--exclude=${p}`), "."];
  const tar = spawn("tar", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C" }
  });
  let err = "";
  tar.stderr.on("data", (c) => err += c.toString("utf8"));
  const exited = new Promise((resolve, reject) => {
    tar.on("error", reject);
    tar.on("close", resolve);
  });
  for await (const line of createInterface({ input: tar.stdout, crlfDelay: Infinity })) {
    if (line === "" || line === "./") continue;
    const name = decodeTarName(line.replace(/\/$/, ""));
    yield name !== void 0 && name.startsWith("./") ? name : void 0;
  }
  const code = await exited;
  if (code !== 0) throw new Error(`tar exited ${code}: ${err.trim()}`);
}
function* treeEntries(source, dir = ".") {
  for (const entry of readdirSync(join(source, dir), { withFileTypes: true, encoding: "buffer" })) {
    if (entry.isSocket()) continue;
    const raw = entry.name;
    const name = raw.toString("utf8");
    const path = `${dir}/${name}`;
    if (name.includes("\n") || !Buffer.from(name, "utf8").equals(raw)) {
      yield void 0;
      continue;
    }
    yield path;
    if (entry.isDirectory()) yield* treeEntries(source, path);
  }
}
var chunk = Buffer.allocUnsafe(1024 * 1024);
var { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = constants;
function hashRegularFile(path) {
  let fd;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (error.code === "ELOOP") return void 0;
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return void 0;
    const hash = createHash("sha256");
    for (let left = info.size; left > 0; ) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, left), null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      left -= n;
    }
    return { size: info.size, mode: (info.mode & 4095).toString(8), sha256: hash.digest("hex") };
  } finally {
    closeSync(fd);
  }
}
var YIELD_EVERY_BYTES = 256 * 1024;
async function sourceManifest(source, exclude) {
  const files = [];
  const others = [];
  let unlisted = false;
  let sinceYield = 0;
  const entries = exclude.length === 0 ? treeEntries(source) : tarEntries(source, exclude);
  for await (const path of entries) {
    if (path === void 0 || unlisted) {
      unlisted = true;
      continue;
    }
    const file = hashRegularFile(join(source, path));
    if (file === void 0) {
      others.push(path);
      continue;
    }
    files.push({ path, ...file });
    sinceYield += file.size + 4096;
    if (sinceYield > YIELD_EVERY_BYTES) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (unlisted) return void 0;
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files, others };
}
var LISTING_LIMIT = 256 * 1024 * 1024;
function planIncremental(source, previous) {
  const recorded = recordedFields(previous.manifest);
  const onHost = readListing(previous.listing);
  const linked = [];
  const sent = [];
  const keep = /* @__PURE__ */ new Set();
  for (const file of source.files) {
    const now = onHost.files.get(file.path);
    const trusted = now !== void 0 && now.size === String(file.size) && recorded.get(file.path) === `${file.sha256} ${file.size} ${file.mode} ${now.mtime} ${now.mode}`;
    if (trusted) {
      linked.push(file);
      keep.add(file.path);
    } else sent.push(file.path);
  }
  const sourceDirs = new Set(source.others);
  const remove = [
    ...[...onHost.files.keys()].filter((path) => !keep.has(path)),
    ...onHost.links,
    ...onHost.dirs.filter((dir) => !sourceDirs.has(dir))
  ].filter(inside);
  return { linked, sent: [...sent, ...source.others], remove };
}
function byBytes(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
function placedManifest(source, listing) {
  const placed = readListing(listing).files;
  let manifest = "";
  for (const file of source.files) {
    const there = placed.get(file.path);
    if (!there) return { ok: false, difference: `${file.path} is missing` };
    if (there.size !== String(file.size))
      return { ok: false, difference: `${file.path} has ${there.size} bytes, not ${file.size}` };
    manifest += `${manifestLine({ ...file, mtime: Number(there.mtime), hostMode: there.mode })}
`;
  }
  if (placed.size > source.files.length) {
    const named = new Set(source.files.map((file) => file.path));
    const extra = [...placed.keys()].filter((path) => !named.has(path) && inside(path)).sort(byBytes)[0];
    if (extra !== void 0) return { ok: false, difference: `${extra} is not in the source` };
  }
  return { ok: true, manifest };
}

// packages/release/src/upload.ts
function archiveStream(source, exclude, options = {}) {
  if (statSync(source).isFile()) {
    const stream = createReadStream(source);
    return {
      stream,
      done: new Promise(
        (resolve, reject) => stream.on("end", resolve).on("error", reject).on("close", resolve)
      ),
      stop: () => stream.destroy(),
      flag: compressionFlag(source)
    };
  }
  const create = options.gzip ? "-czf" : "-cf";
  const args = options.paths ? [create, "-", "-C", source, "--no-recursion", "--null", "-T", "-"] : [create, "-", "-C", source, ...exclude.map((pattern) => `--exclude=${pattern}`), "."];
  const tar = spawn("tar", args, { stdio: ["pipe", "pipe", "pipe"] });
  tar.stdin.on("error", () => void 0);
  tar.stdin.end(options.paths ? options.paths.map((p) => `${p}\0`).join("") : "");
  let stderr = "";
  tar.stderr.on("data", (c) => stderr += c.toString());
  const done = new Promise((resolve, reject) => {
    tar.on("error", reject);
    tar.on(
      "close",
      (code) => code === 0 ? resolve() : reject(new Error(`tar exited ${code}: ${stderr.trim()}`))
    );
  });
  return { stream: tar.stdout, done, stop: () => tar.kill("SIGTERM"), flag: options.gzip ? "z" : "" };
}
async function writeArchive(source, exclude, file, options = {}) {
  const { stream, done } = archiveStream(source, exclude, options);
  await Promise.all([pipeline(stream, createWriteStream(file, { mode: 384 })), done]);
}
function compressionFlag(source) {
  return /\.(tgz|tar\.gz)$/i.test(source) ? "z" : "";
}
async function uploadArchive(conn, source, exclude, staging, sumFile, options) {
  const { stream, done, stop, flag } = archiveStream(source, exclude, options.archive);
  const local = done.then(
    () => void 0,
    (error) => error instanceof Error ? error : new Error(String(error))
  );
  const hash = createHash("sha256");
  let bytes = 0;
  const counted = new PassThrough();
  if (options.into) {
    const paths = Buffer.from(options.into.remove.map((path) => `${path}\0`).join(""));
    counted.write(`${paths.length}
`);
    counted.write(paths);
  }
  stream.on("data", (chunk2) => {
    hash.update(chunk2);
    bytes += chunk2.length;
  });
  stream.pipe(counted);
  const abandon = async () => {
    stream.unpipe(counted);
    stop();
    await local;
  };
  let result;
  try {
    result = await conn.exec(
      scriptArgv("dk-receive", RECEIVE_EXTRACT, [
        staging,
        sumFile,
        flag,
        options.into ? "into" : "",
        options.list ? "list" : ""
      ]),
      { stdin: counted, timeoutMs: options.timeoutMs, signal: options.signal, stdoutLimit: LISTING_LIMIT }
    );
  } catch (error) {
    await abandon();
    throw error;
  }
  if (result.code !== 0) {
    await abandon();
    throw new Error(`receiving the archive failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  const localError = await local;
  if (localError) throw localError;
  return { bytes, sha256: hash.digest("hex"), listing: result.stdout };
}

// packages/release/src/place.ts
var { releaseDir, filesManifest } = layout;
async function prepare(host, target, staging, linkable) {
  const from = target.live;
  if (!linkable || from === void 0 || from === target.version) {
    await host.must("prepare", PREPARE_UPLOAD, [target.deployPath]);
    return void 0;
  }
  const result = await host.script(
    "prepare",
    PREPARE_UPLOAD,
    [target.deployPath, releaseDir(target.deployPath, from), filesManifest(target.deployPath, from), staging],
    { stdoutLimit: LISTING_LIMIT }
  );
  if (result.code === 3) return void 0;
  if (result.code !== 0)
    throw new ActionFailedError(
      `${host.label}: preparing the upload (reading the live release) failed: ${stderrTail(result.stderr)}`
    );
  const cut = result.stdout.indexOf("\n--\n");
  if (cut < 0) return void 0;
  return {
    from,
    previous: { manifest: result.stdout.slice(0, cut), listing: result.stdout.slice(cut + 4) }
  };
}
async function placeRelease(host, config, target, signal) {
  const token = randomBytes(6).toString("hex");
  const staging = `${target.deployPath}/releases/.incoming-${token}`;
  const sumFile = `${target.deployPath}/.deploy-kit/tmp/${token}.sha256`;
  const { archive, compression } = config.upload;
  const live = await prepare(host, target, staging, config.upload.manifest !== void 0);
  const manifest = await config.upload.manifest;
  const plan = manifest && live ? { from: live.from, ...planIncremental(manifest, live.previous) } : void 0;
  const incremental = plan && plan.linked.length > 0 ? plan : void 0;
  const source = incremental || !archive ? config.source : archive;
  const uploaded = await uploadArchive(host.conn, source, config.exclude, staging, sumFile, {
    timeoutMs: config.commandTimeoutMs,
    signal,
    archive: {
      ...incremental ? { paths: incremental.sent } : {},
      gzip: compression === "gzip"
    },
    ...incremental ? { into: { remove: incremental.remove } } : {},
    list: manifest !== void 0
  });
  let placed;
  if (manifest) {
    const check = placedManifest(manifest, uploaded.listing);
    if (!check.ok) {
      await host.script("discard", REMOVE_PATH, [staging]);
      throw new ActionFailedError(
        `${host.label}: the uploaded release differs from the source: ${check.difference}`
      );
    }
    placed = check.manifest;
  }
  const files = placed === void 0 ? [] : [filesManifest(target.deployPath, target.version)];
  await host.must(
    "install",
    VERIFY_AND_PLACE,
    [sumFile, uploaded.sha256, staging, releaseDir(target.deployPath, target.version), ...files],
    placed === void 0 ? {} : { stdin: placed }
  );
  const transfer = incremental ? {
    kind: "incremental",
    from: incremental.from,
    sent: incremental.sent.length - (manifest?.others.length ?? 0),
    linked: incremental.linked.length
  } : plan ? { kind: "nothing-to-link", from: plan.from } : { kind: "whole" };
  return { bytes: uploaded.bytes, sha256: uploaded.sha256, transfer };
}

// packages/release/src/modes/release.ts
var FOREGROUND_HINT = "start-command must run the app in the foreground: deploy-kit supervises the process it starts (a command that forks into the background and exits \u2014 '&', '--daemon', '-d' \u2014 is not supported)";
var ReleaseMode = class {
  constructor(ctx, commands) {
    this.ctx = ctx;
    this.commands = commands;
  }
  ctx;
  commands;
  /** deploy-kit starts and stops the app itself (no restart-command). */
  get supervised() {
    return !this.commands.restartCommand && Boolean(this.commands.startCommand);
  }
  get restarts() {
    return Boolean(this.commands.restartCommand ?? this.commands.startCommand);
  }
  recorded() {
    return { mode: "release", ...this.commands };
  }
  history() {
    return {};
  }
  async pruned() {
  }
  hook(name, command, version) {
    return this.ctx.userCommand(name, command, this.ctx.releaseDir(version), version);
  }
  async startSlot(slot, port, version) {
    await this.stopSlot(slot, port, version);
    await this.startSupervised(slot, port, version);
  }
  async stopSlot(slot, port, version) {
    const { ctx } = this;
    const { stopCommand } = this.commands;
    if (stopCommand) {
      const result = await ctx.host.script(
        "stop",
        RUN_USER_COMMAND,
        [ctx.releaseDir(version), ctx.envFile(version), stopCommand, String(port)],
        { echo: true }
      );
      if (result.code !== 0)
        ctx.logger.warning(`${ctx.label}: stop-command for the ${slot} slot exited ${result.code}`);
    }
    await this.stopSupervised(slot, port);
  }
  async restart(port, version) {
    const { restartCommand } = this.commands;
    if (restartCommand) {
      await this.ctx.userCommand("restart", restartCommand, this.ctx.releaseDir(version), version, port);
    } else if (this.supervised) {
      await this.stopSupervised("app", port);
      await this.startSupervised("app", port, version);
    }
  }
  gates(port) {
    return port !== void 0 || this.supervised;
  }
  gate(slot, port, label, version) {
    if (slot === "app" && !this.supervised)
      return port === void 0 ? Promise.resolve() : this.ctx.gatePort(port, label, version).then(() => void 0);
    return this.gateSupervised(slot, port, label, version);
  }
  /** The slot's process is tied to a channel that stays open while this run lives. */
  guard(slot) {
    const { ctx } = this;
    const stdin = new PassThrough();
    ctx.host.conn.exec(scriptArgv("dk-guard", SLOT_GUARD, [ctx.pidFile(slot), ctx.stopGraceS]), { stdin }).catch(() => void 0);
    return {
      keep: () => stdin.end("keep\n"),
      release: () => stdin.end("stop\n")
    };
  }
  /**
   * Starts the start command in its own session on `port`, after making sure the port is free: a
   * survivor of this app is stopped (and reported); anything else fails the step before anything
   * is switched, and is left alone.
   */
  async startSupervised(slot, port, version) {
    const { ctx } = this;
    const { startCommand } = this.commands;
    if (!startCommand) throw new ActionFailedError(`${ctx.label}: blue-green needs 'start-command'`);
    const result = await ctx.host.script("start", START_SUPERVISED, [
      ctx.releaseDir(version),
      ctx.envFile(version),
      startCommand,
      port === void 0 ? "" : String(port),
      ctx.pidFile(slot),
      ctx.logFile(slot),
      ctx.settings.deployPath,
      ctx.stopGraceS
    ]);
    ctx.reportLeftovers(slot, result.stdout);
    if (result.code !== 0) throw ctx.startError(result, "start", `the ${slot} slot`);
  }
  /** Ends every process of the slot's session; fails naming any that survive KILL. */
  async stopSupervised(slot, port) {
    const { ctx } = this;
    const result = await ctx.host.script("stop", STOP_SUPERVISED, [
      ctx.pidFile(slot),
      ctx.stopGraceS,
      ...port === void 0 ? [] : [String(port), ctx.settings.deployPath]
    ]);
    ctx.reportLeftovers(slot, result.stdout);
    if (result.code === 0) return;
    ctx.logger.untrusted(result.stderr.trim());
    throw new ActionFailedError(
      result.code === SUPERVISE_EXIT.survivors ? `${ctx.label}: the ${slot} slot did not stop: ${stderrTail(result.stderr)}` : `${ctx.label}: stop failed (exit ${result.code ?? result.signal ?? "?"})`
    );
  }
  /**
   * A slot deploy-kit started passes its gate only while the started process runs and owns the
   * port's listener: the gate ends at once when the process exits, and after it the listener on
   * the port must belong to the started session (not to a survivor or a stranger).
   */
  async gateSupervised(slot, port, label, version) {
    const { ctx } = this;
    const exited = await ctx.gateBeside(
      port,
      label,
      version,
      (signal) => ctx.host.script("watch", SLOT_WATCH, [ctx.pidFile(slot), ctx.logFile(slot)], { timeoutMs: 0, signal })
    );
    if (exited !== void 0)
      throw ctx.exitedError(label, exited, "during its health gate", "start command", FOREGROUND_HINT);
    const check = await ctx.host.script("check", SLOT_CHECK, [
      ctx.pidFile(slot),
      port === void 0 || !ctx.settings.health.enabled ? "" : String(port),
      ctx.logFile(slot)
    ]);
    const report = check.stdout.trim();
    if (check.code === SUPERVISE_EXIT.exited)
      throw ctx.exitedError(label, report, "right after its health gate", "start command", FOREGROUND_HINT);
    if (check.code !== 0) {
      ctx.logger.untrusted(report);
      throw new ActionFailedError(
        `${ctx.label}: ${label} answered its health gate, but not from the process just started: ${stderrTail(report)}`
      );
    }
    if (report.startsWith("unverified"))
      ctx.logger.warning(`${ctx.label}: ${label}: the port's owner could not be checked (${report})`);
  }
};
function transferNote(transfer) {
  switch (transfer.kind) {
    case "incremental":
      return `: ${transfer.sent} new or changed files sent, ${transfer.linked} unchanged ones hard-linked from ${transfer.from}`;
    case "nothing-to-link":
      return `: sent whole, no file of ${transfer.from} being unchanged`;
    case "whole":
      return "";
  }
}
async function installRelease(ctx, config, live) {
  const { host, logger } = ctx;
  await ctx.phase("upload", async () => {
    const placed = await placeRelease(
      host,
      config,
      { deployPath: config.deployPath, version: config.version, live },
      ctx.deps.signal
    );
    logger.info(
      `${ctx.label}: uploaded ${(placed.bytes / 1e6).toFixed(1)} MB (sha256 ${placed.sha256.slice(0, 12)}\u2026)` + transferNote(placed.transfer)
    );
    if (config.sharedPaths.length > 0) {
      await host.must("link-shared", LINK_SHARED, [
        ctx.releaseDir(config.version),
        ctx.path("shared"),
        ...config.sharedPaths
      ]);
    }
    await host.must("write-env", WRITE_PRIVATE_FILE, [ctx.envFile(config.version)], {
      stdin: renderEnvFile(config.env),
      echo: false
    });
  });
  const { buildCommand } = config;
  if (buildCommand)
    await ctx.phase(
      "build",
      () => ctx.userCommand("build", buildCommand, ctx.releaseDir(config.version), config.version)
    );
}
function releaseMode(ctx, config) {
  const { startCommand, stopCommand, restartCommand } = config;
  return {
    driver: new ReleaseMode(ctx, { startCommand, stopCommand, restartCommand }),
    install: (live) => installRelease(ctx, config, live)
  };
}

// packages/release/src/modes/index.ts
function deployMode(ctx, config) {
  switch (config.mode) {
    case "release":
      return releaseMode(ctx, config);
    case "container":
      return containerMode(ctx, config);
    case "compose":
      return composeMode(ctx, config);
  }
}
function recordedMode(manifest) {
  const { container, compose } = manifest;
  switch (manifest.mode) {
    case "release": {
      const { startCommand, stopCommand, restartCommand } = manifest;
      return (ctx) => new ReleaseMode(ctx, { startCommand, stopCommand, restartCommand });
    }
    case "container":
      return container && ((ctx) => new ContainerMode(ctx, container));
    case "compose":
      return compose && ((ctx) => new ComposeMode(ctx, compose));
    default:
      return void 0;
  }
}

// packages/release/src/host.ts
var emptyInspection = () => ({
  exists: false,
  releases: [],
  manifests: /* @__PURE__ */ new Map(),
  history: []
});
function parseObject(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : void 0;
  } catch {
    return void 0;
  }
}
function parseInspection(stdout) {
  const result = { ...emptyInspection(), exists: true };
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
    } else if (line.startsWith("manifest=")) {
      const manifest = parseObject(line.slice("manifest=".length));
      if (typeof manifest?.version === "string")
        result.manifests.set(manifest.version, manifest);
    } else if (line.startsWith("history=")) {
      const entry = parseObject(line.slice("history=".length));
      if (typeof entry?.version === "string" && typeof entry.status === "string")
        result.history.push(entry);
    } else if (line.startsWith("release=")) {
      const [mtime, name] = line.slice("release=".length).split(" ");
      if (name) result.releases.push({ name, mtime: Number(mtime) });
    }
  }
  return result;
}
async function inspectHost(host, deployPath, historyLines = 0) {
  const result = await host.must("inspect", INSPECT, [deployPath, String(historyLines)]);
  return parseInspection(result.stdout);
}
function releasesToPrune(releases, keep, protect) {
  const newestFirst = [...releases].sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  return newestFirst.slice(keep).map((r) => r.name).filter((name) => !protect.includes(name));
}
function releaseManifest(config, time) {
  return {
    app: config.app,
    version: config.version,
    strategy: config.strategy,
    ports: config.ports,
    proxy: config.proxy,
    proxyTestCommand: config.proxyTestCommand,
    proxyReloadCommand: config.proxyReloadCommand,
    ...config.proxy === "haproxy" ? { haproxySocket: config.haproxySocket } : {},
    ...config.proxy === "caddy" ? { caddyAdmin: config.caddyAdmin } : {},
    sha: config.run.sha,
    time
  };
}
var otherSlot = (slot) => slot === "blue" ? "green" : "blue";
var HostDeploy = class _HostDeploy {
  constructor(host, config, deps, choose) {
    this.host = host;
    this.config = config;
    this.deps = deps;
    this.started = deps.clock.now();
    this.recorder = new PhaseRecorder(deps.clock);
    this.ctx = new HostContext(host, config, deps, this.recorder);
    const { mode, job } = choose(this.ctx);
    this.mode = mode;
    this.job = job;
  }
  host;
  config;
  deps;
  recorder;
  ctx;
  mode;
  job;
  proxySwitch;
  inspection = emptyInspection();
  /** True once traffic (proxy or `current`) points at the new release. */
  switched = false;
  /** install() done (the migrate host installs before the fleet runs). */
  installed = false;
  oldSlotStopped = false;
  newSlot;
  started;
  status = "skipped";
  error;
  /** A deploy of `config` to one host. */
  static deploy(host, config, deps) {
    return new _HostDeploy(host, config, deps, (ctx) => {
      const { driver, install } = deployMode(ctx, config);
      return { mode: driver, job: { kind: "deploy", install, keepReleases: config.keepReleases } };
    });
  }
  /**
   * A rollback to the release `manifest` describes, run the way it records; undefined when the
   * manifest lacks what its mode needs (written by a version of deploy-kit that did not record it).
   */
  static rollback(host, config, manifest, deps) {
    const make = recordedMode(manifest);
    return make && new _HostDeploy(host, config, deps, (ctx) => ({ mode: make(ctx), job: { kind: "rollback" } }));
  }
  get logger() {
    return this.ctx.logger;
  }
  get previous() {
    return this.inspection.current;
  }
  phase(name, body) {
    return this.ctx.phase(name, body);
  }
  /** The proxy switch (blue-green only), made once for the activation and any way back. */
  get proxy() {
    this.proxySwitch ??= proxySwitch(this.ctx, this.config);
    return this.proxySwitch;
  }
  async inspect() {
    this.inspection = await inspectHost(this.host, this.config.deployPath);
    return this.inspection;
  }
  get isUnchanged() {
    return this.inspection.current === this.config.version;
  }
  /** Install, then activate. Throws on failure; `switched` says where it stopped. */
  async deploy() {
    if (!this.installed) await this.install();
    await this.activate();
  }
  /** The migrate-command, in the installed new release (before any host switches). */
  async migrate(command) {
    await this.phase("migrate", () => this.mode.hook("migrate", command, this.config.version));
  }
  /**
   * After a failed deploy (its switch back done): on-failure-command in the release live now. Its
   * failure is logged and added to the host's error; it never hides the first one.
   */
  async afterFailure() {
    const { onFailure } = this.config.hooks;
    const live = this.inspection.current ?? this.config.version;
    if (onFailure) await this.hook("on-failure", onFailure, live);
  }
  async hook(name, command, version) {
    try {
      await this.phase(name, () => this.mode.hook(name, command, version));
    } catch (error) {
      const message = `${name} failed: ${errorMessage(error)}`;
      this.logger.error(`${this.host.label}: ${message}`);
      this.error = this.error ? `${this.error}; ${message}` : message;
    }
  }
  /** The mode's install (upload or pull, env files, build), then the manifest: a complete release, not yet serving. */
  async install() {
    if (this.job.kind !== "deploy")
      throw new ActionFailedError(`${this.host.label}: a rollback installs nothing`);
    await this.job.install(this.inspection.current);
    const manifest = {
      ...releaseManifest(this.config, new Date(this.deps.clock.now()).toISOString()),
      ...this.mode.recorded()
    };
    await this.host.must("write-manifest", WRITE_FILE, [this.ctx.manifestFile(this.config.version)], {
      stdin: JSON.stringify(manifest)
    });
    this.installed = true;
  }
  /** Puts the installed release `config.version` live: start → gate → switch → drain → stop old → soak. */
  async activate() {
    if (!this.config.health.enabled) {
      this.logger.warning(
        `${this.host.label}: health-check is false: ${this.config.version} goes live without a health gate`
      );
    }
    if (this.config.strategy === "blue-green") await this.blueGreen();
    else await this.inPlace();
  }
  slotPort(slot) {
    const port = this.config.ports[slot === "blue" ? 0 : 1];
    if (port === void 0) throw new ActionFailedError(`${this.host.label}: blue-green needs two ports`);
    return port;
  }
  async soak() {
    const { health, soakMs } = this.config;
    if (!health.url || !health.enabled && soakMs === 0) return;
    const result = await this.ctx.runHealthGate(health.url, { successThreshold: 1, soakMs });
    if (!result.healthy) {
      throw new ActionFailedError(
        `${this.host.label}: ${health.url.href} failed after the switch: ${result.outcome} (${result.targets[0]?.lastReason ?? ""})`
      );
    }
  }
  async switchCurrent(version) {
    await this.host.must("switch-current", SWITCH_CURRENT, [this.config.deployPath, `releases/${version}`]);
  }
  async writeState(state) {
    await this.host.must("write-state", WRITE_FILE, [this.ctx.path(".deploy-kit", "state.json")], {
      stdin: JSON.stringify(state)
    });
  }
  /** Runs `phases` in order, each timed under its name; a phase without a step on this host is skipped. */
  async runPhases(phases, steps) {
    for (const name of phases) {
      const step = steps[name];
      if (step) await this.phase(name, step);
    }
  }
  async blueGreen() {
    const { config, mode } = this;
    const active = this.inspection.state;
    const slot = otherSlot(active?.slot);
    const port = this.slotPort(slot);
    const old = active && active.slot !== slot ? active : void 0;
    this.newSlot = slot;
    const { proxy } = this;
    await proxy.check();
    const started = { ok: false };
    try {
      await this.runPhases(blueGreenPhases(config), {
        start: async () => {
          await mode.startSlot(slot, port, config.version);
          started.ok = true;
          started.guard = mode.guard(slot);
        },
        gate: () => mode.gate(slot, port, `the new ${slot} slot (port ${port})`, config.version),
        switch: async () => {
          await proxy.switchTo(slot, port);
          started.guard?.keep();
          this.switched = true;
          await this.switchCurrent(config.version);
          await this.writeState({ slot, port, version: config.version });
        },
        "post-switch": () => this.postSwitch(),
        drain: old && (() => proxy.drain(old, config.drainMs)),
        "stop-old": old && (async () => {
          await mode.stopSlot(old.slot, old.port, old.version);
          this.oldSlotStopped = true;
        }),
        soak: () => this.soak()
      });
    } catch (error) {
      if (started.ok && !this.switched) {
        await mode.stopSlot(slot, port, config.version).catch(() => void 0);
        started.guard?.release();
      }
      throw error;
    }
  }
  async inPlace() {
    const { config, mode } = this;
    const port = config.ports[0];
    await this.runPhases(inPlacePhases(config), {
      switch: async () => {
        await this.switchCurrent(config.version);
        this.switched = true;
      },
      restart: mode.restarts ? () => mode.restart(port, config.version) : void 0,
      gate: mode.gates(port) ? () => mode.gate(
        "app",
        port,
        port === void 0 ? "the new release" : `the new release (port ${port})`,
        config.version
      ) : void 0,
      "post-switch": () => this.postSwitch(),
      soak: () => this.soak()
    });
  }
  /** post-switch-command: a failure fails the host, which is then switched back like any other. */
  async postSwitch() {
    const command = this.config.hooks.postSwitch;
    if (command) await this.mode.hook("post-switch", command, this.config.version);
  }
  /** Gates a release restarted on the way back: a failure is a warning, the first one stands. */
  async regate(slot, port, label, version) {
    await this.mode.gate(slot, port, label, version).catch((error) => {
      this.logger.warning(`${this.host.label}: ${errorMessage(error)}`);
    });
  }
  /** Puts the previous release back where this run switched away from it. */
  async switchBack() {
    const { config, mode } = this;
    const previous = this.inspection.current;
    if (!this.switched || !previous) return;
    this.logger.warning(`${this.host.label}: switching back to ${previous}`);
    await this.phase("switch-back", async () => {
      const old = this.inspection.state;
      const newSlot = this.newSlot;
      if (config.strategy === "blue-green" && old && newSlot) {
        if (this.oldSlotStopped) {
          await mode.startSlot(old.slot, old.port, old.version);
          await this.regate(old.slot, old.port, `the previous ${old.slot} slot`, old.version);
          this.oldSlotStopped = false;
        }
        const { proxy } = this;
        await proxy.switchTo(old.slot, old.port);
        await this.switchCurrent(previous);
        await this.writeState(old);
        const newPort = this.slotPort(newSlot);
        await proxy.drain(
          { slot: newSlot, port: newPort, version: config.version },
          Math.min(config.drainMs, 2e3)
        );
        await mode.stopSlot(newSlot, newPort, config.version);
      } else {
        await this.switchCurrent(previous);
        const port = config.ports[0];
        if (mode.restarts) {
          await mode.restart(port, previous);
          if (mode.gates(port)) await this.regate("app", port, "the previous release", previous);
        }
      }
    });
    this.switched = false;
    this.status = "rolled-back";
    const { onRollback } = config.hooks;
    if (onRollback) await this.hook("on-rollback", onRollback, config.version);
  }
  /** A deploy's last step: keep the newest releases (never the live one or the one before it). */
  async prune() {
    if (this.job.kind !== "deploy") return [];
    const releases = [
      ...this.inspection.releases.filter((r) => r.name !== this.config.version),
      { name: this.config.version, mtime: Number.MAX_SAFE_INTEGER }
    ];
    const remove = releasesToPrune(releases, this.job.keepReleases, [
      this.config.version,
      this.inspection.current
    ]);
    if (remove.length > 0) {
      await this.host.must("prune", REMOVE_RELEASES, [this.config.deployPath, ...remove]);
      await this.mode.pruned(remove);
      this.logger.info(`${this.host.label}: pruned ${remove.join(", ")}`);
    }
    return remove;
  }
  async record(entry) {
    const { run } = this.config;
    const line = {
      ...this.mode.history(),
      ...entry,
      mode: this.mode.recorded().mode,
      strategy: this.config.strategy,
      time: new Date(this.deps.clock.now()).toISOString(),
      actor: run.actor,
      sha: run.sha,
      runId: run.runId,
      runUrl: run.runUrl,
      durationMs: this.durationMs,
      phases: this.phases.map((p) => p.name)
    };
    try {
      await this.host.conn.exec(
        ["sh", "-c", APPEND_FILE, "dk-history", this.ctx.path(".deploy-kit", "history.jsonl")],
        {
          stdin: `${JSON.stringify(line)}
`,
          // Cancelled: a short deadline, so the lock release after it still fits the grace period.
          timeoutMs: this.deps.signal.aborted ? CANCELLED_STEP_MS : 15e3
        }
      );
    } catch (error) {
      this.logger.warning(`${this.host.label}: could not record history: ${errorMessage(error)}`);
    }
  }
  get phases() {
    return this.recorder.phases;
  }
  get durationMs() {
    return this.deps.clock.now() - this.started;
  }
  /** The version this run puts live (the deployed one, or a rollback's target). */
  get targetVersion() {
    return this.config.version;
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

// packages/release/src/fleet.ts
async function connectFleet(targets, options, deps) {
  const hosts = targets.map(() => void 0);
  const errors = [];
  await eachLimited(targets, options.maxParallel, false, async (target, i) => {
    try {
      const conn = await deps.connect(target);
      hosts[i] = new RemoteHost(
        conn,
        formatTarget(target),
        deps.logger,
        options.commandTimeoutMs,
        deps.signal
      );
      return true;
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      errors.push(errorMessage(error));
      return false;
    }
  });
  const connected = hosts.filter((host) => host !== void 0);
  if (errors.length > 0) {
    for (const host of connected) host.conn.close();
    throw new ActionFailedError(`${errors.join("; ")}. Nothing was changed.`);
  }
  return connected;
}
async function withLockedFleet(targets, options, deps, body) {
  const remotes = await connectFleet(targets, options, deps);
  const locks = remotes.map(
    (remote) => new DeployLock(
      remote,
      options.deployPath,
      options.run,
      options.lockVersion,
      deps.clock,
      options.lockAction
    )
  );
  try {
    const lockErrors = [];
    await Promise.all(
      locks.map(
        (lock) => lock.acquire({
          timeoutMs: options.lockTimeoutMs,
          breakStaleAfterMs: options.breakStaleLockAfterMs,
          clock: deps.clock,
          logger: deps.logger,
          signal: deps.signal
        }).catch((error) => {
          if (error instanceof CancelledError) throw error;
          lockErrors.push(errorMessage(error));
        })
      )
    );
    if (lockErrors.length > 0) throw new ActionFailedError(lockErrors.join("; "));
    return await body(remotes);
  } finally {
    const releaseTimeoutMs = deps.signal.aborted ? CANCELLED_STEP_MS : 15e3;
    await Promise.all(locks.map((lock) => lock.release(deps.logger, releaseTimeoutMs)));
    for (const remote of remotes) remote.conn.close();
  }
}
async function switchFleet(hosts, options, work) {
  const { logger } = options;
  let failure;
  await eachLimited(hosts, options.maxParallel, options.failFast, async (host) => {
    if (host.status === "unchanged") return true;
    try {
      await work(host);
      host.status = "deployed";
      return true;
    } catch (error) {
      if (error instanceof CancelledError && !host.switched) throw error;
      host.status = "failed";
      host.error = errorMessage(error);
      logger.error(host.error);
      failure ??= host.error;
      return false;
    }
  });
  if (failure !== void 0 && options.rollbackOnFailure) {
    for (const host of hosts.filter((h) => h.switched)) {
      try {
        await host.switchBack();
      } catch (error) {
        logger.error(`${host.host.label}: switching back failed: ${errorMessage(error)}`);
        host.error = `${host.error ?? ""} switch back failed: ${errorMessage(error)}`.trim();
      }
    }
  }
  return failure;
}
async function migrateOnce(hosts, config, logger) {
  const migrate = config.hooks.migrate;
  if (!migrate) return void 0;
  const host = hosts.find((h) => h.host.label === migrate.host) ?? hosts[0];
  if (!host) return void 0;
  if (host.status === "unchanged") {
    logger.info(`${host.host.label}: ${config.version} is already live there; migrate-command not run again`);
    return void 0;
  }
  try {
    await logger.group(`${host.host.label}: migrate (once, before any host switches)`, async () => {
      await host.install();
      await host.migrate(migrate.command);
    });
    return void 0;
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    host.status = "failed";
    host.error = `migrate failed: ${errorMessage(error)}`;
    logger.error(host.error);
    return host.error;
  }
}
function historyStatus(host) {
  switch (host.status) {
    case "deployed":
      return "success";
    case "unchanged":
      return "unchanged";
    case "rolled-back":
      return "rolled-back";
    default:
      return "failed";
  }
}
async function recordCancelled(hosts, event, reason) {
  await Promise.all(
    hosts.filter((h) => h.phases.length > 0).map(
      (h) => h.record({
        event,
        version: h.targetVersion,
        previous: h.previous,
        slot: h.slot,
        status: "cancelled",
        reason,
        error: h.switched ? `cancelled after switching to ${h.targetVersion}` : "cancelled before the switch"
      })
    )
  );
}
async function deployRelease(config, targets, deps) {
  const started = deps.clock.now();
  const { logger } = deps;
  let archiveDir;
  const manifest = config.mode === "release" && statSync(config.source).isDirectory() ? sourceManifest(config.source, config.exclude) : void 0;
  manifest?.catch(() => void 0);
  try {
    return await withLockedFleet(
      targets,
      { ...config, lockVersion: config.version, lockAction: "deploy" },
      deps,
      async (remotes) => {
        if (config.mode === "release" && manifest) {
          let archive;
          if (targets.length > 1) {
            archiveDir = mkdtempSync(join(tmpdir(), "deploy-kit-"));
            const gzip = config.upload.compression === "gzip";
            archive = join(archiveDir, gzip ? "release.tar.gz" : "release.tar");
            await writeArchive(config.source, config.exclude, archive, { gzip });
          }
          config = { ...config, upload: { ...config.upload, manifest, archive } };
        }
        if (config.mode === "container" && config.container.transfer === "ssh" && targets.length > 1) {
          archiveDir = mkdtempSync(join(tmpdir(), "deploy-kit-"));
          const sharedArchive = join(archiveDir, "image.tar.gz");
          config = { ...config, container: { ...config.container, sharedArchive } };
        }
        const hosts = remotes.map((remote) => HostDeploy.deploy(remote, config, deps));
        let failure;
        try {
          await Promise.all(hosts.map((h) => h.inspect()));
          for (const host of hosts.filter((h) => h.isUnchanged)) {
            host.status = "unchanged";
            logger.info(`${host.host.label}: ${config.version} is already live; nothing to do`);
          }
          failure = await migrateOnce(hosts, config, logger);
          if (failure === void 0)
            failure = await switchFleet(
              hosts,
              { ...config, logger },
              (host) => logger.group(
                `${host.host.label}: deploy ${config.version}${host.previous ? ` (live: ${host.previous})` : ""}`,
                () => host.deploy()
              )
            );
          if (failure !== void 0)
            for (const h of hosts.filter((x) => x.status === "failed" || x.status === "rolled-back"))
              await h.afterFailure();
          await Promise.all(
            hosts.filter((h) => h.status !== "skipped").map(
              (h) => h.record({
                event: "deploy",
                version: config.version,
                previous: h.previous,
                slot: h.slot,
                status: historyStatus(h),
                error: h.error
              })
            )
          );
          if (failure === void 0) {
            for (const h of hosts.filter((x) => x.status === "deployed")) {
              await h.prune().catch(
                (error) => logger.warning(`${h.host.label}: pruning failed: ${errorMessage(error)}`)
              );
            }
          }
        } catch (error) {
          if (error instanceof CancelledError) await recordCancelled(hosts, "deploy");
          throw error;
        }
        return {
          ok: failure === void 0,
          rolledBack: failure !== void 0 && hosts.every((h) => !h.switched),
          hosts: hosts.map((h) => h.outcome()),
          durationMs: deps.clock.now() - started,
          error: failure
        };
      }
    );
  } finally {
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  }
}

export {
  blueGreenPhases,
  inPlacePhases,
  composeEnvValueProblem,
  composeEnvPairs,
  COMPOSE_RESERVED_KEYS,
  inspectHost,
  HostDeploy,
  connectFleet,
  withLockedFleet,
  switchFleet,
  historyStatus,
  recordCancelled,
  deployRelease
};
//# sourceMappingURL=chunk-46SEIOBS.js.map
