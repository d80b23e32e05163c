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
function formatFileCommand(name, value, delimiter = `ghadelimiter_${randomUUID()}`) {
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: name or value contains the delimiter ${delimiter}`);
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
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
  sleep: (ms, signal) => new Promise((resolve, reject) => {
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
        resolve();
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
function hasControlCharacter(text) {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 127) return true;
  }
  return false;
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

// packages/ssh/src/hostkeys.ts
var ALGORITHMS_BY_TYPE = {
  "ssh-ed25519": ["ssh-ed25519"],
  "ecdsa-sha2-nistp256": ["ecdsa-sha2-nistp256"],
  "ecdsa-sha2-nistp384": ["ecdsa-sha2-nistp384"],
  "ecdsa-sha2-nistp521": ["ecdsa-sha2-nistp521"],
  "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
};
var TYPE_ALIASES = {
  ED25519: "ssh-ed25519",
  ECDSA: "ecdsa-sha2-nistp256",
  RSA: "ssh-rsa"
};
var FINGERPRINT_FORM = "SHA256:<43 base64 characters>, optionally with its key type ('ssh-ed25519 SHA256:\u2026' or 'SHA256:\u2026 (ED25519)'), one line per host as 'host=SHA256:\u2026' (or 'host:port=\u2026') when there are several";
function keyTypeOf(key) {
  if (key.length < 4) return "unknown";
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString("latin1");
}
function parseFingerprintPins(input, items) {
  return items.map((item) => {
    const named = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?=(.+)$/.exec(item.trim());
    const [, name = "", port, namedPin = ""] = named ?? [];
    const host = named ? { name: name.replace(/^\[|\]$/g, ""), ...port ? { port: Number(port) } : {} } : void 0;
    const pin = named ? namedPin : item;
    const match = /^(?:([a-z0-9-]+@?[a-z0-9.-]*)\s+)?(SHA256:[A-Za-z0-9+/]{43})=?(?:\s+\((\w+)\))?$/.exec(
      pin.trim()
    );
    if (!match) throw new ConfigurationError(messages.invalidInput(input, FINGERPRINT_FORM, item));
    const [, prefixType, fingerprint = "", suffixType] = match;
    const type2 = prefixType ?? (suffixType ? TYPE_ALIASES[suffixType.toUpperCase()] : void 0);
    if (prefixType && !ALGORITHMS_BY_TYPE[prefixType] || suffixType && !type2) {
      throw new ConfigurationError(messages.invalidInput(input, FINGERPRINT_FORM, item));
    }
    return { fingerprint, type: type2, ...host ? { host } : {} };
  });
}
function pinsFor(pins, host, port) {
  const named = pins.filter((p) => p.host && p.host.name === host && (p.host.port ?? port) === port);
  return named.length > 0 ? named : pins.filter((p) => !p.host);
}
function checkPinCoverage(input, pins, targets) {
  for (const pin of pins) {
    if (!pin.host) continue;
    const { name, port } = pin.host;
    if (!targets.some((t) => t.host === name && (port === void 0 || t.port === port)))
      throw new ConfigurationError(
        `Input '${input}' pins ${name}${port === void 0 ? "" : `:${port}`}, which is not one of 'hosts' or 'proxy-jump'`
      );
  }
  const unpinned = targets.filter((t) => pinsFor(pins, t.host, t.port).length === 0);
  if (unpinned.length > 0)
    throw new ConfigurationError(
      `Input '${input}' has no pin for ${unpinned.map((t) => `${t.host}:${t.port}`).join(", ")}: add a line 'host=SHA256:\u2026' for each host`
    );
  const bareUsers = targets.filter((t) => pinsFor(pins, t.host, t.port).every((p) => !p.host));
  if (bareUsers.length > 1)
    return `'${input}': the same unnamed pins are accepted for ${bareUsers.length} hosts (${bareUsers.map((t) => t.host).join(", ")}), so one host's key would be accepted for another; pin each host as 'host=SHA256:\u2026'`;
  return void 0;
}
var KNOWN_HOSTS_FORM = "known_hosts lines: [@revoked] host[,host\u2026] key-type base64-key";
function parseKnownHosts(input, text) {
  const entries = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0] === "@revoked") {
      revoked = true;
      fields.shift();
    } else if (fields[0]?.startsWith("@")) {
      throw new ConfigurationError(
        messages.invalidInput(input, `${KNOWN_HOSTS_FORM} (${fields[0]} is not supported)`, line)
      );
    }
    const [hosts, type2, base64] = fields;
    const key = base64 && /^[A-Za-z0-9+/]+=*$/.test(base64) ? Buffer.from(base64, "base64") : void 0;
    if (!hosts || !type2 || !key || keyTypeOf(key) !== type2) {
      throw new ConfigurationError(messages.invalidInput(input, KNOWN_HOSTS_FORM, line));
    }
    entries.push({ hosts: hosts.split(","), type: type2, key, revoked });
  }
  return entries;
}

