import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
var __getOwnPropNames = Object.getOwnPropertyNames;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};

// builtin:node:crypto
var m2, checkPrime, checkPrimeSync, createCipheriv, createDecipheriv, createDiffieHellman, createDiffieHellmanGroup, createECDH, createHash, createHmac, createPrivateKey, createPublicKey, createSecretKey, createSign, createVerify, diffieHellman, generatePrime, generatePrimeSync, getCiphers, getCipherInfo, getCurves, getDiffieHellman, getHashes, hkdf, hkdfSync, pbkdf2, pbkdf2Sync, generateKeyPair, generateKeyPairSync, generateKey, generateKeySync, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, randomBytes, randomFill, randomFillSync, randomInt, randomUUID, scrypt, scryptSync, sign, setEngine, timingSafeEqual, getFips, setFips, verify, hash, Certificate, Cipher, Cipheriv, Decipher, Decipheriv, DiffieHellman, DiffieHellmanGroup, ECDH, Hash, Hmac, KeyObject, Sign, Verify, X509Certificate, secureHeapUsed, createCipher, createDecipher, constants2;
var init_node_crypto = __esm({
  "builtin:node:crypto"() {
    m2 = __require("node:crypto");
    checkPrime = m2.checkPrime;
    checkPrimeSync = m2.checkPrimeSync;
    createCipheriv = m2.createCipheriv;
    createDecipheriv = m2.createDecipheriv;
    createDiffieHellman = m2.createDiffieHellman;
    createDiffieHellmanGroup = m2.createDiffieHellmanGroup;
    createECDH = m2.createECDH;
    createHash = m2.createHash;
    createHmac = m2.createHmac;
    createPrivateKey = m2.createPrivateKey;
    createPublicKey = m2.createPublicKey;
    createSecretKey = m2.createSecretKey;
    createSign = m2.createSign;
    createVerify = m2.createVerify;
    diffieHellman = m2.diffieHellman;
    generatePrime = m2.generatePrime;
    generatePrimeSync = m2.generatePrimeSync;
    getCiphers = m2.getCiphers;
    getCipherInfo = m2.getCipherInfo;
    getCurves = m2.getCurves;
    getDiffieHellman = m2.getDiffieHellman;
    getHashes = m2.getHashes;
    hkdf = m2.hkdf;
    hkdfSync = m2.hkdfSync;
    pbkdf2 = m2.pbkdf2;
    pbkdf2Sync = m2.pbkdf2Sync;
    generateKeyPair = m2.generateKeyPair;
    generateKeyPairSync = m2.generateKeyPairSync;
    generateKey = m2.generateKey;
    generateKeySync = m2.generateKeySync;
    privateDecrypt = m2.privateDecrypt;
    privateEncrypt = m2.privateEncrypt;
    publicDecrypt = m2.publicDecrypt;
    publicEncrypt = m2.publicEncrypt;
    randomBytes = m2.randomBytes;
    randomFill = m2.randomFill;
    randomFillSync = m2.randomFillSync;
    randomInt = m2.randomInt;
    randomUUID = m2.randomUUID;
    scrypt = m2.scrypt;
    scryptSync = m2.scryptSync;
    sign = m2.sign;
    setEngine = m2.setEngine;
    timingSafeEqual = m2.timingSafeEqual;
    getFips = m2.getFips;
    setFips = m2.setFips;
    verify = m2.verify;
    hash = m2.hash;
    Certificate = m2.Certificate;
    Cipher = m2.Cipher;
    Cipheriv = m2.Cipheriv;
    Decipher = m2.Decipher;
    Decipheriv = m2.Decipheriv;
    DiffieHellman = m2.DiffieHellman;
    DiffieHellmanGroup = m2.DiffieHellmanGroup;
    ECDH = m2.ECDH;
    Hash = m2.Hash;
    Hmac = m2.Hmac;
    KeyObject = m2.KeyObject;
    Sign = m2.Sign;
    Verify = m2.Verify;
    X509Certificate = m2.X509Certificate;
    secureHeapUsed = m2.secureHeapUsed;
    createCipher = m2.createCipher;
    createDecipher = m2.createDecipher;
    constants2 = m2.constants;
  }
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

// packages/core/src/commands.ts
init_node_crypto();

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
function hasControlCharacter(text) {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 127) return true;
  }
  return false;
}

// packages/core/src/fence.ts
init_node_crypto();
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

