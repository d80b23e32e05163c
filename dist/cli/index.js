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

// builtin:node:url
var m = __require("node:url");
var Url = m.Url;
var parse = m.parse;
var resolve = m.resolve;
var resolveObject = m.resolveObject;
var format = m.format;
var URL2 = m.URL;
var URLSearchParams = m.URLSearchParams;
var domainToASCII = m.domainToASCII;
var domainToUnicode = m.domainToUnicode;
var pathToFileURL = m.pathToFileURL;
var fileURLToPath = m.fileURLToPath;
var urlToHttpOptions = m.urlToHttpOptions;

// builtin:node:fs
var m2 = __require("node:fs");
var appendFile = m2.appendFile;
var appendFileSync = m2.appendFileSync;
var access = m2.access;
var accessSync = m2.accessSync;
var chown = m2.chown;
var chownSync = m2.chownSync;
var chmod = m2.chmod;
var chmodSync = m2.chmodSync;
var close = m2.close;
var closeSync = m2.closeSync;
var copyFile = m2.copyFile;
var copyFileSync = m2.copyFileSync;
var cp = m2.cp;
var cpSync = m2.cpSync;
var createReadStream = m2.createReadStream;
var createWriteStream = m2.createWriteStream;
var exists = m2.exists;
var existsSync = m2.existsSync;
var fchown = m2.fchown;
var fchownSync = m2.fchownSync;
var fchmod = m2.fchmod;
var fchmodSync = m2.fchmodSync;
var fdatasync = m2.fdatasync;
var fdatasyncSync = m2.fdatasyncSync;
var fstat = m2.fstat;
var fstatSync = m2.fstatSync;
var fsync = m2.fsync;
var fsyncSync = m2.fsyncSync;
var ftruncate = m2.ftruncate;
var ftruncateSync = m2.ftruncateSync;
var futimes = m2.futimes;
var futimesSync = m2.futimesSync;
var lchown = m2.lchown;
var lchownSync = m2.lchownSync;
var lchmod = m2.lchmod;
var lchmodSync = m2.lchmodSync;
var link = m2.link;
var linkSync = m2.linkSync;
var lstat = m2.lstat;
var lstatSync = m2.lstatSync;
var lutimes = m2.lutimes;
var lutimesSync = m2.lutimesSync;
var mkdir = m2.mkdir;
var mkdirSync = m2.mkdirSync;
var mkdtemp = m2.mkdtemp;
var mkdtempSync = m2.mkdtempSync;
var open = m2.open;
var openSync = m2.openSync;
var openAsBlob = m2.openAsBlob;
var readdir = m2.readdir;
var readdirSync = m2.readdirSync;
var read = m2.read;
var readSync = m2.readSync;
var readv = m2.readv;
var readvSync = m2.readvSync;
var readFile = m2.readFile;
var readFileSync = m2.readFileSync;
var readlink = m2.readlink;
var readlinkSync = m2.readlinkSync;
var realpath = m2.realpath;
var realpathSync = m2.realpathSync;
var rename = m2.rename;
var renameSync = m2.renameSync;
var rm = m2.rm;
var rmSync = m2.rmSync;
var rmdir = m2.rmdir;
var rmdirSync = m2.rmdirSync;
var stat = m2.stat;
var statfs = m2.statfs;
var statSync = m2.statSync;
var statfsSync = m2.statfsSync;
var symlink = m2.symlink;
var symlinkSync = m2.symlinkSync;
var truncate = m2.truncate;
var truncateSync = m2.truncateSync;
var unwatchFile = m2.unwatchFile;
var unlink = m2.unlink;
var unlinkSync = m2.unlinkSync;
var utimes = m2.utimes;
var utimesSync = m2.utimesSync;
var watch = m2.watch;
var watchFile = m2.watchFile;
var writeFile = m2.writeFile;
var writeFileSync = m2.writeFileSync;
var write = m2.write;
var writeSync = m2.writeSync;
var writev = m2.writev;
var writevSync = m2.writevSync;
var Dirent = m2.Dirent;
var Stats = m2.Stats;
var _toUnixTimestamp = m2._toUnixTimestamp;
var Dir = m2.Dir;
var opendir = m2.opendir;
var opendirSync = m2.opendirSync;
var F_OK = m2.F_OK;
var R_OK = m2.R_OK;
var W_OK = m2.W_OK;
var X_OK = m2.X_OK;
var constants = m2.constants;

