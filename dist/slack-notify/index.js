import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});

// builtin:node:fs
var m = __require("node:fs");
var appendFile = m.appendFile;
var appendFileSync = m.appendFileSync;
var access = m.access;
var accessSync = m.accessSync;
var chown = m.chown;
var chownSync = m.chownSync;
var chmod = m.chmod;
var chmodSync = m.chmodSync;
var close = m.close;
var closeSync = m.closeSync;
var copyFile = m.copyFile;
var copyFileSync = m.copyFileSync;
var cp = m.cp;
var cpSync = m.cpSync;
var createReadStream = m.createReadStream;
var createWriteStream = m.createWriteStream;
var exists = m.exists;
var existsSync = m.existsSync;
var fchown = m.fchown;
var fchownSync = m.fchownSync;
var fchmod = m.fchmod;
var fchmodSync = m.fchmodSync;
var fdatasync = m.fdatasync;
var fdatasyncSync = m.fdatasyncSync;
var fstat = m.fstat;
var fstatSync = m.fstatSync;
var fsync = m.fsync;
var fsyncSync = m.fsyncSync;
var ftruncate = m.ftruncate;
var ftruncateSync = m.ftruncateSync;
var futimes = m.futimes;
var futimesSync = m.futimesSync;
var lchown = m.lchown;
var lchownSync = m.lchownSync;
var lchmod = m.lchmod;
var lchmodSync = m.lchmodSync;
var link = m.link;
var linkSync = m.linkSync;
var lstat = m.lstat;
var lstatSync = m.lstatSync;
var lutimes = m.lutimes;
var lutimesSync = m.lutimesSync;
var mkdir = m.mkdir;
var mkdirSync = m.mkdirSync;
var mkdtemp = m.mkdtemp;
var mkdtempSync = m.mkdtempSync;
var open = m.open;
var openSync = m.openSync;
var openAsBlob = m.openAsBlob;
var readdir = m.readdir;
var readdirSync = m.readdirSync;
var read = m.read;
var readSync = m.readSync;
var readv = m.readv;
var readvSync = m.readvSync;
var readFile = m.readFile;
var readFileSync = m.readFileSync;
var readlink = m.readlink;
var readlinkSync = m.readlinkSync;
var realpath = m.realpath;
var realpathSync = m.realpathSync;
var rename = m.rename;
var renameSync = m.renameSync;
var rm = m.rm;
var rmSync = m.rmSync;
var rmdir = m.rmdir;
var rmdirSync = m.rmdirSync;
var stat = m.stat;
var statfs = m.statfs;
var statSync = m.statSync;
var statfsSync = m.statfsSync;
var symlink = m.symlink;
var symlinkSync = m.symlinkSync;
var truncate = m.truncate;
var truncateSync = m.truncateSync;
var unwatchFile = m.unwatchFile;
var unlink = m.unlink;
var unlinkSync = m.unlinkSync;
var utimes = m.utimes;
var utimesSync = m.utimesSync;
var watch = m.watch;
var watchFile = m.watchFile;
var writeFile = m.writeFile;
var writeFileSync = m.writeFileSync;
var write = m.write;
var writeSync = m.writeSync;
var writev = m.writev;
var writevSync = m.writevSync;
var Dirent = m.Dirent;
var Stats = m.Stats;
var _toUnixTimestamp = m._toUnixTimestamp;
var Dir = m.Dir;
var opendir = m.opendir;
var opendirSync = m.opendirSync;
var F_OK = m.F_OK;
var R_OK = m.R_OK;
var W_OK = m.W_OK;
var X_OK = m.X_OK;
var constants = m.constants;