// packages/backup/src/age.ts
var AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
var AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;
var ageForms = {
  recipients: "age X25519 recipients (age1\u2026, as age-keygen prints them), one per line",
  identity: "an age identity (AGE-SECRET-KEY-1\u2026, or the whole file age-keygen writes)"
};
function parseAgeIdentity(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  return lines.length === 1 && AGE_IDENTITY.test(lines[0] ?? "") ? lines[0] : void 0;
}
function recipientProblem(recipient) {
  if (/^(?:ssh-|ecdsa-|sk-)/.test(recipient))
    return `'${recipient.slice(0, 24)}\u2026' is an SSH key: age SSH recipients are not supported by the age library deploy-kit uses, and deploy-kit does not write that crypto itself; generate an age key with age-keygen and use its age1\u2026 public key`;
  if (!AGE_RECIPIENT.test(recipient)) return `'${recipient}' is not ${ageForms.recipients}`;
  return void 0;
}

// packages/backup/src/engines.ts
var ENGINES = ["postgres", "mysql", "sqlite", "files"];

// packages/backup/src/pipeline.ts
var BUFFER_BYTES = 1 << 20;
var COMPRESSIONS = ["gzip", "zstd", "none"];

// actions/db-backup/inputs.ts
var backupForms = {
  container: "a container name or ID on the host ([A-Za-z0-9][A-Za-z0-9_.-]*)",
  databaseUrl: "postgres://user:password@host:5432/name or mysql://user:password@host:3306/name",
  host: "a host name, an IP address, or (mysql) a socket path; not starting with '-'",
  user: "a database user name (letters, digits, _ . @ -), not starting with '-'",
  name: "a database name (letters, digits, _ . -), not starting with '-'; for sqlite, the database file's path",
  destination: "local:<absolute directory> on the runner, ssh:<absolute directory> on the host in hosts, s3://<bucket>[/<prefix>], or artifact",
  s3Region: "an AWS region like eu-west-1",
  prefix: "letters, digits and . _ - (starting with a letter or digit), at most 64",
  paths: "paths without '..' segments, not starting with '-', one per line",
  restoreFrom: "the file name of a backup in the destination",
  workflow: "a workflow file name (backup.yml or .github/workflows/backup.yml)",
  branch: "a branch name (letters, digits and . _ - /)"
};
var HOST = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|\[[0-9A-Fa-f:.]+\])$/;
var USER2 = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}$/;
var DB_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
var PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
var FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
var CONTAINER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
var WORKFLOW_FILE = /^(?:\.github\/workflows\/)?[A-Za-z0-9_][A-Za-z0-9._-]{0,200}\.ya?ml$/;
var BRANCH = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$/;
function safePath(path) {
  return path.length > 0 && !path.startsWith("-") && !hasControlCharacter(path) && !path.split("/").includes("..");
}
function parseDatabaseUrl(text, engine) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(messages.invalidInput("database-url", backupForms.databaseUrl, text, true));
  }
  const schemes = engine === "postgres" ? ["postgres:", "postgresql:"] : ["mysql:", "mariadb:"];
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  const user = decodeURIComponent(url.username);
  const host = url.hostname;
  if (!schemes.includes(url.protocol) || !HOST.test(host) || !DB_NAME.test(database) || user && !USER2.test(user) || url.search || url.hash)
    throw new ConfigurationError(
      `Input 'database-url' must be ${engine === "postgres" ? "postgres://user:password@host:5432/name" : "mysql://user:password@host:3306/name"} (no query or fragment; host, user and name without special characters)`
    );
  return {
    host: host.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : void 0,
    user: user || void 0,
    password: url.password ? decodeURIComponent(url.password) : void 0,
    database
  };
}
function readRetention(read2) {
  const count = { min: 1, max: 1e4 };
  return {
    keepLast: read2.int("keep-last", count),
    keepDaily: read2.int("keep-daily", count),
    keepWeekly: read2.int("keep-weekly", count),
    keepMonthly: read2.int("keep-monthly", count),
    maxAgeMs: read2.duration("max-age", { minMs: 6e4 })
  };
}
var BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
var KEY_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
var REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
function parseDestination(text) {
  const bad = () => new ConfigurationError(messages.invalidInput("destination", backupForms.destination, text));
  if (text === "artifact") return { kind: "artifact" };
  if (text.startsWith("s3://")) {
    const [bucket = "", ...segments] = text.slice(5).replace(/\/+$/, "").split("/");
    if (!BUCKET.test(bucket) || bucket.includes("..") || !segments.every((seg) => KEY_SEGMENT.test(seg)))
      throw bad();
    return { kind: "s3", bucket, prefix: segments.join("/") };
  }
  const kind = text.startsWith("local:") ? "local" : text.startsWith("ssh:") ? "ssh" : void 0;
  const dir = kind ? text.slice(kind.length + 1) : "";
  if (!kind || !dir || !isAbsolute(dir) || !safePath(dir)) throw bad();
  return { kind, dir: dir.replace(/\/+$/, "") || "/" };
}
function readDestination(read2, destination) {
  const endpoint = read2.url("s3-endpoint", { protocols: ["https:", "http:"] });
  const region = read2.string("s3-region", { pattern: REGION, accepted: backupForms.s3Region });
  const pathStyle = read2.boolean("s3-force-path-style");
  if (destination.kind !== "s3") {
    if (endpoint || region)
      throw new ConfigurationError("Inputs 's3-endpoint' and 's3-region' are for an s3:// destination");
    return destination;
  }
  const location = {
    bucket: destination.bucket,
    prefix: destination.prefix,
    endpoint: endpoint?.href.replace(/\/$/, ""),
    region: region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    // S3-compatible stores (MinIO, Ceph) usually need path-style addressing.
    forcePathStyle: pathStyle || endpoint !== void 0
  };
  return { kind: "s3", location };
}
function readInputs(read2) {
  const urlText = read2.string("database-url", { secret: true });
  const password = read2.string("db-password", { secret: true, raw: true });
  const githubToken = read2.string("github-token", { secret: true });
  const identityText = read2.string("decrypt-identity", { secret: true, raw: true });
  const identity = identityText === void 0 ? void 0 : parseAgeIdentity(identityText);
  if (identityText !== void 0 && identity === void 0)
    throw new ConfigurationError(
      messages.invalidInput("decrypt-identity", ageForms.identity, identityText, true)
    );
  if (githubToken !== void 0 && !/^[\x21-\x7e]+$/.test(githubToken))
    throw new ConfigurationError(
      "Input 'github-token' must be a token: one line of printable characters without spaces"
    );
  const operation = read2.enum("operation", ["backup", "restore", "list"]);
  const engine = read2.enum("engine", ENGINES);
  const format2 = read2.enum("format", ["custom", "plain"]);
  const scope = read2.enum("scope", ["database", "cluster"]);
  if (engine !== "postgres" && (format2 !== "custom" || scope !== "database"))
    throw new ConfigurationError("Inputs 'format' and 'scope' apply to engine postgres only");
  const host = read2.string("db-host");
  const port = read2.int("db-port", { min: 1, max: 65535 });
  const user = read2.string("db-user", { pattern: USER2, accepted: backupForms.user });
  const nameText = read2.string("db-name");
  const paths = read2.list("paths", { accepted: backupForms.paths });
  for (const p of paths)
    if (!safePath(p)) throw new ConfigurationError(messages.invalidInput("paths", backupForms.paths, p));
  let connection;
  if (engine === "postgres" || engine === "mysql") {
    if (urlText !== void 0) {
      if (host || port || user || password || nameText)
        throw new ConfigurationError("Set either 'database-url' or the db-* inputs, not both");
      connection = parseDatabaseUrl(urlText, engine);
    } else {
      if (!nameText && scope !== "cluster")
        throw new ConfigurationError(
          messages.requiredInput("db-name", "the database to back up (or 'database-url')")
        );
      if (nameText && !DB_NAME.test(nameText))
        throw new ConfigurationError(messages.invalidInput("db-name", backupForms.name, nameText));
      const socketOk = engine === "mysql" && host?.startsWith("/") === true && safePath(host);
      if (host && !socketOk && !HOST.test(host))
        throw new ConfigurationError(messages.invalidInput("db-host", backupForms.host, host));
      connection = { host: host ?? "127.0.0.1", port, user, password, database: nameText ?? "postgres" };
    }
    if (paths.length) throw new ConfigurationError(`Input 'paths' is for engine files`);
  } else if (engine === "sqlite") {
    if (!nameText || !isAbsolute(nameText) || !safePath(nameText))
      throw new ConfigurationError(
        messages.invalidInput("db-name", "the absolute path of the SQLite database file", nameText ?? "")
      );
    if (urlText || host || port || user || password)
      throw new ConfigurationError("engine sqlite reads db-name (the file path) only");
    connection = { host: "", database: nameText };
  } else {
    if (paths.length === 0) throw new ConfigurationError(messages.requiredInput("paths", backupForms.paths));
    if (urlText || host || port || user || password || nameText)
      throw new ConfigurationError("engine files reads 'paths' only");
  }
  const destinationText = read2.string("destination", { required: true, accepted: backupForms.destination });
  const destination = parseDestination(destinationText);
  const kind = destination.kind;
  const destinationInputs = readDestination(read2, destination);
  const retentionDays = read2.int("retention-days", { min: 1, max: 400 });
  if (retentionDays !== void 0 && kind !== "artifact")
    throw new ConfigurationError("Input 'retention-days' is for destination artifact");
  const githubApiUrl = read2.url("github-api-url", { protocols: ["https:", "http:"] });
  const artifactWorkflow = read2.list("artifact-workflow", { accepted: backupForms.workflow });
  for (const w of artifactWorkflow)
    if (!WORKFLOW_FILE.test(w))
      throw new ConfigurationError(messages.invalidInput("artifact-workflow", backupForms.workflow, w));
  const artifactBranches = read2.list("artifact-branches", { accepted: backupForms.branch });
  for (const b of artifactBranches)
    if (!BRANCH.test(b) || b.includes("..") || b.endsWith("/") || b.endsWith(".lock"))
      throw new ConfigurationError(messages.invalidInput("artifact-branches", backupForms.branch, b));
  if ((artifactWorkflow.length > 0 || artifactBranches.length > 0) && kind !== "artifact")
    throw new ConfigurationError(
      "Inputs 'artifact-workflow' and 'artifact-branches' are for destination artifact"
    );
  const runOn = read2.enum("run-on", ["runner", "ssh"]);
  const ssh = readSshConnectionInputs(read2, { optional: true });
  const needsHost = kind === "ssh" || runOn === "ssh";
  if (needsHost && ssh?.hosts.length !== 1)
    throw new ConfigurationError(
      `${runOn === "ssh" ? "run-on ssh" : "destination ssh:"} needs exactly one host in 'hosts' (and its SSH inputs)`
    );
  if (!needsHost && ssh)
    throw new ConfigurationError(
      "Input 'hosts' is for run-on ssh or destination ssh:; this backup stays on the runner"
    );
  const verify2 = read2.enum("verify", ["true", "false", "restore"]);
  if (verify2 === "restore" && !(engine === "mysql" || engine === "postgres" && scope === "database"))
    throw new ConfigurationError(
      "Input 'verify': restore (a scratch restore with row counts) is for engine mysql, or postgres with scope database; use true for the others"
    );
  const recipients = read2.list("encrypt-recipients", { accepted: ageForms.recipients });
  for (const r of recipients) {
    const problem = recipientProblem(r);
    if (problem) throw new ConfigurationError(`Input 'encrypt-recipients': ${problem}`);
  }
  if (recipients.length > 0 && identity === void 0 && (verify2 === "restore" || operation === "restore"))
    throw new ConfigurationError(
      `Input 'decrypt-identity' is required: ${operation === "restore" ? "operation restore" : "verify: restore"} reads the encrypted backup (${ageForms.identity})`
    );
  const container = read2.string("container", { pattern: CONTAINER, accepted: backupForms.container });
  if (container !== void 0 && runOn !== "ssh")
    throw new ConfigurationError(
      "Input 'container' needs 'run-on: ssh': the tools run inside that container on the host"
    );
  const defaultPrefix = engine === "files" ? "files" : engine === "sqlite" ? "sqlite" : `${engine}-${connection?.database ?? "cluster"}`;
  const spec = engine === "files" || !connection ? { engine: "files", paths } : engine === "postgres" ? { engine, connection, format: format2, scope } : { engine, connection };
  const prefix = read2.string("name-prefix", { pattern: PREFIX, accepted: backupForms.prefix }) ?? defaultPrefix;
  if (!PREFIX.test(prefix))
    throw new ConfigurationError(messages.invalidInput("name-prefix", backupForms.prefix, prefix));
  const restoreFrom = read2.string("restore-from", { pattern: FILE_NAME, accepted: backupForms.restoreFrom });
  const restoreDirectory = read2.string("restore-directory") ?? "/";
  if (!isAbsolute(restoreDirectory) || !safePath(restoreDirectory))
    throw new ConfigurationError(
      messages.invalidInput("restore-directory", "an absolute directory", restoreDirectory)
    );
  return {
    operation,
    spec,
    destination: destinationInputs,
    "retention-days": retentionDays,
    "github-token": githubToken,
    "artifact-workflow": artifactWorkflow,
    "artifact-branches": artifactBranches,
    "github-api-url": githubApiUrl,
    "run-on": runOn,
    container,
    ssh,
    "name-prefix": prefix,
    compression: read2.enum("compression", COMPRESSIONS),
    verify: verify2,
    "encrypt-recipients": recipients,
    "decrypt-identity": identity,
    retention: readRetention(read2),
    "temp-ttl": read2.requiredDuration("temp-ttl", { minMs: 6e4 }),
    "restore-from": restoreFrom,
    "restore-directory": restoreDirectory,
    "safety-backup": read2.boolean("safety-backup"),
    timeout: read2.requiredDuration("timeout", { minMs: 1e3 })
  };
}

// actions/db-backup/index.ts
await runAction(deferRun("db-backup", readInputs, async () => (await import("./main.js")).dbBackup));
//# sourceMappingURL=index.js.map