// builtin:node:crypto
var m3 = __require("node:crypto");
var checkPrime = m3.checkPrime;
var checkPrimeSync = m3.checkPrimeSync;
var createCipheriv = m3.createCipheriv;
var createDecipheriv = m3.createDecipheriv;
var createDiffieHellman = m3.createDiffieHellman;
var createDiffieHellmanGroup = m3.createDiffieHellmanGroup;
var createECDH = m3.createECDH;
var createHash = m3.createHash;
var createHmac = m3.createHmac;
var createPrivateKey = m3.createPrivateKey;
var createPublicKey = m3.createPublicKey;
var createSecretKey = m3.createSecretKey;
var createSign = m3.createSign;
var createVerify = m3.createVerify;
var diffieHellman = m3.diffieHellman;
var generatePrime = m3.generatePrime;
var generatePrimeSync = m3.generatePrimeSync;
var getCiphers = m3.getCiphers;
var getCipherInfo = m3.getCipherInfo;
var getCurves = m3.getCurves;
var getDiffieHellman = m3.getDiffieHellman;
var getHashes = m3.getHashes;
var hkdf = m3.hkdf;
var hkdfSync = m3.hkdfSync;
var pbkdf2 = m3.pbkdf2;
var pbkdf2Sync = m3.pbkdf2Sync;
var generateKeyPair = m3.generateKeyPair;
var generateKeyPairSync = m3.generateKeyPairSync;
var generateKey = m3.generateKey;
var generateKeySync = m3.generateKeySync;
var privateDecrypt = m3.privateDecrypt;
var privateEncrypt = m3.privateEncrypt;
var publicDecrypt = m3.publicDecrypt;
var publicEncrypt = m3.publicEncrypt;
var randomBytes = m3.randomBytes;
var randomFill = m3.randomFill;
var randomFillSync = m3.randomFillSync;
var randomInt = m3.randomInt;
var randomUUID = m3.randomUUID;
var scrypt = m3.scrypt;
var scryptSync = m3.scryptSync;
var sign = m3.sign;
var setEngine = m3.setEngine;
var timingSafeEqual = m3.timingSafeEqual;
var getFips = m3.getFips;
var setFips = m3.setFips;
var verify = m3.verify;
var hash = m3.hash;
var Certificate = m3.Certificate;
var Cipher = m3.Cipher;
var Cipheriv = m3.Cipheriv;
var Decipher = m3.Decipher;
var Decipheriv = m3.Decipheriv;
var DiffieHellman = m3.DiffieHellman;
var DiffieHellmanGroup = m3.DiffieHellmanGroup;
var ECDH = m3.ECDH;
var Hash = m3.Hash;
var Hmac = m3.Hmac;
var KeyObject = m3.KeyObject;
var Sign = m3.Sign;
var Verify = m3.Verify;
var X509Certificate = m3.X509Certificate;
var secureHeapUsed = m3.secureHeapUsed;
var createCipher = m3.createCipher;
var createDecipher = m3.createDecipher;
var constants2 = m3.constants;