// builtin:node:crypto
var m2 = __require("node:crypto");
var checkPrime = m2.checkPrime;
var checkPrimeSync = m2.checkPrimeSync;
var createCipheriv = m2.createCipheriv;
var createDecipheriv = m2.createDecipheriv;
var createDiffieHellman = m2.createDiffieHellman;
var createDiffieHellmanGroup = m2.createDiffieHellmanGroup;
var createECDH = m2.createECDH;
var createHash = m2.createHash;
var createHmac = m2.createHmac;
var createPrivateKey = m2.createPrivateKey;
var createPublicKey = m2.createPublicKey;
var createSecretKey = m2.createSecretKey;
var createSign = m2.createSign;
var createVerify = m2.createVerify;
var diffieHellman = m2.diffieHellman;
var generatePrime = m2.generatePrime;
var generatePrimeSync = m2.generatePrimeSync;
var getCiphers = m2.getCiphers;
var getCipherInfo = m2.getCipherInfo;
var getCurves = m2.getCurves;
var getDiffieHellman = m2.getDiffieHellman;
var getHashes = m2.getHashes;
var hkdf = m2.hkdf;
var hkdfSync = m2.hkdfSync;
var pbkdf2 = m2.pbkdf2;
var pbkdf2Sync = m2.pbkdf2Sync;
var generateKeyPair = m2.generateKeyPair;
var generateKeyPairSync = m2.generateKeyPairSync;
var generateKey = m2.generateKey;
var generateKeySync = m2.generateKeySync;
var privateDecrypt = m2.privateDecrypt;
var privateEncrypt = m2.privateEncrypt;
var publicDecrypt = m2.publicDecrypt;
var publicEncrypt = m2.publicEncrypt;
var randomBytes = m2.randomBytes;
var randomFill = m2.randomFill;
var randomFillSync = m2.randomFillSync;
var randomInt = m2.randomInt;
var randomUUID = m2.randomUUID;
var scrypt = m2.scrypt;
var scryptSync = m2.scryptSync;
var sign = m2.sign;
var setEngine = m2.setEngine;
var timingSafeEqual = m2.timingSafeEqual;
var getFips = m2.getFips;
var setFips = m2.setFips;
var verify = m2.verify;
var hash = m2.hash;
var Certificate = m2.Certificate;
var Cipher = m2.Cipher;
var Cipheriv = m2.Cipheriv;
var Decipher = m2.Decipher;
var Decipheriv = m2.Decipheriv;
var DiffieHellman = m2.DiffieHellman;
var DiffieHellmanGroup = m2.DiffieHellmanGroup;
var ECDH = m2.ECDH;
var Hash = m2.Hash;
var Hmac = m2.Hmac;
var KeyObject = m2.KeyObject;
var Sign = m2.Sign;
var Verify = m2.Verify;
var X509Certificate = m2.X509Certificate;
var secureHeapUsed = m2.secureHeapUsed;
var createCipher = m2.createCipher;
var createDecipher = m2.createDecipher;
var constants2 = m2.constants;

// builtin:node:os
var m3 = __require("node:os");
var arch = m3.arch;
var availableParallelism = m3.availableParallelism;
var cpus = m3.cpus;
var endianness = m3.endianness;
var freemem = m3.freemem;
var getPriority = m3.getPriority;
var homedir = m3.homedir;
var hostname = m3.hostname;
var loadavg = m3.loadavg;
var networkInterfaces = m3.networkInterfaces;
var platform = m3.platform;
var release = m3.release;
var setPriority = m3.setPriority;
var tmpdir = m3.tmpdir;
var totalmem = m3.totalmem;
var type = m3.type;
var userInfo = m3.userInfo;
var uptime = m3.uptime;
var version = m3.version;
var machine = m3.machine;
var constants3 = m3.constants;
var EOL = m3.EOL;
var devNull = m3.devNull;