// packages/ssh/src/target.ts
var TARGET_FORM = "[user@]host[:port] with a host name, IPv4 address or [IPv6] address";
var USER = /^[a-z_][a-z0-9_.-]{0,31}$/i;
var HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
var IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
var IPV6 = /^[0-9A-Fa-f:.]+$/;
function isValidUser(user) {
  return USER.test(user);
}
function parseTarget(input, text, defaults) {
  const fail = () => {
    throw new ConfigurationError(messages.invalidInput(input, TARGET_FORM, text));
  };
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:@[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return fail();
  const [, user = defaults.user, rawHost = "", rawPort] = match;
  const bracketed = rawHost.startsWith("[");
  const host = bracketed ? rawHost.slice(1, -1) : rawHost;
  if (!isValidUser(user)) return fail();
  if (bracketed ? !(IPV6.test(host) && host.includes(":")) : !(HOSTNAME.test(host) || IPV4.test(host)))
    return fail();
  const port = rawPort === void 0 ? defaults.port : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail();
  return { user, host, port };
}

// packages/ssh/src/keys.ts
var keyMessages = {
  publicKey: () => "Input 'ssh-key' holds a public key; paste the private key instead (the file without .pub, beginning with '-----BEGIN OPENSSH PRIVATE KEY-----')",
  puttyKey: () => "Input 'ssh-key' is a PuTTY .ppk key, which is not supported; convert it with 'puttygen key.ppk -O private-openssh -o key' and paste the result",
  needsPassphrase: () => "Input 'ssh-key' is encrypted with a passphrase; set 'ssh-key-passphrase'",
  wrongPassphrase: () => "Input 'ssh-key-passphrase' does not decrypt 'ssh-key' (wrong passphrase)",
  unsupported: (length, firstLine) => `Input 'ssh-key' is not a private key in a supported format (OpenSSH, or PEM RSA/ECDSA/ED25519/PKCS#8); got a value of ${length} characters${/^-----BEGIN [A-Z0-9 ]+-----$/.test(firstLine) ? ` starting with '${firstLine}'` : ""}`,
  passphraseWithoutKey: () => "Input 'ssh-key-passphrase' is set but 'ssh-key' is not"
};

// packages/ssh/src/inputs.ts
var sshMessages = {
  noHostKeyPolicy: () => "Set 'host-fingerprint' (SHA256:\u2026 from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host) or 'known-hosts' (from 'ssh-keyscan -p <port> <host>'), or set 'insecure-skip-host-key-check: true' to connect to an unverified host",
  noCredentials: () => "Set 'ssh-key' (recommended) or 'password' to authenticate",
  bothHostKeyInputs: () => "Set either 'host-fingerprint' or 'known-hosts', not both"
};
function readSshConnectionInputs(read2, options = {}) {
  const sshKey = read2.string("ssh-key", { secret: true, raw: true });
  const passphrase = read2.string("ssh-key-passphrase", { secret: true, raw: true });
  const password = read2.string("password", { secret: true, raw: true });
  const user = read2.string("user", { required: true, accepted: "a user name (letters, digits, _ . -)" });
  if (!isValidUser(user))
    throw new ConfigurationError(
      `Input 'user' must be a user name (letters, digits, _ . -), got ${JSON.stringify(user)}`
    );
  const port = read2.requiredInt("port", { min: 1, max: 65535 });
  const hosts = read2.list("hosts", { required: !options.optional, accepted: `one or more ${TARGET_FORM}` }).map((h) => parseTarget("hosts", h, { user, port }));
  const fingerprints = read2.list("host-fingerprint");
  const knownHosts = read2.string("known-hosts", { raw: true });
  const insecure = read2.boolean("insecure-skip-host-key-check");
  const proxyJumpText = read2.string("proxy-jump");
  const connectTimeout = read2.requiredDuration("connect-timeout", { minMs: 1e3, maxMs: 6e5 });
  const pins = parseFingerprintPins("host-fingerprint", fingerprints);
  const entries = knownHosts ? parseKnownHosts("known-hosts", knownHosts) : [];
  if (pins.length > 0 && entries.length > 0) throw new ConfigurationError(sshMessages.bothHostKeyInputs());
  let hostKeys;
  if (pins.length > 0) hostKeys = { kind: "fingerprints", pins };
  else if (entries.length > 0) hostKeys = { kind: "known-hosts", entries };
  else if (insecure) hostKeys = { kind: "insecure" };
  else if (hosts.length === 0) hostKeys = { kind: "insecure" };
  else throw new ConfigurationError(sshMessages.noHostKeyPolicy());
  if (hosts.length === 0) return void 0;
  if (!sshKey && !password) throw new ConfigurationError(sshMessages.noCredentials());
  if (passphrase && !sshKey) throw new ConfigurationError(keyMessages.passphraseWithoutKey());
  const proxyJump = proxyJumpText ? parseTarget("proxy-jump", proxyJumpText, { user, port: 22 }) : void 0;
  const warnings = [];
  if (hostKeys.kind === "fingerprints") {
    const warning = checkPinCoverage("host-fingerprint", pins, [...hosts, ...proxyJump ? [proxyJump] : []]);
    if (warning) warnings.push(warning);
  }
  return {
    hosts,
    "ssh-key": sshKey,
    "ssh-key-passphrase": passphrase,
    password,
    hostKeys,
    "proxy-jump": proxyJump,
    "connect-timeout": connectTimeout,
    warnings
  };
}

// packages/ssh/src/fleet-inputs.ts
function readSshInputs(read2) {
  const connection = readSshConnectionInputs(read2);
  const commandTimeout = read2.requiredDuration("command-timeout", { minMs: 1e3, maxMs: 6 * 36e5 });
  const maxParallel = read2.int("max-parallel", { min: 1, max: 1e3 });
  return {
    ...connection,
    "command-timeout": commandTimeout,
    "max-parallel": maxParallel ?? connection.hosts.length,
    "fail-fast": read2.boolean("fail-fast")
  };
}

// packages/health/src/expectations.ts
var STATUS_FORM = "HTTP status codes 100-599 as a list or ranges, like 200,204 or 200-299";
function parseStatusRanges(text) {
  const ranges = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    if (!match) return void 0;
    const min = Number(match[1]);
    const max = Number(match[2] ?? match[1]);
    if (min < 100 || max > 599 || min > max) return void 0;
    ranges.push({ min, max });
  }
  return ranges.length > 0 ? ranges : void 0;
}
function parseBodyExpectation(text) {
  const match = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!match) return { substring: text };
  try {
    const [, source = "", flags = ""] = match;
    return { regex: new RegExp(source, flags.replace(/[gy]/g, "")) };
  } catch {
    return void 0;
  }
}