// builtin:node:os
var m4 = __require("node:os");
var arch = m4.arch;
var availableParallelism = m4.availableParallelism;
var cpus = m4.cpus;
var endianness = m4.endianness;
var freemem = m4.freemem;
var getPriority = m4.getPriority;
var homedir = m4.homedir;
var hostname = m4.hostname;
var loadavg = m4.loadavg;
var networkInterfaces = m4.networkInterfaces;
var platform = m4.platform;
var release = m4.release;
var setPriority = m4.setPriority;
var tmpdir = m4.tmpdir;
var totalmem = m4.totalmem;
var type = m4.type;
var userInfo = m4.userInfo;
var uptime = m4.uptime;
var version = m4.version;
var machine = m4.machine;
var constants3 = m4.constants;
var EOL = m4.EOL;
var devNull = m4.devNull;

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
  sleep: (ms, signal) => new Promise((resolve3, reject) => {
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
        resolve3();
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
var ConsoleLogger = class {
  constructor(secrets, write2 = (line) => process.stderr.write(`${line}
`), verbose = false) {
    this.secrets = secrets;
    this.write = write2;
    this.verbose = verbose;
  }
  secrets;
  write;
  verbose;
  emit(prefix, message) {
    this.write(this.secrets.redact(`${prefix}${message}`));
  }
  info(message) {
    this.emit("", message);
  }
  debug(message) {
    if (this.verbose) this.emit("debug: ", message);
  }
  warning(message) {
    this.emit("warning: ", message);
  }
  error(message) {
    this.emit("error: ", message);
  }
  untrusted(text) {
    for (const line of text.split("\n")) this.emit("  | ", line);
  }
  async group(title, body) {
    this.emit("\u25B6 ", title);
    return body();
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
    const forms = /* @__PURE__ */ new Set([secret, secret.trim()]);
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= MIN_LINE_LENGTH) forms.add(trimmed);
    }
    for (const base of [...forms]) {
      forms.add(Buffer.from(base, "utf8").toString("base64"));
      forms.add(encodeURIComponent(base));
    }
    for (const form of forms) {
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
var m5 = __require("node:path");
var resolve2 = m5.resolve;
var normalize = m5.normalize;
var isAbsolute = m5.isAbsolute;
var join = m5.join;
var relative = m5.relative;
var toNamespacedPath = m5.toNamespacedPath;
var dirname = m5.dirname;
var basename = m5.basename;
var extname = m5.extname;
var format2 = m5.format;
var parse2 = m5.parse;
var matchesGlob = m5.matchesGlob;
var sep = m5.sep;
var delimiter = m5.delimiter;
var win32 = m5.win32;
var posix = m5.posix;
var _makeLong = m5._makeLong;

// packages/core/src/strings.ts
async function loadYaml() {
  const yaml = await import("../lib/yaml.js");
  return yaml.default ?? yaml;
}

// packages/cli/src/cli.ts
async function loadActionYaml(root2, name) {
  const { parse: parse3 } = await loadYaml();
  const dir = name === "deploy" ? "" : name;
  return parse3(readFileSync(join(root2, dir, "action.yml"), "utf8"));
}
function terminalSummary(markdown) {
  const text = markdown.replace(/```mermaid\n[\s\S]*?```\n?/g, "(chart: in the GitHub job summary)\n").replace(/<br>/g, " / ").replace(/<\/?(?:details|summary)>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").trim();
  return `
\u2500\u2500 summary \u2500\u2500
${text}
`;
}
function parseFlags(args) {
  const flags = /* @__PURE__ */ new Map();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("--") || arg === "--")
      throw new ConfigurationError(
        `Unexpected argument ${JSON.stringify(arg)}: inputs are given as --name value`
      );
    const eq = arg.indexOf("=");
    let name;
    let value;
    if (eq > 2) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      const next = args[i + 1];
      if (next === void 0) throw new ConfigurationError(`Flag --${name} needs a value`);
      value = next;
      i += 1;
    }
    const previous = flags.get(name);
    flags.set(name, previous === void 0 ? value : `${previous}
${value}`);
  }
  return flags;
}
function usage(actions2) {
  return [
    "Usage: deploy-kit <action> [--<input> <value> ...]",
    "       deploy-kit <action> --help",
    "",
    `Actions: ${[...actions2.keys()].join(", ")}`,
    "Inputs and defaults are those of <action>/action.yml. Outputs are printed as name=value lines.",
    "Any input can also come from DEPLOY_KIT_<INPUT> (ssh-key: DEPLOY_KIT_SSH_KEY): use that for secrets."
  ].join("\n");
}
var TERMINAL_CONTEXT = {
  "github.token": { env: "GITHUB_TOKEN", otherwise: "" },
  "github.api_url": { env: "GITHUB_API_URL", otherwise: "https://api.github.com" }
};
var EXPRESSION = /\$\{\{\s*([\w.]+)\s*\}\}/g;
function cliDefault(value, env) {
  return value.replace(EXPRESSION, (_whole, expression) => {
    const context = TERMINAL_CONTEXT[expression];
    return context ? env[context.env] ?? context.otherwise : "";
  });
}
function defaultHelp(value) {
  const terminal = value.replace(EXPRESSION, (_whole, expression) => {
    const context = TERMINAL_CONTEXT[expression];
    return context ? `$${context.env}${context.otherwise ? ` or ${context.otherwise}` : ""}` : "''";
  });
  return terminal === value ? value : `${value}; here ${terminal}`;
}
function inputHelp(name, spec) {
  const lines = [`deploy-kit ${name}: ${spec.description ?? ""}`, "", "Inputs:"];
  for (const [input, def] of Object.entries(spec.inputs ?? {})) {
    const dflt = def.default !== void 0 && def.default !== "" ? ` (default ${defaultHelp(String(def.default))})` : "";
    lines.push(`  --${input}${def.required ? " (required)" : ""}${dflt}`, `      ${def.description ?? ""}`);
  }
  return lines.join("\n");
}
function cliEnvName(input) {
  return `DEPLOY_KIT_${input.replace(/-/g, "_").toUpperCase()}`;
}
async function cliRuntime(name, args, io2) {
  const spec = await loadActionYaml(io2.root, name);
  const declared = spec.inputs ?? {};
  const flags = parseFlags(args);
  for (const flag of flags.keys()) {
    if (!(flag in declared)) {
      throw new ConfigurationError(`Unknown input --${flag} for ${name}; see 'deploy-kit ${name} --help'`);
    }
  }
  const secrets = new SecretRegistry();
  return {
    // Flags first, then DEPLOY_KIT_<INPUT> from the environment (the way to pass a key or token
    // without putting it on the command line, where `ps` shows it), then action.yml's default.
    inputs: (input) => flags.get(input) ?? io2.env[cliEnvName(input)] ?? (declared[input]?.default === void 0 ? void 0 : cliDefault(String(declared[input].default), io2.env)),
    logger: new ConsoleLogger(secrets, io2.stderr, io2.env.DEPLOY_KIT_DEBUG === "true"),
    secrets,
    setOutput: (output, value) => io2.stdout(secrets.redact(`${output}=${value}`)),
    // The job summary, readable in a terminal: tables as they are, HTML and charts left out.
    appendSummary: (markdown) => io2.stderr(secrets.redact(terminalSummary(markdown))),
    env: io2.env
  };
}
async function dryRun(definition, runtime, name) {
  if (!definition.plan)
    throw new ConfigurationError(
      `--dry-run is not supported by ${name} (deploy-ssh and deploy-swarm support it)`
    );
  const inputs = await definition.readInputs(new InputReader(runtime.inputs, runtime.secrets), runtime.env);
  return { kind: "plan", text: runtime.secrets.redact(definition.plan(inputs).join("\n")) };
}
async function resolveCommand(argv, actions2, io2) {
  const [name, ...args] = argv;
  if (name === void 0 || name === "--help" || name === "-h") {
    return { kind: "help", text: usage(actions2), exitCode: name ? 0 : 2 };
  }
  const load = actions2.get(name);
  if (!load)
    return { kind: "help", text: `Unknown action ${JSON.stringify(name)}

${usage(actions2)}`, exitCode: 2 };
  if (args.includes("--help") || args.includes("-h")) {
    return { kind: "help", text: inputHelp(name, await loadActionYaml(io2.root, name)), exitCode: 0 };
  }
  const dry = args.includes("--dry-run");
  const definition = await load();
  const runtime = await cliRuntime(
    name,
    args.filter((a) => a !== "--dry-run"),
    io2
  );
  if (dry) return dryRun(definition, runtime, name);
  return { kind: "run", definition, runtime };
}

// packages/cli/src/index.ts
var actions = /* @__PURE__ */ new Map([
  ["health-gate", async () => (await import("../health-gate/main.js")).healthGate],
  ["deploy-ssh", async () => (await import("../deploy-ssh/main.js")).deploySsh],
  ["deploy-swarm", async () => (await import("../deploy-swarm/main.js")).deploySwarm],
  ["rollback", async () => (await import("../rollback/main.js")).rollback],
  ["slack-notify", async () => (await import("../slack-notify/main.js")).slackNotify],
  ["deploy", async () => (await import("../deploy/main.js")).deployAction],
  ["build-image", async () => (await import("../build-image/main.js")).buildImage],
  ["trivy-scan", async () => (await import("../trivy-scan/main.js")).trivyScan],
  ["version-tag", async () => (await import("../version-tag/main.js")).versionTag],
  ["ssh-run", async () => (await import("../ssh-run/main.js")).sshRun],
  ["db-backup", async () => (await import("../db-backup/main.js")).dbBackup]
]);
var root = fileURLToPath(new URL("../../", import.meta.url));
var io = {
  stdout: (line) => process.stdout.write(`${line}
`),
  stderr: (line) => process.stderr.write(`${line}
`),
  env: process.env,
  root
};
try {
  const command = await resolveCommand(process.argv.slice(2), actions, io);
  if (command.kind === "help") {
    io.stderr(command.text);
    process.exit(command.exitCode);
  }
  if (command.kind === "plan") {
    io.stdout(command.text);
    process.exit(0);
  }
  await runAction(command.definition, command.runtime);
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  io.stderr(`error: ${error.message}`);
  process.exit(1);
}
//# sourceMappingURL=index.js.map