// packages/core/src/commands.ts
function escapeData(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(value) {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function formatCommand(command, message, properties = {}) {
  const props = Object.entries(properties).filter((entry) => entry[1] !== void 0).map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}
function formatFileCommand(name, value, delimiter2 = `ghadelimiter_${randomUUID()}`) {
  if (name.includes(delimiter2) || value.includes(delimiter2)) {
    throw new Error(`Unexpected input: name or value contains the delimiter ${delimiter2}`);
  }
  return `${name}<<${delimiter2}${EOL}${value}${EOL}${delimiter2}${EOL}`;
}
function appendFileCommand(file, name, value) {
  appendFileSync(file, formatFileCommand(name, value), { encoding: "utf8" });
}
function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function formatAnnotation(kind, message, where = {}) {
  return formatCommand(kind, message, {
    title: where.title,
    file: where.file,
    line: where.startLine,
    endLine: where.endLine,
    col: where.startColumn,
    endColumn: where.endColumn
  });
}

// packages/core/src/errors.ts
var ERROR_CLASS = /* @__PURE__ */ Symbol.for("deploy-kit.error-class");
var ClassifiedError = class extends Error {
  [ERROR_CLASS] = this.name;
  static [Symbol.hasInstance](value) {
    return typeof value === "object" && value !== null && value[ERROR_CLASS] === this.prototype.name;
  }
};
var ConfigurationError = class extends ClassifiedError {
};
ConfigurationError.prototype.name = "ConfigurationError";
var ActionFailedError = class extends ClassifiedError {
};
ActionFailedError.prototype.name = "ActionFailedError";
var CancelledError = class extends ClassifiedError {
  constructor(message = "Cancelled") {
    super(message);
  }
};
CancelledError.prototype.name = "CancelledError";
var MAX_SHOWN = 60;
function showValue(value) {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}\u2026` : value;
  return JSON.stringify(cut);
}
var messages = {
  invalidInput: (input, accepted, value, secret = false) => `Input '${input}' must be ${accepted}, got ${secret ? `a value of ${value.length} characters` : showValue(value)}`,
  requiredInput: (input, accepted) => `Input '${input}' is required: ${accepted}`,
  untrustedEvent: (event) => `Refusing to run on a '${event}' event, which runs with code or data from a fork; set 'allow-untrusted-event: true' if you have reviewed the risk`,
  cancelled: () => "Cancelled: the job was stopped (SIGINT/SIGTERM)"
};
function errorMessage(error) {
  if (!(error instanceof Error)) return String(error);
  return error.message === "fetch failed" && error.cause instanceof Error ? `fetch failed: ${error.cause.message}` : error.message;
}

// packages/core/src/clock.ts
var systemClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve2, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve2();
      },
      Math.max(0, ms)
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  })
};

// packages/core/src/event.ts
function loadEvent(env) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  const path = env.GITHUB_EVENT_PATH;
  let payload = {};
  if (path) {
    try {
      payload = JSON.parse(readFileSync(path, "utf8"));
    } catch {
      payload = {};
    }
  }
  return { name, payload };
}

// packages/core/src/inputs.ts
var DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)?$/;
var DURATION_FORM = "a duration like 500ms, 30s, 5m, 1h, 30d, 2w or a number of seconds";
var UNIT_MS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 7 * 864e5
};
var ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
function parseDuration(text) {
  const match = DURATION.exec(text);
  if (!match) return void 0;
  const unit = match[2] ?? "s";
  const ms = Number(match[1]) * UNIT_MS[unit];
  return Number.isFinite(ms) ? Math.round(ms) : void 0;
}
function splitList(text) {
  return text.split(/[\n,]/).map((item) => item.trim()).filter((item) => item.length > 0);
}
var InputReader = class {
  constructor(source, secrets) {
    this.source = source;
    this.secrets = secrets;
  }
  source;
  secrets;
  raw(name, keepWhitespace = false) {
    const value = this.source(name) ?? "";
    return keepWhitespace ? value : value.trim();
  }
  string(name, options = {}) {
    const value = this.raw(name, options.raw);
    if (options.secret && value) this.secrets.register(value);
    const accepted = options.accepted ?? (options.pattern ? `a value matching ${options.pattern}` : "a value");
    if (value.trim() === "") {
      if (options.required) throw new ConfigurationError(messages.requiredInput(name, accepted));
      return void 0;
    }
    if (options.pattern && !options.pattern.test(value)) {
      throw new ConfigurationError(messages.invalidInput(name, accepted, value, options.secret));
    }
    return value;
  }
  int(name, range) {
    const value = this.raw(name);
    const accepted = `an integer ${range.min}-${range.max}`;
    if (value === "") {
      if (range.required) throw new ConfigurationError(messages.requiredInput(name, accepted));
      return void 0;
    }
    const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < range.min || parsed > range.max) {
      throw new ConfigurationError(messages.invalidInput(name, accepted, value));
    }
    return parsed;
  }
  requiredInt(name, range) {
    return this.int(name, { ...range, required: true });
  }
  /** Exactly `true` or `false`: a typo must not silently mean "off". */
  boolean(name) {
    const value = this.raw(name);
    if (value === "true") return true;
    if (value === "false") return false;
    if (value === "") throw new ConfigurationError(messages.requiredInput(name, "true or false"));
    throw new ConfigurationError(messages.invalidInput(name, "true or false", value));
  }
  duration(name, range = {}) {
    const value = this.raw(name);
    if (value === "") {
      if (range.required) throw new ConfigurationError(messages.requiredInput(name, DURATION_FORM));
      return void 0;
    }
    const ms = parseDuration(value);
    if (ms === void 0) throw new ConfigurationError(messages.invalidInput(name, DURATION_FORM, value));
    const { minMs = 0, maxMs = Number.MAX_SAFE_INTEGER } = range;
    if (ms < minMs || ms > maxMs) {
      const bounds = `${DURATION_FORM}, between ${formatMs(minMs)} and ${formatMs(maxMs)}`;
      throw new ConfigurationError(messages.invalidInput(name, bounds, value));
    }
    return ms;
  }
  requiredDuration(name, range = {}) {
    return this.duration(name, { ...range, required: true });
  }
  /** Newline- or comma-separated items, trimmed, empty ones dropped. */
  list(name, options = {}) {
    const value = this.raw(name);
    if (options.secret && value) this.secrets.register(value);
    const accepted = options.accepted ?? "a list separated by newlines or commas";
    const items = splitList(value);
    if (items.length === 0 && options.required)
      throw new ConfigurationError(messages.requiredInput(name, accepted));
    for (const item of items) {
      if (options.item && !options.item.test(item)) {
        throw new ConfigurationError(messages.invalidInput(name, accepted, item, options.secret));
      }
    }
    return items;
  }
  /** `KEY=VALUE` lines; blank lines and `#` comments skipped; the value may contain `=`. */
  keyValues(name, options = {}) {
    const value = this.raw(name, true);
    const keyPattern = options.key ?? ENV_KEY;
    const accepted = `KEY=VALUE lines with KEY ${options.keyForm ?? "matching [A-Za-z_][A-Za-z0-9_]*"}` + (options.multiline ? ", or KEY<<DELIMITER, the value lines, then DELIMITER alone" : "");
    const pairs = [];
    const seen = /* @__PURE__ */ new Set();
    const lines = value.split(/\r?\n/);
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i] ?? "";
      if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
      const heredoc = options.multiline ? /^\s*([^=<\s]+)<<([A-Za-z0-9_-]+)\s*$/.exec(line) : null;
      const eq = line.indexOf("=");
      const key = heredoc ? heredoc[1] ?? "" : eq > 0 ? line.slice(0, eq).trim() : "";
      if (!keyPattern.test(key))
        throw new ConfigurationError(messages.invalidInput(name, accepted, line, options.secret));
      if (seen.has(key))
        throw new ConfigurationError(
          messages.invalidInput(name, `${accepted}, each KEY once`, line, options.secret)
        );
      seen.add(key);
      let entryValue = line.slice(eq + 1);
      if (heredoc) {
        const end = lines.indexOf(heredoc[2] ?? "", i + 1);
        if (end < 0)
          throw new ConfigurationError(
            `Input '${name}': ${key}<<${heredoc[2] ?? ""} has no closing line ${heredoc[2] ?? ""}`
          );
        entryValue = lines.slice(i + 1, end).join("\n");
        i = end;
      }
      if (options.secret) this.secrets.register(entryValue);
      pairs.push([key, entryValue]);
    }
    return pairs;
  }
  /** `Name: value` lines. Values are registered as secrets: they often carry tokens. */
  headers(name) {
    const value = this.raw(name, true);
    const accepted = "'Name: value' lines";
    const headers = [];
    for (const line of value.split(/\r?\n/)) {
      if (line.trim() === "") continue;
      const colon = line.indexOf(":");
      const headerName = colon > 0 ? line.slice(0, colon).trim() : "";
      const headerValue = colon > 0 ? line.slice(colon + 1).trim() : "";
      if (headerValue) this.secrets.register(headerValue);
      if (!HEADER_NAME.test(headerName)) {
        throw new ConfigurationError(messages.invalidInput(name, accepted, headerName || line, true));
      }
      headers.push({ name: headerName, value: headerValue });
    }
    return headers;
  }
  url(name, options = {}) {
    const value = this.raw(name);
    if (options.secret && value) this.secrets.register(value);
    const protocols = options.protocols ?? ["http:", "https:"];
    const accepted = `a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`;
    if (value === "") {
      if (options.required) throw new ConfigurationError(messages.requiredInput(name, accepted));
      return void 0;
    }
    return parseUrl(name, value, protocols, accepted, this.secrets, options.secret);
  }
  urls(name, options = {}) {
    const protocols = options.protocols ?? ["http:", "https:"];
    const accepted = `one or more URLs starting with ${protocols.map((p) => `${p}//`).join(" or ")}`;
    const items = this.list(name, { required: options.required ?? false, accepted });
    return items.map((item) => parseUrl(name, item, protocols, accepted, this.secrets));
  }
  enum(name, values) {
    const value = this.raw(name);
    if (values.includes(value)) return value;
    const accepted = `one of ${values.join(", ")}`;
    if (value === "") throw new ConfigurationError(messages.requiredInput(name, accepted));
    throw new ConfigurationError(messages.invalidInput(name, accepted, value));
  }
};
function parseUrl(name, value, protocols, accepted, secrets, secret = false) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(messages.invalidInput(name, accepted, value, secret));
  }
  if (url.password) secrets.register(decodeURIComponent(url.password));
  if (!protocols.includes(url.protocol) || url.hostname === "" || /\s/.test(value)) {
    throw new ConfigurationError(
      messages.invalidInput(name, accepted, secret ? value : url.password ? redactUrl(url) : value, secret)
    );
  }
  return url;
}
function redactUrl(url) {
  if (!url.password && !url.username) return url.href;
  const copy = new URL(url.href);
  copy.password = copy.password ? "***" : "";
  return copy.href;
}
function formatMs(ms) {
  if (ms >= 36e5 && ms % 36e5 === 0) return `${ms / 36e5}h`;
  if (ms >= 6e4 && ms % 6e4 === 0) return `${ms / 6e4}m`;
  if (ms >= 1e3 && ms % 1e3 === 0) return `${ms / 1e3}s`;
  return `${ms}ms`;
}