// packages/release/src/gate-inputs.ts
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
var VERSION_FORM = "letters, digits and . _ + - (starting with a letter or digit, at most 128)";
function readGateInputs(read2) {
  const statusText = read2.string("health-expect-status", { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status)
    throw new ConfigurationError(messages.invalidInput("health-expect-status", STATUS_FORM, statusText));
  const bodyText = read2.string("health-expect-body");
  const body = bodyText === void 0 ? void 0 : parseBodyExpectation(bodyText);
  if (bodyText !== void 0 && !body)
    throw new ConfigurationError(
      messages.invalidInput("health-expect-body", "a substring, or a valid /regex/flags", bodyText)
    );
  return {
    intervalMs: read2.requiredDuration("health-interval", { minMs: 100, maxMs: 6e5 }),
    timeoutMs: read2.requiredDuration("health-timeout", { minMs: 1e3, maxMs: 36e5 }),
    successThreshold: read2.requiredInt("health-success-threshold", { min: 1, max: 100 }),
    expect: {
      status,
      body,
      version: read2.string("health-expect-version", { pattern: VERSION, accepted: VERSION_FORM })
    }
  };
}

// packages/release/src/inputs.ts
var APP = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
var SAFE_SEGMENT = /^(?!\.{1,2}$)(?!-)[A-Za-z0-9._-]+$/;
var HEALTH_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;
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
function isSafePath(path, absolute) {
  if (absolute !== path.startsWith("/")) return false;
  const segments = path.split("/").filter((s, i) => !(absolute && i === 0));
  return segments.length > 0 && segments.every((s) => SAFE_SEGMENT.test(s));
}
var STACK = /^[a-z0-9][a-z0-9_-]{0,62}$/;
var stackForms = {
  stack: "a stack name of lower-case letters, digits, _ and - (starting with a letter or digit, at most 63)",
  deployPath: "an absolute path, or one under '~/', of letters, digits and . _ - / without '..' segments"
};
function checkSwarmDeployPath(text) {
  const path = text.replace(/\/+$/, "");
  if (!isSafePath(path.startsWith("~/") ? path.slice(1) : path, true))
    throw new ConfigurationError(messages.invalidInput("deploy-path", stackForms.deployPath, text));
  return path;
}
function readAppInputs(read2) {
  const app = read2.string("app", { required: true, pattern: APP, accepted: forms.app });
  const deployPath = (read2.string("deploy-path") ?? `/opt/${app}`).replace(/\/+$/, "");
  if (!isSafePath(deployPath, true))
    throw new ConfigurationError(messages.invalidInput("deploy-path", forms.deployPath, deployPath));
  return { app, "deploy-path": deployPath };
}
function readHealthInputs(read2) {
  const path = read2.string("health-path", {
    required: true,
    pattern: HEALTH_PATH,
    accepted: forms.healthPath
  });
  const enabled = read2.boolean("health-check");
  return { enabled, path, url: read2.url("health-url"), ...readGateInputs(read2) };
}
var STOP_CHECK_S = 5;
function readSwitchInputs(read2, commandTimeoutMs) {
  const stop = read2.requiredDuration("stop-timeout", { minMs: 1e3, maxMs: 6e5 });
  if (stop + STOP_CHECK_S * 1e3 > commandTimeoutMs)
    throw new ConfigurationError(
      messages.invalidInput(
        "stop-timeout",
        `a duration at least ${STOP_CHECK_S}s shorter than 'command-timeout'`,
        read2.string("stop-timeout") ?? ""
      )
    );
  return {
    drain: read2.requiredDuration("drain", { maxMs: 6e5 }),
    "stop-timeout": stop,
    soak: read2.requiredDuration("soak", { maxMs: 6 * 36e5 }),
    "lock-timeout": read2.requiredDuration("lock-timeout", { maxMs: 6 * 36e5 }),
    "break-stale-lock-after": read2.duration("break-stale-lock-after", { minMs: 6e4 })
  };
}

// actions/rollback/inputs.ts
var REASON_MAX = 500;
function readInputs(read2) {
  const ssh = readSshInputs(read2);
  const reason = (read2.string("reason") ?? "").trim();
  if (reason.length > REASON_MAX || hasControlCharacter(reason)) {
    throw new ConfigurationError(
      messages.invalidInput("reason", `one line of at most ${REASON_MAX} characters`, reason.slice(0, 80))
    );
  }
  const mode = read2.enum("mode", ["release", "swarm"]);
  const to = read2.string("to", { pattern: VERSION, accepted: forms.version });
  const list = read2.boolean("list");
  if (mode === "swarm") {
    const url = read2.url("health-url");
    const gate = readGateInputs(read2);
    return {
      ...ssh,
      mode,
      stack: read2.string("stack", { required: true, pattern: STACK, accepted: stackForms.stack }),
      "deploy-path": checkSwarmDeployPath(read2.string("deploy-path") ?? "~/.deploy-kit"),
      to,
      reason,
      list,
      ...url ? { health: { enabled: true, path: url.pathname, url, ...gate } } : {},
      "lock-timeout": read2.requiredDuration("lock-timeout", { maxMs: 6 * 36e5 }),
      "allow-untrusted-event": read2.boolean("allow-untrusted-event")
    };
  }
  return {
    ...ssh,
    mode,
    ...readAppInputs(read2),
    to,
    reason,
    list,
    health: readHealthInputs(read2),
    ...readSwitchInputs(read2, ssh["command-timeout"]),
    "allow-untrusted-event": read2.boolean("allow-untrusted-event")
  };
}

// actions/rollback/index.ts
await runAction(deferRun("rollback", readInputs, async () => (await import("./main.js")).rollback));
//# sourceMappingURL=index.js.map