// packages/core/src/fence.ts
function fenceUntrusted(text, token = randomBytes(16).toString("hex")) {
  return `::stop-commands::${token}
${text}
::${token}::`;
}

// packages/core/src/logger.ts
var ActionsLogger = class {
  constructor(secrets, write2 = (line) => process.stdout.write(`${line}
`), fence = fenceUntrusted) {
    this.secrets = secrets;
    this.write = write2;
    this.fence = fence;
  }
  secrets;
  write;
  fence;
  emit(line) {
    this.write(this.secrets.redact(line));
  }
  /**
   * The runner splits lines on a bare \r too, and reads a line that starts with `::` as a workflow
   * command: a message carrying text we did not write (a commit header, an S3 key) with such a line
   * is fenced whole, so it prints as text.
   */
  info(message) {
    const lines = message.split(/\r\n|\r|\n/);
    const text = lines.join("\n");
    this.emit(lines.some((line) => line.trimStart().startsWith("::")) ? this.fence(text) : text);
  }
  debug(message) {
    this.emit(formatCommand("debug", message));
  }
  warning(message) {
    this.emit(formatAnnotation("warning", message));
  }
  error(message) {
    this.emit(formatAnnotation("error", message));
  }
  untrusted(text) {
    if (text.length > 0) this.emit(this.fence(text));
  }
  async group(title, body) {
    this.emit(formatCommand("group", title));
    try {
      return await body();
    } finally {
      this.write("::endgroup::");
    }
  }
};

// packages/core/src/secrets.ts
var MIN_LINE_LENGTH = 4;
var SecretRegistry = class {
  constructor(sink = () => void 0) {
    this.sink = sink;
  }
  sink;
  values = /* @__PURE__ */ new Set();
  /** Registers the whole value, each non-empty line, and base64 and URL-encoded forms. */
  register(secret) {
    if (secret.length === 0) return;
    const forms2 = /* @__PURE__ */ new Set([secret, secret.trim()]);
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= MIN_LINE_LENGTH) forms2.add(trimmed);
    }
    for (const base of [...forms2]) {
      forms2.add(Buffer.from(base, "utf8").toString("base64"));
      forms2.add(encodeURIComponent(base));
    }
    for (const form of forms2) {
      if (form.length === 0 || this.values.has(form)) continue;
      this.values.add(form);
      this.sink(form);
    }
  }
  /** Replaces every registered form with `***` (longest first, so a line inside a value is covered). */
  redact(text) {
    let out = text;
    const ordered = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of ordered) out = out.split(value).join("***");
    return out;
  }
  get size() {
    return this.values.size;
  }
};

// packages/core/src/action.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var SUMMARY_CUT = "_(More of this summary was left out: a step summary is limited to 1 MiB.)_";
function actionsRuntime(env = process.env) {
  let summaryBytes = 0;
  const write2 = (line) => {
    process.stdout.write(`${line}
`);
  };
  const secrets = new SecretRegistry((value) => write2(formatCommand("add-mask", value)));
  return {
    inputs: (name) => env[inputEnvName(name)],
    logger: new ActionsLogger(secrets, write2),
    secrets,
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) appendFileCommand(env.GITHUB_OUTPUT, name, value);
      else write2(formatCommand("set-output", value, { name }));
    },
    appendSummary: (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      const text = `${secrets.redact(markdown)}
`;
      const size = Buffer.byteLength(text);
      if (summaryBytes + size <= SUMMARY_LIMIT_BYTES - SUMMARY_CUT.length - 1)
        appendFileSync(env.GITHUB_STEP_SUMMARY, text);
      else if (summaryBytes < SUMMARY_LIMIT_BYTES)
        appendFileSync(env.GITHUB_STEP_SUMMARY, `${SUMMARY_CUT}
`);
      summaryBytes = Math.min(SUMMARY_LIMIT_BYTES, summaryBytes + size);
    },
    env
  };
}
async function executeAction(definition, runtime, signal, clock = systemClock) {
  const { logger } = runtime;
  try {
    const inputs = await definition.readInputs(new InputReader(runtime.inputs, runtime.secrets), runtime.env);
    const ctx = {
      logger,
      secrets: runtime.secrets,
      setOutput: (name, value) => runtime.setOutput(name, String(value)),
      writeSummary: (summary) => runtime.appendSummary(summary.toString()),
      signal,
      env: runtime.env,
      event: loadEvent(runtime.env),
      clock
    };
    await definition.run(inputs, ctx);
    return 0;
  } catch (error) {
    if (signal.aborted || error instanceof CancelledError) {
      logger.error(messages.cancelled());
    } else if (error instanceof ConfigurationError || error instanceof ActionFailedError) {
      logger.error(error.message);
    } else {
      logger.error(`${definition.name} failed unexpectedly: ${errorMessage(error)}`);
      if (error instanceof Error && error.stack) logger.debug(error.stack);
    }
    return 1;
  }
}
function deferRun(name, readInputs2, load) {
  return { name, readInputs: readInputs2, run: async (inputs, ctx) => (await load()).run(inputs, ctx) };
}
var CANCEL_GRACE_MS = 5e3;
async function runAction(definition, runtime = actionsRuntime()) {
  const controller = new AbortController();
  const onSignal = (signalName) => {
    if (controller.signal.aborted) return;
    runtime.logger.warning(`Received ${signalName}: stopping (at most ${CANCEL_GRACE_MS / 1e3}s)`);
    controller.abort(new CancelledError());
    setTimeout(() => {
      runtime.logger.error(
        `${definition.name} did not stop within ${CANCEL_GRACE_MS / 1e3}s of ${signalName}; exiting`
      );
      process.exit(1);
    }, CANCEL_GRACE_MS);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const code = await executeAction(definition, runtime, controller.signal);
  process.exit(code);
}

// builtin:node:path
var m4 = __require("node:path");
var resolve = m4.resolve;
var normalize = m4.normalize;
var isAbsolute = m4.isAbsolute;
var join = m4.join;
var relative = m4.relative;
var toNamespacedPath = m4.toNamespacedPath;
var dirname = m4.dirname;
var basename = m4.basename;
var extname = m4.extname;
var format = m4.format;
var parse = m4.parse;
var matchesGlob = m4.matchesGlob;
var sep = m4.sep;
var delimiter = m4.delimiter;
var win32 = m4.win32;
var posix = m4.posix;
var _makeLong = m4._makeLong;

// packages/slack/src/inputs.ts
var slackForms = {
  channel: "a channel ID (C0123ABCD) or #name",
  token: "a Slack bot or user token (xoxb-\u2026 or xoxp-\u2026)",
  ts: "a message timestamp such as 1700000000.123456 (the ts output of an earlier step)",
  mention: "Slack mentions separated by spaces: <!subteam^ID>, <@USERID>, <!here> or <!channel> (the last two only if you mean it)",
  needs: 'the JSON of toJSON(needs): {"job": {"result": "success", "outputs": {...}}}',
  target: "'webhook-url', or 'bot-token' with 'channel'"
};
var CHANNEL = /^(?:[CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9._-]{0,79})$/;
var TOKEN = /^xox[bp]-[A-Za-z0-9-]{10,}$/;
var TS = /^\d{9,11}\.\d{1,6}$/;
var MENTION = /^(?:<!subteam\^[A-Z0-9]+(?:\|[^<>]{1,80})?>|<@[UW][A-Z0-9]+>|<!here>|<!channel>)$/;
var RESULTS = ["success", "failure", "cancelled", "skipped"];
function parseMention(name, text) {
  if (text === void 0) return void 0;
  const parts = text.trim().split(/\s+/);
  if (!parts.every((p) => MENTION.test(p)))
    throw new ConfigurationError(messages.invalidInput(name, slackForms.mention, text));
  return parts.join(" ");
}
function parseNeeds(name, text) {
  if (text === void 0) return [];
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(messages.invalidInput(name, slackForms.needs, text.slice(0, 80)));
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new ConfigurationError(messages.invalidInput(name, slackForms.needs, text.slice(0, 80)));
  return Object.entries(value).map(([job, entry]) => {
    const result = entry?.result;
    if (typeof result !== "string" || !RESULTS.includes(result)) {
      throw new ConfigurationError(
        `Input '${name}': job '${job}' has result ${JSON.stringify(result)}; expected one of ${RESULTS.join(", ")}`
      );
    }
    const rawOutputs = entry.outputs;
    const outputs = {};
    if (rawOutputs && typeof rawOutputs === "object") {
      for (const [k, v] of Object.entries(rawOutputs)) if (typeof v === "string") outputs[k] = v;
    }
    return { job, result, outputs };
  });
}
function slackTarget(names, values, optional) {
  if (values.webhook && values.token)
    throw new ConfigurationError(
      `Inputs '${names.webhook}' and '${names.token}' are both set: use one of them`
    );
  if (values.channel && !values.token)
    throw new ConfigurationError(
      `Input '${names.channel}' needs '${names.token}' (a webhook has its own channel)`
    );
  if (values.webhook) {
    if (values.ts)
      throw new ConfigurationError(
        `Input 'ts' needs '${names.token}' and '${names.channel}': an incoming webhook cannot update a message`
      );
    return { kind: "webhook", url: values.webhook };
  }
  if (values.token) {
    if (!values.channel)
      throw new ConfigurationError(messages.requiredInput(names.channel, slackForms.channel));
    return {
      kind: "bot",
      token: values.token,
      channel: values.channel,
      apiUrl: values.apiUrl,
      ts: values.ts
    };
  }
  if (optional) return void 0;
  throw new ConfigurationError(`Slack needs somewhere to send: set ${slackForms.target}`);
}

// packages/release/src/gate-inputs.ts
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
var VERSION_FORM = "letters, digits and . _ + - (starting with a letter or digit, at most 128)";

// packages/release/src/inputs.ts
var forms = {
  app: "a name of lower-case letters, digits and _ . - (starting with a letter or digit, at most 64)",
  version: VERSION_FORM,
  deployPath: "an absolute path of letters, digits and . _ - / without '..' segments",
  sharedPaths: "relative paths of letters, digits and . _ - / without '..' segments",
  ports: "one port (in-place) or two distinct ports blue,green (blue-green), each 1-65535",
  healthPath: "a path starting with '/'",
  socket: "an absolute path of letters, digits and . _ - / without '..' segments",
  caddyAdmin: "host:port (e.g. localhost:2019), unix//<absolute path>, or off"
};

// actions/slack-notify/inputs.ts
var STATUSES = ["success", "failure", "cancelled"];
function resolveStatus(given, needs) {
  if (given !== void 0) {
    if (!STATUSES.includes(given))
      throw new ConfigurationError(
        messages.invalidInput("status", `one of ${STATUSES.join(", ")} (e.g. \${{ job.status }})`, given)
      );
    return given;
  }
  if (needs.length === 0)
    throw new ConfigurationError(
      messages.requiredInput("status", `one of ${STATUSES.join(", ")}, or 'needs' to derive it from`)
    );
  if (needs.some((s) => s.result === "failure")) return "failure";
  if (needs.some((s) => s.result === "cancelled")) return "cancelled";
  return "success";
}
function parseStartedAt(text) {
  if (text === void 0) return void 0;
  const ms = /^\d{9,11}$/.test(text) ? Number(text) * 1e3 : /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    throw new ConfigurationError(
      messages.invalidInput("started-at", "an ISO 8601 time (2026-01-31T12:00:00Z) or Unix seconds", text)
    );
  return ms;
}
var PAYLOAD_FILE_LIMIT = 1024 * 1024;
function readPayload(read2, env) {
  const payload = read2.string("payload", { raw: true });
  const file = read2.string("payload-file");
  const templated = read2.boolean("payload-file-templated");
  if (payload !== void 0 && file !== void 0)
    throw new ConfigurationError("Set either 'payload' or 'payload-file', not both");
  if (templated && file === void 0)
    throw new ConfigurationError(
      "Input 'payload-file-templated' applies to 'payload-file', which is not set"
    );
  if (payload !== void 0) return { input: "payload", text: payload, templated: false };
  if (file === void 0) return void 0;
  const path = isAbsolute(file) ? file : resolve(env.GITHUB_WORKSPACE ?? process.cwd(), file);
  let text;
  try {
    if (statSync(path).size > PAYLOAD_FILE_LIMIT) throw new Error("too large");
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigurationError(
      messages.invalidInput(
        "payload-file",
        "a JSON or YAML file on the runner (relative to the workspace), up to 1 MB",
        file
      )
    );
  }
  return { input: "payload-file", text, templated };
}
function readInputs(read2, env = process.env) {
  const webhook = read2.url("webhook-url", { protocols: ["https:"], secret: true });
  const token = read2.string("bot-token", { secret: true, pattern: TOKEN, accepted: slackForms.token });
  const channel = read2.string("channel", { pattern: CHANNEL, accepted: slackForms.channel });
  const ts = read2.string("ts", { pattern: TS, accepted: slackForms.ts });
  const apiUrl = read2.url("api-url", { protocols: ["https:"], required: true });
  const target = slackTarget(
    { webhook: "webhook-url", token: "bot-token", channel: "channel" },
    { webhook, token, channel, ts, apiUrl },
    false
  );
  const needs = parseNeeds("needs", read2.string("needs"));
  const payload = readPayload(read2, env);
  const statusText = read2.string("status");
  const content = payload ? {
    kind: "payload",
    payload,
    ...statusText !== void 0 || needs.length > 0 ? { status: resolveStatus(statusText, needs) } : {}
  } : { kind: "standard", status: resolveStatus(statusText, needs) };
  return {
    target,
    content,
    needs,
    title: read2.string("title"),
    version: read2.string("version", { pattern: VERSION, accepted: forms.version }),
    environment: read2.string("environment"),
    "deployment-url": read2.url("deployment-url"),
    "mention-on-failure": parseMention("mention-on-failure", read2.string("mention-on-failure")),
    details: read2.string("details"),
    "started-at": parseStartedAt(read2.string("started-at")),
    "fail-on-error": read2.boolean("fail-on-error"),
    retries: read2.requiredInt("retries", { min: 0, max: 10 })
  };
}

// actions/slack-notify/index.ts
await runAction(deferRun("slack-notify", readInputs, async () => (await import("./main.js")).slackNotify));
//# sourceMappingURL=index.js.map
