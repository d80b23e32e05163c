import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  open,
  promisify
} from "../chunks/chunk-IRVY53NY.js";
import {
  sha256Of
} from "../chunks/chunk-4BDXDLYS.js";
import {
  githubFailure,
  githubRequest,
  runRepository
} from "../chunks/chunk-IXOCIYYD.js";
import {
  constants,
  crc32,
  createGunzip,
  createGzip,
  deflateRaw
} from "../chunks/chunk-7XI47VG2.js";
import {
  finished,
  pipeline
} from "../chunks/chunk-ET4UPRW3.js";
import {
  availableParallelism,
  tmpdir
} from "../chunks/chunk-PO4T6QVY.js";
import {
  localExec
} from "../chunks/chunk-7HPFKMMW.js";
import {
  spawn
} from "../chunks/chunk-46KUD6QG.js";
import {
  Duplex,
  PassThrough,
  READ_EXACT_TOOL,
  Readable,
  Transform,
  Writable
} from "../chunks/chunk-QAPLTP4I.js";
import {
  formatTarget,
  readSshConnectionInputs,
  sshConnector
} from "../chunks/chunk-HK3VMSLK.js";
import "../chunks/chunk-V3BPVXA7.js";
import {
  createHash,
  randomBytes
} from "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  isAbsolute,
  join
} from "../chunks/chunk-7BJK7U2H.js";
import {
  proxiedFetch,
  proxyAgent
} from "../chunks/chunk-V76VFPBF.js";
import {
  formatMs,
  hasControlCharacter
} from "../chunks/chunk-LAOQIHUA.js";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  errorMessage,
  messages,
  throwIfCancelled
} from "../chunks/chunk-4YTAKGCH.js";
import {
  __require
} from "../chunks/chunk-KVN67TDL.js";

// packages/backup/src/mysql-dump.ts
var NEWLINE = 10;
var QUOTE = 39;
var BACKSLASH = 92;
var OPEN = 40;
var CLOSE = 41;
var SEMICOLON = 59;
var CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/;
var INSERT_VALUES = /^INSERT INTO `((?:[^`]|``)+)` VALUES(?: |$)/;
var HEAD_BYTES = "INSERT INTO ` VALUES ".length + 64 * 4 * 2;
var unquote = (name) => Buffer.from(name.replace(/``/g, "`"), "latin1").toString("utf8");
var DumpRowCounter = class {
  rows = /* @__PURE__ */ new Map();
  /** The start of the current line, while it is too short to say what it is. */
  head = "";
  state = "line-start";
  table = "";
  inString = false;
  escaped = false;
  depth = 0;
  counts() {
    return new Map(this.rows);
  }
  feed(chunk) {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === "skip-line") {
        const nl = chunk.indexOf(NEWLINE, i);
        if (nl === -1) return;
        i = nl + 1;
        this.state = "line-start";
      } else if (this.state === "line-start") {
        i = this.readHead(chunk, i);
      } else {
        i = this.readValues(chunk, i);
      }
    }
  }
  /** Collects a line's start until it can tell an INSERT or CREATE TABLE from anything else. */
  readHead(chunk, from) {
    const nl = chunk.indexOf(NEWLINE, from);
    const lineEnd = nl === -1 ? chunk.length : nl;
    const take = Math.min(lineEnd - from, HEAD_BYTES - this.head.length);
    this.head += chunk.toString("latin1", from, from + take);
    const complete = nl !== -1 && from + take === nl;
    const insert = INSERT_VALUES.exec(this.head);
    if (insert) {
      this.table = unquote(insert[1] ?? "");
      this.rows.set(this.table, this.rows.get(this.table) ?? 0);
      this.state = "values";
      this.inString = false;
      this.escaped = false;
      this.depth = 0;
      const consumedBytes = this.head.length - insert[0].length;
      this.head = "";
      return from + take - consumedBytes;
    }
    const create = CREATE_TABLE.exec(this.head);
    if (create) {
      const table = unquote(create[1] ?? "");
      this.rows.set(table, this.rows.get(table) ?? 0);
    }
    if (create || complete || this.head.length >= HEAD_BYTES || !couldStillMatch(this.head)) {
      this.head = "";
      if (complete) {
        this.state = "line-start";
        return nl + 1;
      }
      this.state = "skip-line";
      return from + take;
    }
    return from + take;
  }
  /** Counts the tuples of an INSERT's VALUES list, up to the `;` that ends it. */
  readValues(chunk, from) {
    let rows = 0;
    let i = from;
    for (; i < chunk.length; i += 1) {
      const byte = chunk[i] ?? 0;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN) {
        if (this.depth === 0) rows += 1;
        this.depth += 1;
      } else if (byte === CLOSE) this.depth -= 1;
      else if (byte === SEMICOLON && this.depth === 0) {
        this.state = "skip-line";
        i += 1;
        break;
      }
    }
    this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + rows);
    return i;
  }
};
function couldStillMatch(head) {
  return ["INSERT INTO `", "CREATE TABLE `"].some(
    (p) => head.length < p.length ? p.startsWith(head) : head.startsWith(p)
  );
}
var ScratchRestoreFilter = class extends Transform {
  /** The first body line naming the source database, if one does. */
  namesSource;
  head = Buffer.alloc(0);
  state = "line-start";
  inBlock = false;
  inEvents = false;
  droppingEvent = false;
  source;
  constructor(sourceDatabase) {
    super();
    const name = sourceDatabase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    this.source = new RegExp(`(?:^|[^\\w$])(?:\`${name}\`|${name})\\.`);
  }
  /** Whether `line` (without its newline) goes to the restore, updating the state it implies. */
  keep(line) {
    if (!this.inBlock) {
      if (line.startsWith("CREATE DATABASE ") || line.startsWith("USE `")) return false;
      if (line.startsWith("-- Dumping events for database")) this.inEvents = true;
      else if (line.startsWith("-- Dumping routines") || line.startsWith("-- Table structure"))
        this.inEvents = false;
      if (line === "DELIMITER ;;") this.inBlock = true;
      return true;
    }
    if (line === "DELIMITER ;") {
      this.inBlock = false;
      return true;
    }
    const named = this.namesSource === void 0 ? this.source.exec(line) : null;
    if (named) {
      const from = Math.max(0, named.index - 60);
      this.namesSource = `${from > 0 ? "\u2026" : ""}${line.slice(from, named.index + 60).trim()}`;
    }
    if (this.inEvents && (this.droppingEvent || line.startsWith("/*!50106 CREATE*/"))) {
      this.droppingEvent = !line.trimEnd().endsWith(";;");
      return false;
    }
    return true;
  }
  _transform(chunk, _encoding, callback) {
    const out = [];
    let i = 0;
    while (i < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, i);
      const lineEnd = nl === -1 ? chunk.length : nl + 1;
      if (this.state !== "line-start") {
        if (this.state === "pass") out.push(chunk.subarray(i, lineEnd));
        if (nl !== -1) this.state = "line-start";
        i = lineEnd;
        continue;
      }
      const want = this.inBlock ? MAX_BODY_LINE : LINE_HEAD;
      const take = Math.min(lineEnd - i, want - this.head.length);
      this.head = Buffer.concat([this.head, chunk.subarray(i, i + take)]);
      i += take;
      const lineDone = this.head[this.head.length - 1] === NEWLINE;
      if (!lineDone && this.head.length < want) continue;
      const text = this.head.toString("latin1");
      const kept = this.keep(lineDone ? text.slice(0, -1) : text);
      if (kept) out.push(this.head);
      this.head = Buffer.alloc(0);
      this.state = lineDone ? "line-start" : kept ? "pass" : "drop";
    }
    callback(null, Buffer.concat(out));
  }
  _flush(callback) {
    const text = this.head.toString("latin1");
    callback(null, this.head.length > 0 && this.keep(text) ? this.head : Buffer.alloc(0));
  }
};
var LINE_HEAD = 64;
var MAX_BODY_LINE = 1 << 20;

// packages/backup/src/pg-archive.ts
var MAGIC = "PGDMP";
var FORMAT_CUSTOM = 1;
var BLOCK_DATA = 1;
var BLOCK_BLOBS = 3;
var OFFSET_POS_NOT_SET = 1;
var OFFSET_POS_SET = 2;
var OFFSET_NO_DATA = 3;
var MIN_MINOR = 12;
var MAX_MINOR = 16;
var ArchiveError = class extends Error {
};
function readInt(bytes, at, intSize) {
  let value = 0;
  for (let i = intSize; i >= 1; i -= 1) value = value * 256 + (bytes[at + i] ?? 0);
  return bytes[at] ? -value : value;
}
var ByteReader = class {
  constructor(source) {
    this.source = source;
  }
  source;
  buffer = Buffer.alloc(0);
  position = 0;
  /** Bytes consumed before `buffer`. */
  consumed = 0;
  get offset() {
    return this.consumed + this.position;
  }
  /** The next chunk in place of what is left (`skip` and `bytes` have taken the rest). */
  async more() {
    const next = await this.source.next();
    if (next.done) return false;
    this.consumed += this.buffer.length;
    this.buffer = next.value;
    this.position = 0;
    return true;
  }
  async bytes(n, what) {
    const here = this.buffer.length - this.position;
    if (here >= n) {
      const out = this.buffer.subarray(this.position, this.position + n);
      this.position += n;
      return out;
    }
    const parts = [this.buffer.subarray(this.position)];
    let need = n - here;
    this.position = this.buffer.length;
    while (need > 0) {
      if (!await this.more())
        throw new ArchiveError(`the archive ends inside ${what} (byte ${this.offset})`);
      const take = Math.min(need, this.buffer.length);
      parts.push(this.buffer.subarray(0, take));
      this.position = take;
      need -= take;
    }
    return Buffer.concat(parts, n);
  }
  /**
   * The integer at the current position when it is buffered whole, without a promise: an archive
   * without pg_dump's own compression frames every row as a chunk (3 million on the benchmark's
   * database), and a promise per chunk cost the walk more than the rest of it.
   */
  intNow(intSize) {
    if (this.buffer.length - this.position < 1 + intSize) return void 0;
    const value = readInt(this.buffer, this.position, intSize);
    this.position += 1 + intSize;
    return value;
  }
  /** Skips what is buffered of n bytes; returns how many are left to skip. */
  skipNow(n) {
    const here = Math.min(n, this.buffer.length - this.position);
    this.position += here;
    return n - here;
  }
  async skip(n, what) {
    let left = n;
    for (; ; ) {
      const here = Math.min(left, this.buffer.length - this.position);
      this.position += here;
      left -= here;
      if (left === 0) return;
      if (!await this.more())
        throw new ArchiveError(`the archive ends inside ${what} (byte ${this.offset})`);
    }
  }
  async atEnd() {
    return this.position >= this.buffer.length && !await this.more();
  }
};
async function walkCustomArchive(source) {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  const magic = (await reader.bytes(MAGIC.length, "the header")).toString("latin1");
  if (magic !== MAGIC) throw new ArchiveError("not a pg_dump custom-format archive (no PGDMP header)");
  const [major, minor = 0] = await reader.bytes(3, "the header");
  if (major !== 1 || minor < MIN_MINOR || minor > MAX_MINOR)
    throw new ArchiveError(
      `archive version ${major}.${minor} is not one this check reads (1.${MIN_MINOR}-1.${MAX_MINOR})`
    );
  const [intSize, offSize, format] = await reader.bytes(3, "the header");
  if (format !== FORMAT_CUSTOM) throw new ArchiveError(`archive format ${format} is not the custom format`);
  if (!intSize || intSize > 8 || !offSize || offSize > 16)
    throw new ArchiveError(`implausible integer sizes in the header (${intSize}, ${offSize})`);
  const int = async (what) => reader.intNow(intSize) ?? readInt(await reader.bytes(1 + intSize, what), 0, intSize);
  const str = async (what) => {
    const length = await int(what);
    if (length < 0) return null;
    return (await reader.bytes(length, what)).toString("utf8");
  };
  if (minor >= 15) await reader.bytes(1, "the header");
  else await int("the header");
  for (let i = 0; i < 7; i += 1) await int("the header");
  await str("the header");
  await str("the header");
  await str("the header");
  const entries = await int("the table of contents");
  if (entries < 0 || entries > 5e7)
    throw new ArchiveError(`implausible number of entries (${entries})`);
  const withData = /* @__PURE__ */ new Set();
  for (let e = 0; e < entries; e += 1) {
    const what = `table of contents entry ${e + 1} of ${entries}`;
    const dumpId = await int(what);
    if (dumpId <= 0) throw new ArchiveError(`${what} has dump ID ${dumpId}`);
    await int(what);
    for (let field = 0; field < 4; field += 1) await str(what);
    await int(what);
    for (let field = 0; field < 5; field += 1) await str(what);
    if (minor >= 14) await str(what);
    if (minor >= 16) await int(what);
    await str(what);
    await str(what);
    while (await str(what) !== null) ;
    const [flag] = await reader.bytes(1 + offSize, what);
    if (flag === OFFSET_POS_NOT_SET || flag === OFFSET_POS_SET) withData.add(dumpId);
    else if (flag !== OFFSET_NO_DATA)
      throw new ArchiveError(`${what} has an unknown data offset flag ${flag}`);
  }
  const seen = /* @__PURE__ */ new Set();
  const chunks = async (what) => {
    for (; ; ) {
      const length = reader.intNow(intSize) ?? await int(what);
      if (length === 0) return;
      if (length < 0) throw new ArchiveError(`${what} has a chunk of length ${length}`);
      const left = reader.skipNow(length);
      if (left > 0) await reader.skip(left, what);
    }
  };
  while (!await reader.atEnd()) {
    const [type] = await reader.bytes(1, "a data block header");
    const id = await int("a data block header");
    const what = `the data block of entry ${id}`;
    if (!withData.has(id)) throw new ArchiveError(`${what} is not announced in the table of contents`);
    if (seen.has(id)) throw new ArchiveError(`${what} appears twice`);
    seen.add(id);
    if (type === BLOCK_DATA) await chunks(what);
    else if (type === BLOCK_BLOBS) while (await int(what) !== 0) await chunks(what);
    else throw new ArchiveError(`${what} has an unknown block type ${type}`);
  }
  const missing = [...withData].filter((id) => !seen.has(id));
  if (missing.length)
    throw new ArchiveError(
      `the archive ends before the data of ${missing.length} entr${missing.length === 1 ? "y" : "ies"} (first: ${missing[0]})`
    );
  return { version: `1.${minor}`, entries, dataBlocks: seen.size };
}

// packages/backup/src/gzip.ts
var deflateRawAsync = promisify(deflateRaw);
var canDeflateInParallel = typeof crc32 === "function";
var WINDOW_BYTES = 32 * 1024;
var OUTPUT_CHUNK_BYTES = 256 * 1024;
var GZIP_HEADER = Buffer.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3]);
function defaultInFlight() {
  return Math.min(3, Math.max(2, availableParallelism()));
}
function gzipStream(level) {
  return canDeflateInParallel ? parallelGzip({ level }) : createGzip({ level, chunkSize: OUTPUT_CHUNK_BYTES });
}
function gunzipStream() {
  return createGunzip({ chunkSize: OUTPUT_CHUNK_BYTES });
}
function parallelGzip(options) {
  const blockBytes = options.blockBytes ?? 1 << 20;
  const inFlight = options.inFlight ?? defaultInFlight();
  let crc = 0;
  let length = 0;
  let dictionary;
  let held = [];
  let heldBytes = 0;
  let started = false;
  const deflating = [];
  const deflateBlock = (block, last) => {
    crc = crc32(block, crc);
    length += block.length;
    const deflated = deflateRawAsync(block, {
      level: options.level,
      chunkSize: OUTPUT_CHUNK_BYTES,
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      ...dictionary ? { dictionary } : {}
    });
    deflated.catch(() => void 0);
    deflating.push(deflated);
    dictionary = block.length >= WINDOW_BYTES ? block.subarray(block.length - WINDOW_BYTES) : Buffer.concat(dictionary ? [dictionary, block] : [block]).subarray(-WINDOW_BYTES);
  };
  return new Transform({
    highWaterMark: blockBytes,
    transform(chunk, _encoding, callback) {
      if (!started) {
        this.push(GZIP_HEADER);
        started = true;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < blockBytes) return callback();
      const [only] = held;
      const all = held.length === 1 && only ? only : Buffer.concat(held, heldBytes);
      let at = 0;
      for (; heldBytes - at >= blockBytes; at += blockBytes)
        deflateBlock(all.subarray(at, at + blockBytes), false);
      held = at < heldBytes ? [all.subarray(at)] : [];
      heldBytes -= at;
      void (async () => {
        while (deflating.length >= inFlight) {
          const next = deflating.shift();
          if (next) this.push(await next);
        }
      })().then(() => callback(), callback);
    },
    flush(callback) {
      if (!started) this.push(GZIP_HEADER);
      deflateBlock(Buffer.concat(held, heldBytes), true);
      held = [];
      void (async () => {
        for (let next = deflating.shift(); next; next = deflating.shift()) this.push(await next);
        const trailer = Buffer.alloc(8);
        trailer.writeUInt32LE(crc >>> 0, 0);
        trailer.writeUInt32LE(length % 2 ** 32, 4);
        this.push(trailer);
      })().then(() => callback(), callback);
    }
  });
}

// builtin:node:stream/web
var m = __require("node:stream/web");
var ReadableStream = m.ReadableStream;
var ReadableStreamDefaultReader = m.ReadableStreamDefaultReader;
var ReadableStreamBYOBReader = m.ReadableStreamBYOBReader;
var ReadableStreamBYOBRequest = m.ReadableStreamBYOBRequest;
var ReadableByteStreamController = m.ReadableByteStreamController;
var ReadableStreamDefaultController = m.ReadableStreamDefaultController;
var TransformStream = m.TransformStream;
var TransformStreamDefaultController = m.TransformStreamDefaultController;
var WritableStream = m.WritableStream;
var WritableStreamDefaultWriter = m.WritableStreamDefaultWriter;
var WritableStreamDefaultController = m.WritableStreamDefaultController;
var ByteLengthQueuingStrategy = m.ByteLengthQueuingStrategy;
var CountQueuingStrategy = m.CountQueuingStrategy;
var TextEncoderStream = m.TextEncoderStream;
var TextDecoderStream = m.TextDecoderStream;
var CompressionStream = m.CompressionStream;
var DecompressionStream = m.DecompressionStream;

// packages/backup/src/age.ts
var AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
var AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;
var AGE_EXTENSION = ".age";
var ageForms = {
  recipients: "age X25519 recipients (age1\u2026, as age-keygen prints them), one per line",
  identity: "an age identity (AGE-SECRET-KEY-1\u2026, or the whole file age-keygen writes)"
};
var library;
var age = () => library ??= import("../chunks/dist-XTHRGPLP.js");
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
async function checkAgeKeys(recipients, identity) {
  if (recipients.length === 0 && identity === void 0) return void 0;
  const lib = await age();
  for (const r of recipients)
    try {
      new lib.Encrypter().addRecipient(r);
    } catch (error) {
      throw new ConfigurationError(
        `Input 'encrypt-recipients': ${r} is not a valid age recipient (${errorMessage(error)})`
      );
    }
  if (identity === void 0) return void 0;
  try {
    return await lib.identityToRecipient(identity);
  } catch {
    throw new ConfigurationError(
      `Input 'decrypt-identity' is not a valid age identity (${ageForms.identity})`
    );
  }
}
function webStream(source) {
  return ReadableStream.from(source);
}
function encryptTo(recipients) {
  return Duplex.from(async function* (source) {
    const encrypter = new (await age()).Encrypter();
    for (const r of recipients) encrypter.addRecipient(r);
    yield* await encrypter.encrypt(webStream(source));
  });
}
function decryptWith(identity, what) {
  return Duplex.from(async function* (source) {
    const decrypter = new (await age()).Decrypter();
    decrypter.addIdentity(identity);
    let plain;
    try {
      plain = await decrypter.decrypt(webStream(source));
    } catch (error) {
      throw new ActionFailedError(
        /no identity matched/i.test(errorMessage(error)) ? `${what} is not encrypted to 'decrypt-identity' (no recipient of the file matches it)` : `${what} is not an age file deploy-kit can read: ${errorMessage(error)}`
      );
    }
    try {
      yield* plain;
    } catch (error) {
      throw new ActionFailedError(
        `${what} does not decrypt to its end (cut short or altered): ${errorMessage(error)}`
      );
    }
  });
}

// packages/backup/src/engines.ts
var ENGINES = ["postgres", "mysql", "sqlite", "files"];
function dumpExtension(spec) {
  if (spec.engine === "postgres")
    return spec.format === "custom" && spec.scope === "database" ? "dump" : "sql";
  if (spec.engine === "mysql") return "sql";
  if (spec.engine === "sqlite") return "db";
  return "tar";
}
function credentialFile(spec) {
  if (spec.engine === "files") return void 0;
  const c = spec.connection;
  if (!c.password) return void 0;
  if (spec.engine === "postgres") {
    const esc = (s) => s.replace(/[\\:]/g, "\\$&");
    return {
      envVar: "PGPASSFILE",
      content: `${esc(c.host)}:${c.port ?? 5432}:*:${esc(c.user ?? "postgres")}:${esc(c.password)}
`
    };
  }
  if (spec.engine === "mysql") {
    const quoted = c.password.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
    return { content: `[client]
password="${quoted}"
` };
  }
  return void 0;
}
function pgConnectionArgs(c) {
  return [
    "--host",
    c.host,
    "--port",
    String(c.port ?? 5432),
    "--username",
    c.user ?? "postgres",
    "--no-password"
  ];
}
function mysqlConnectionArgs(c, optionFile) {
  const args = optionFile ? [`--defaults-extra-file=${optionFile}`] : ["--no-defaults"];
  if (c.host.startsWith("/")) args.push(`--socket=${c.host}`);
  else args.push(`--host=${c.host}`, `--port=${c.port ?? 3306}`, "--protocol=TCP");
  if (c.user) args.push(`--user=${c.user}`);
  return args;
}
function dumpArgv(spec, optionFile, sqliteCopy) {
  switch (spec.engine) {
    case "postgres":
      if (spec.scope === "cluster") return ["pg_dumpall", ...pgConnectionArgs(spec.connection)];
      return [
        "pg_dump",
        ...pgConnectionArgs(spec.connection),
        `--format=${spec.format === "custom" ? "custom" : "plain"}`,
        ...spec.format === "custom" && spec.uncompressedArchive ? ["--compress=0"] : [],
        // A plain dump restores over the existing database only if it drops what it recreates.
        ...spec.format === "plain" ? ["--clean", "--if-exists"] : [],
        ...spec.snapshot ? [`--snapshot=${spec.snapshot}`] : [],
        "--dbname",
        spec.connection.database
      ];
    case "mysql":
      return [
        "mariadb-dump",
        ...mysqlConnectionArgs(spec.connection, optionFile),
        "--single-transaction",
        "--routines",
        "--triggers",
        "--events",
        "--databases",
        "--",
        spec.connection.database
      ];
    case "sqlite":
      if (sqliteCopy === void 0)
        throw new Error("dumpArgv: sqlite backs up to a file: sqliteCopy is needed");
      return ["sqlite3", "-bail", spec.connection.database, `.backup '${sqliteCopy.replace(/'/g, "''")}'`];
    case "files":
      return ["tar", "--create", "--file=-", "--", ...spec.paths];
  }
}
function restoreArgv(spec, optionFile, source, into) {
  switch (spec.engine) {
    case "postgres":
      if (spec.scope === "cluster" || spec.format === "plain")
        return [
          "psql",
          ...pgConnectionArgs(spec.connection),
          "--set=ON_ERROR_STOP=1",
          "--quiet",
          "--dbname",
          spec.scope === "cluster" ? "postgres" : spec.connection.database
        ];
      return [
        "pg_restore",
        ...pgConnectionArgs(spec.connection),
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        "--dbname",
        spec.connection.database
      ];
    case "mysql":
      return [
        "mariadb",
        ...mysqlConnectionArgs(spec.connection, optionFile),
        ...spec.restoreInto ? ["--", spec.restoreInto] : []
      ];
    case "sqlite":
      if (source === void 0) throw new Error("restoreArgv: sqlite restores from a file: source is needed");
      return ["sqlite3", "-bail", spec.connection.database, `.restore '${source.replace(/'/g, "''")}'`];
    case "files":
      return [
        "tar",
        "--extract",
        "--file=-",
        "--directory",
        into ?? "/",
        "--no-wildcards",
        "--",
        ...spec.paths.map((p) => p.replace(/^\/+/, "") || ".")
      ];
  }
}
function completionMarker(spec) {
  if (spec.engine === "postgres" && (spec.format === "plain" || spec.scope === "cluster"))
    return spec.scope === "cluster" ? /-- PostgreSQL database cluster dump complete\s*(?:--\s*)?(?:\\unrestrict \S+\s*)?$/ : /-- PostgreSQL database dump complete\s*(?:--\s*)?(?:\\unrestrict \S+\s*)?$/;
  if (spec.engine === "mysql") return /-- Dump completed(?: on [^\n]*)?\s*$/;
  return void 0;
}
var PG_COUNT_ROWS = `SELECT 'DKCOUNT ' || quote_ident(schemaname) || '.' || quote_ident(tablename) || ' ' ||
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text
  FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;`;
var MYSQL_COUNT_ROWS = `SET SESSION group_concat_max_len = 4294967295;
SELECT COALESCE(GROUP_CONCAT(CONCAT('SELECT CONCAT(''DKCOUNT '', ', QUOTE(table_name), ', '' '', COUNT(*)) FROM \`', REPLACE(table_name, '\`', '\`\`'), '\`') SEPARATOR ' UNION ALL '), 'SELECT 1 FROM DUAL WHERE FALSE') INTO @dk_count
  FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type IN ('BASE TABLE', 'SYSTEM VERSIONED');
PREPARE dk_count FROM @dk_count;
EXECUTE dk_count;
DEALLOCATE PREPARE dk_count;`;
function parseRowCounts(output) {
  const counts = /* @__PURE__ */ new Map();
  for (const line of output.split("\n")) {
    const m2 = /^DKCOUNT (.+) (\d+)$/.exec(line.trim());
    const [, table, rows] = m2 ?? [];
    if (table !== void 0) counts.set(table, Number(rows));
  }
  return counts;
}
function rowCountDifferences(source, restored) {
  const out = [];
  for (const [table, rows] of source) {
    const got = restored.get(table);
    if (got === void 0) out.push(`${table}: missing from the restored copy (${rows} rows in the source)`);
    else if (got !== rows) out.push(`${table}: ${got} rows restored, ${rows} in the source`);
  }
  for (const table of restored.keys())
    if (!source.has(table)) out.push(`${table}: in the restored copy but not in the source`);
  return out;
}

// packages/backup/src/pipeline.ts
var BUFFER_BYTES = 1 << 20;
var COMPRESSIONS = ["gzip", "zstd", "none"];
function compressionExtension(compression) {
  return compression === "gzip" ? ".gz" : compression === "zstd" ? ".zst" : "";
}
function startStage(label, argv, env, stdin) {
  const [command = "", ...args] = argv;
  const child = spawn(command, args, { env, stdio: [stdin, "pipe", "pipe"] });
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error(`${label}: spawn gave no output pipes`);
  const stage = {
    label,
    stdout,
    stdin: child.stdin ?? void 0,
    stderr: "",
    exited: new Promise((resolve) => {
      child.on("error", (error) => {
        stage.stderr += `${error.message}
`;
        resolve({ code: 127, signal: null });
      });
      child.on("close", (code, signal) => resolve({ code, signal }));
    }),
    kill: () => child.kill("SIGKILL")
  };
  stderr.on("data", (chunk) => {
    stage.stderr = (stage.stderr + chunk.toString("utf8")).slice(-4e3);
  });
  return stage;
}
function stdinOf(stage) {
  if (!stage.stdin) throw new Error(`${stage.label}: started without a stdin pipe`);
  return stage.stdin;
}
function remoteStage(remote) {
  const stdout = new PassThrough();
  const run2 = remote.start(stdout);
  const stage = {
    label: remote.label,
    stdout,
    stderr: "",
    exited: run2.exited.then(
      (r) => {
        stage.stderr = r.stderr;
        return { code: r.code, signal: r.signal ?? null };
      },
      (error) => {
        stage.stderr = errorMessage(error);
        stdout.end();
        return { code: 255, signal: null };
      }
    ),
    kill: () => run2.kill()
  };
  return stage;
}
function teeTo(target) {
  if (!target) return new PassThrough({ highWaterMark: BUFFER_BYTES });
  let open2 = true;
  const shut = () => {
    open2 = false;
  };
  target.on("error", shut);
  target.on("close", shut);
  return new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk, _encoding, callback) {
      if (open2 && (target.destroyed || target.writableEnded)) open2 = false;
      const waitForVerifier = open2 && !target.write(chunk);
      this.push(chunk);
      if (!waitForVerifier) return callback();
      const resume = () => {
        target.off("close", resume);
        target.off("drain", resume);
        callback();
      };
      target.once("drain", resume);
      target.once("close", resume);
      if (target.destroyed) resume();
    },
    flush(callback) {
      if (open2) target.end();
      callback();
    }
  });
}
function coalesce() {
  let held = [];
  let heldBytes = 0;
  return new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk, _e, callback) {
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes >= BUFFER_BYTES) {
        const out = Buffer.concat(held, heldBytes);
        held = [];
        heldBytes = 0;
        return callback(null, out);
      }
      callback();
    },
    flush(callback) {
      callback(null, heldBytes ? Buffer.concat(held, heldBytes) : void 0);
    }
  });
}
function drain(stream) {
  stream.removeAllListeners("readable");
  stream.on("data", () => void 0);
  stream.resume();
}
function startChecks(verifierStdin, walk) {
  const input = teeTo(verifierStdin);
  const content = new PassThrough({ highWaterMark: BUFFER_BYTES });
  const walked = walk ? walk(content).then(
    () => void 0,
    (error) => {
      drain(content);
      return error;
    }
  ) : (drain(content), Promise.resolve(void 0));
  const passed = pipeline(input, content).catch(() => void 0);
  return { input, done: Promise.all([passed, walked]).then(([, walkError]) => walkError) };
}
function startDecompression(compression, checks, verifierStdin) {
  const settle = (done) => done.then(
    () => void 0,
    (error) => {
      verifierStdin?.destroy();
      return error;
    }
  );
  if (compression === "gzip") {
    const gunzip = gunzipStream();
    return { input: gunzip, done: settle(pipeline(gunzip, checks)) };
  }
  const stage = startStage(
    "zstd --decompress (verify)",
    ["zstd", "--quiet", "--decompress", "--stdout"],
    process.env,
    "pipe"
  );
  return { input: stdinOf(stage), stage, done: settle(pipeline(stage.stdout, checks)) };
}
function describe(stage, status) {
  const how = status.signal ? `was killed (${status.signal})` : `exited ${String(status.code)}`;
  const why = stage.stderr.trim().split("\n").slice(-3).join(" / ");
  return `${stage.label} ${how}${why ? `: ${why}` : ""}`;
}
function isEcho(error) {
  const code = error?.code;
  return code === "EPIPE" || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE";
}
async function runPipeline(request) {
  const dump = "remote" in request.dump ? remoteStage(request.dump.remote) : startStage(request.dump.argv[0] ?? "dump", request.dump.argv, request.dump.env, "ignore");
  const verifier = request.verifier ? startStage(request.verifier.label, request.verifier.argv, request.dump.env, "pipe") : void 0;
  verifier?.stdout.resume();
  const gzip = request.compression === "gzip" ? gzipStream(request.dumpIsCompressed ? 1 : 6) : void 0;
  const compressor = request.compression === "zstd" ? startStage("zstd", ["zstd", "--quiet", "--stdout", "-3", "-T0"], process.env, "pipe") : void 0;
  const decompressing = request.compression !== "none" && (request.decompress || verifier !== void 0 || request.walk !== void 0);
  const checking = decompressing || verifier || request.walk ? startChecks(verifier?.stdin, request.walk) : void 0;
  const decompression = decompressing && checking ? startDecompression(
    request.compression,
    checking.input,
    verifier?.stdin
  ) : void 0;
  const stages = [dump, verifier, compressor, decompression?.stage].filter(
    (s) => s !== void 0
  );
  const kill = () => {
    for (const s of stages) s.kill();
  };
  request.signal?.addEventListener("abort", kill, { once: true });
  const hash = createHash("sha256");
  let sizeBytes = 0;
  let rawBytes = 0;
  const tail = { text: "" };
  const counter = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk, _e, callback) {
      rawBytes += chunk.length;
      tail.text = (tail.text + chunk.subarray(-4096).toString("latin1")).slice(-4096);
      request.inspect?.(chunk);
      callback(null, chunk);
    }
  });
  const hasher = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk, _e, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      callback(null, chunk);
    }
  });
  let streamError;
  try {
    const raw = [dump.stdout, coalesce(), counter];
    const check = teeTo(decompression?.input ?? checking?.input);
    const stored = request.encrypt ? [check, request.encrypt, hasher, request.sink] : [hasher, check, request.sink];
    await (compressor ? Promise.all([pipeline([...raw, stdinOf(compressor)]), pipeline([compressor.stdout, ...stored])]) : pipeline([...raw, ...gzip ? [gzip] : [], ...stored]));
  } catch (error) {
    streamError = error;
    kill();
    decompression?.input.destroy();
    checking?.input.destroy();
  } finally {
    request.signal?.removeEventListener("abort", kill);
  }
  const decompressionError = await decompression?.done;
  const walkError = await checking?.done;
  const statuses = await Promise.all(stages.map(async (stage) => ({ stage, status: await stage.exited })));
  throwIfCancelled(request.signal);
  const failures = statuses.filter(({ status }) => status.code !== 0 || status.signal !== null);
  const writeFailed = () => new ActionFailedError(`Writing the backup failed: ${errorMessage(streamError)}`);
  if (streamError && !isEcho(streamError)) throw writeFailed();
  if (decompressionError && !isEcho(decompressionError))
    throw new ActionFailedError(
      `The compressed backup does not decompress: ${decompressionError instanceof Error ? decompressionError.message : "stream error"}`
    );
  if (failures.length)
    throw new ActionFailedError(failures.map((f) => describe(f.stage, f.status)).join("; "));
  if (streamError) throw writeFailed();
  if (rawBytes === 0) throw new ActionFailedError(`${dump.label} exited 0 but wrote nothing`);
  if (request.endsWith && !request.endsWith.test(tail.text))
    throw new ActionFailedError(
      `${dump.label} exited 0 but the dump does not end with its completion marker`
    );
  return {
    sizeBytes,
    sha256: hash.digest("hex"),
    rawBytes,
    decompresses: decompression !== void 0 && decompressionError === void 0,
    ...walkError !== void 0 ? { walkFailure: walkError instanceof Error ? walkError.message : "the archive walk failed" } : {}
  };
}

// packages/backup/src/destination.ts
var TEMP_PREFIX = ".deploy-kit-partial-";
var SIDECAR = ".sha256";
function sidecarText(sha256, name) {
  return `${sha256}  ${name}
`;
}
function parseSidecar(text) {
  return /^([0-9a-f]{64})\s/.exec(text)?.[1];
}
function runQuiet(argv, input) {
  return new Promise((resolve) => {
    const child = spawn(argv[0] ?? "", argv.slice(1), { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c) => stderr = (stderr + c.toString()).slice(-2e3));
    child.on("error", (e) => resolve({ code: 127, stderr: e.message }));
    child.on("close", (code) => resolve({ code, stderr }));
    input.pipe(child.stdin).on("error", () => void 0);
  });
}
async function checkCompressed(open2, compression) {
  if (compression === "gzip") {
    try {
      await pipeline(await open2(), gunzipStream(), new Writable({ write: (_c, _e, cb) => cb() }));
    } catch (error) {
      throw new ActionFailedError(`The stored backup does not decompress: ${String(error)}`);
    }
  } else if (compression === "zstd") {
    const result = await runQuiet(["zstd", "--quiet", "--test"], await open2());
    if (result.code !== 0)
      throw new ActionFailedError(`The stored backup does not decompress: ${result.stderr.trim()}`);
  }
}
async function checkReadBack(storedSize, open2, expected, compression, what) {
  if (storedSize !== expected.sizeBytes)
    throw new ActionFailedError(
      `${what} has ${String(storedSize)} bytes, ${expected.sizeBytes} were written`
    );
  const [actual] = await Promise.all([
    sha256Of(await open2()),
    expected.decompressOnReRead ? checkCompressed(open2, compression) : void 0
  ]);
  if (actual !== expected.sha256)
    throw new ActionFailedError(`${what}'s SHA-256 is ${actual}, ${expected.sha256} was written`);
}
async function flushToDisk(path) {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
var LocalDestination = class {
  constructor(dir) {
    this.dir = dir;
    this.label = `local:${dir}`;
  }
  dir;
  label;
  prepare() {
    mkdirSync(this.dir, { recursive: true });
    return Promise.resolve();
  }
  openTemp() {
    const tempName = `${TEMP_PREFIX}${randomBytes(6).toString("hex")}`;
    const sink = createWriteStream(join(this.dir, tempName), {
      flags: "wx",
      mode: 384,
      highWaterMark: BUFFER_BYTES
    });
    const written = finished(sink);
    written.catch(() => void 0);
    return Promise.resolve({ tempName, sink, written });
  }
  async publish(tempName, name, expected, compression) {
    const temp = join(this.dir, tempName);
    await Promise.all([
      checkReadBack(
        statSync(temp).size,
        () => createReadStream(temp),
        expected,
        compression,
        "The stored backup"
      ),
      flushToDisk(temp)
    ]);
    const final = join(this.dir, name);
    if (existsSync(final)) throw new ActionFailedError(`${final} already exists; not overwritten`);
    writeFileSync(`${final}${SIDECAR}.tmp`, sidecarText(expected.sha256, name), { mode: 384 });
    await flushToDisk(`${final}${SIDECAR}.tmp`);
    renameSync(`${final}${SIDECAR}.tmp`, `${final}${SIDECAR}`);
    renameSync(temp, final);
    await flushToDisk(this.dir);
  }
  discard(tempName) {
    rmSync(join(this.dir, tempName), { force: true });
    return Promise.resolve();
  }
  list() {
    if (!existsSync(this.dir)) return Promise.resolve([]);
    const names = readdirSync(this.dir);
    const files = [];
    for (const name of names) {
      if (name.startsWith(".") || name.endsWith(SIDECAR)) continue;
      const stat = statSync(join(this.dir, name));
      if (!stat.isFile()) continue;
      const sidecar = join(this.dir, `${name}${SIDECAR}`);
      files.push({
        name,
        sizeBytes: stat.size,
        mtimeMs: stat.mtimeMs,
        sha256: existsSync(sidecar) ? parseSidecar(readFileSync(sidecar, "utf8")) : void 0
      });
    }
    return Promise.resolve(files);
  }
  remove(name) {
    rmSync(join(this.dir, `${name}${SIDECAR}`), { force: true });
    rmSync(join(this.dir, name), { force: true });
    return Promise.resolve();
  }
  read(name) {
    return Promise.resolve(createReadStream(join(this.dir, name)));
  }
  sweep(ttlMs, now) {
    if (!existsSync(this.dir)) return Promise.resolve([]);
    const swept = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      if (now - statSync(join(this.dir, name)).mtimeMs < ttlMs) continue;
      rmSync(join(this.dir, name), { force: true });
      swept.push(name);
    }
    return Promise.resolve(swept);
  }
};

// packages/backup/src/retention.ts
var pad = (n, width = 2) => String(n).padStart(width, "0");
function backupName(prefix, takenAt, extension) {
  const d = new Date(takenAt);
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  return `${prefix}-${stamp}.${extension}`;
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function parseBackupName(name, prefix, extension) {
  const m2 = new RegExp(
    `^${escapeRegExp(prefix)}-(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{3}))?Z\\.${escapeRegExp(extension)}$`
  ).exec(name);
  if (!m2) return void 0;
  const [y, mo, d, h, mi, s, ms] = m2.slice(1).map((x) => Number(x ?? 0));
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}
function dayKey(t) {
  return new Date(t).toISOString().slice(0, 10);
}
function weekKey(t) {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 864e5)) + 1;
  return `${year}-W${pad(week)}`;
}
function monthKey(t) {
  return new Date(t).toISOString().slice(0, 7);
}
function hasPolicy(policy) {
  return Object.values(policy).some((v) => v !== void 0);
}
function planRetention(files, policy, now) {
  const newestFirst = [...files].sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
  if (!hasPolicy(policy)) return { keep: newestFirst, delete: [] };
  const kept = /* @__PURE__ */ new Set();
  if (policy.keepLast) for (const f of newestFirst.slice(0, policy.keepLast)) kept.add(f);
  const periodic = (count, key) => {
    if (!count) return;
    const seen = /* @__PURE__ */ new Set();
    for (const f of newestFirst) {
      const k = key(f.takenAt);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      kept.add(f);
    }
  };
  periodic(policy.keepDaily, dayKey);
  periodic(policy.keepWeekly, weekKey);
  periodic(policy.keepMonthly, monthKey);
  if (policy.maxAgeMs !== void 0) {
    for (const f of newestFirst) if (now - f.takenAt <= policy.maxAgeMs) kept.add(f);
  }
  if (kept.size === 0 && newestFirst.length > 0)
    return {
      keep: newestFirst,
      delete: [],
      refused: `the retention policy would delete all ${newestFirst.length} backup(s); nothing was deleted`
    };
  const newestVerified = newestFirst.find((f) => f.verified);
  if (newestVerified) kept.add(newestVerified);
  return { keep: newestFirst.filter((f) => kept.has(f)), delete: newestFirst.filter((f) => !kept.has(f)) };
}

// packages/backup/src/backup.ts
function psqlArgv(c, database, ...options) {
  return ["psql", ...pgConnectionArgs(c), "--no-psqlrc", ...options, "--dbname", database];
}
function psqlQuery(c, database, query) {
  return [...psqlArgv(c, database, "--tuples-only", "--no-align"), "--command", query];
}
async function countingSnapshot(spec, place) {
  const c = spec.connection;
  const session = place.session(
    psqlArgv(c, c.database, "--tuples-only", "--no-align", "--quiet", "--set=ON_ERROR_STOP=1")
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    session.write("COMMIT;\n");
    await session.close();
  };
  try {
    session.write(
      "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSELECT 'DKSNAP ' || pg_export_snapshot();\n"
    );
    const snapshot = /^DKSNAP (\S+)$/m.exec(await session.until("DKSNAP "))?.[1];
    if (!snapshot) throw new ActionFailedError("verify: restore: PostgreSQL exported no snapshot");
    return {
      snapshot,
      counts: async () => {
        session.write(`${PG_COUNT_ROWS}
SELECT 'DKEND';
`);
        return parseRowCounts(await session.until("DKEND"));
      },
      close
    };
  } catch (error) {
    await close().catch(() => void 0);
    throw error;
  }
}
function scratchDatabase(spec, place) {
  const c = spec.connection;
  const name = `${c.database.slice(0, 40)}_dkverify_${randomBytes(4).toString("hex")}`;
  if (spec.engine === "postgres") {
    const quoted2 = `"${name.replace(/"/g, '""')}"`;
    const admin = (sql) => place.run([...psqlArgv(c, "postgres", "--quiet", "--set=ON_ERROR_STOP=1"), "--command", sql], 6e4);
    return {
      spec: { ...spec, snapshot: void 0, connection: { ...c, database: name } },
      create: () => admin(`CREATE DATABASE ${quoted2}`),
      count: () => place.run(psqlQuery(c, name, PG_COUNT_ROWS), 36e5),
      drop: () => admin(`DROP DATABASE IF EXISTS ${quoted2}`),
      privilege: "CREATEDB"
    };
  }
  const quoted = `\`${name.replace(/`/g, "``")}\``;
  const client = (sql, database, timeoutMs = 6e4) => place.run(
    [
      ...restoreArgv(spec, place.optionFile),
      "--batch",
      "--skip-column-names",
      "--execute",
      sql,
      ...database ? ["--", database] : []
    ],
    timeoutMs
  );
  return {
    spec: { ...spec, restoreInto: name },
    create: () => client(`CREATE DATABASE ${quoted}`),
    count: () => client(MYSQL_COUNT_ROWS, name, 36e5),
    drop: () => client(`DROP DATABASE IF EXISTS ${quoted}`),
    privilege: "the CREATE and DROP privileges"
  };
}
async function checkByRestore(spec, stored, compression, source, place, decrypt) {
  const scratch = scratchDatabase(spec, place);
  const created = await scratch.create();
  if (created.code !== 0)
    throw new ActionFailedError(
      `verify: restore needs a scratch database, and CREATE DATABASE failed on ${place.name}: ${created.stderr.trim()} (the user needs ${scratch.privilege})`
    );
  try {
    const restored = await restoreStream(
      scratch.spec,
      await stored(),
      compression,
      "/",
      place,
      {
        failed: "verify: restore: the backup does not restore into a scratch database",
        unreadable: "verify: restore: reading the stored backup failed"
      },
      decrypt
    );
    if (restored.namesSource !== void 0) {
      const source2 = spec.connection.database;
      throw new ActionFailedError(
        `verify: restore: a trigger, routine or event in the dump names the database ${source2} itself (${restored.namesSource}); in a scratch database it would act on ${source2}, so this check cannot run on this database: use verify: true`
      );
    }
    const counted = await scratch.count();
    if (counted.code !== 0)
      throw new ActionFailedError(
        `verify: restore: counting the restored rows failed: ${counted.stderr.trim()}`
      );
    const differences = rowCountDifferences(source, parseRowCounts(counted.stdout));
    if (differences.length)
      throw new ActionFailedError(`verify: restore: the restored copy differs: ${differences.join("; ")}`);
    return { tables: source.size, rows: [...source.values()].reduce((a, b) => a + b, 0) };
  } finally {
    await scratch.drop().catch(() => void 0);
  }
}
function backupExtension(spec, compression, encrypted) {
  return `${dumpExtension(spec)}${compressionExtension(compression)}${encrypted ? AGE_EXTENSION : ""}`;
}
function majorOf(text) {
  const m2 = /(\d+)(?:\.(\d+))?/.exec(text);
  return m2 ? Number(m2[1]) : void 0;
}
async function preflight(spec, place) {
  if (spec.engine === "postgres") {
    const c = spec.connection;
    const [server, client] = await Promise.all([
      place.run(
        psqlQuery(c, spec.scope === "cluster" ? "postgres" : c.database, "SHOW server_version_num"),
        3e4
      ),
      place.run([spec.scope === "cluster" ? "pg_dumpall" : "pg_dump", "--version"], 1e4)
    ]);
    if (server.code !== 0)
      throw new ActionFailedError(`Cannot connect to PostgreSQL from ${place.name}: ${server.stderr.trim()}`);
    const serverMajor = Math.floor(Number(server.stdout.trim()) / 1e4);
    const clientMajor = majorOf(client.stdout.replace(/^[^\d]*/, ""));
    if (client.code !== 0 || clientMajor === void 0)
      throw new ActionFailedError(`pg_dump is not installed on ${place.name}: ${client.stderr.trim()}`);
    if (clientMajor < serverMajor)
      throw new ActionFailedError(
        `pg_dump ${clientMajor} on ${place.name} is older than the server (PostgreSQL ${serverMajor}) and cannot dump it: install postgresql-client-${serverMajor}`
      );
  } else if (spec.engine === "mysql") {
    const c = spec.connection;
    const argv = restoreArgv(spec, place.optionFile);
    const ping = await place.run(
      [...argv, "--batch", "--skip-column-names", "--execute", "SELECT 1", "--", c.database],
      3e4
    );
    if (ping.code !== 0)
      throw new ActionFailedError(
        `Cannot connect to MariaDB/MySQL from ${place.name}: ${ping.stderr.trim()}`
      );
  }
}
var PG_RESTORE_READS_ALL = ["pg_restore", "--file=/dev/null"];
function isCustomArchive(spec) {
  return spec.engine === "postgres" && spec.format === "custom" && spec.scope === "database";
}
function verifierFor(spec) {
  if (isCustomArchive(spec))
    return { argv: ["pg_restore", "--list"], label: "pg_restore --list (verify)" };
  if (spec.engine === "files") return { argv: ["tar", "--list", "--file=-"], label: "tar --list (verify)" };
  return void 0;
}
async function takeBackup(request, deps) {
  const started = deps.clock.now();
  const { spec, destination } = request;
  if (request.restoreCheck && request.encryption && !request.encryption.identity)
    throw new ActionFailedError("verify: restore of an encrypted backup needs the identity to decrypt it");
  await destination.prepare();
  await preflight(spec, deps.place);
  const counting = request.restoreCheck && spec.engine === "postgres" ? await countingSnapshot(spec, deps.place) : void 0;
  try {
    return await backupWithin(request, deps, started, counting);
  } finally {
    await counting?.close().catch(() => void 0);
  }
}
async function backupWithin(request, deps, started, counting) {
  const { spec, destination } = request;
  const dumpSpec = {
    ...spec,
    ...counting ? { snapshot: counting.snapshot } : {},
    ...isCustomArchive(spec) && request.compression !== "none" && !deps.place.remote ? { uncompressedArchive: true } : {}
  };
  const dumpCounter = request.restoreCheck && spec.engine === "mysql" ? new DumpRowCounter() : void 0;
  const dump = await deps.place.dump(dumpSpec, request.verify, request.timeoutMs);
  const encryption = request.encryption;
  const name = backupName(
    request.prefix,
    started,
    backupExtension(spec, request.compression, encryption !== void 0)
  );
  const identity = encryption?.identity;
  const decrypt = identity ? () => decryptWith(identity, name) : void 0;
  const temp = await destination.openTemp(name);
  let result;
  let restoreChecked;
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    const onAbort = () => controller.abort();
    deps.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      result = await runPipeline({
        dump,
        verifier: request.verify ? verifierFor(spec) : void 0,
        ...request.verify && isCustomArchive(spec) ? { walk: walkCustomArchive } : {},
        dumpIsCompressed: dumpSpec.engine === "postgres" && isCustomArchive(spec) && !dumpSpec.uncompressedArchive,
        ...dumpCounter ? { inspect: (chunk) => dumpCounter.feed(chunk) } : {},
        endsWith: request.verify ? completionMarker(spec) : void 0,
        compression: request.compression,
        decompress: request.verify,
        ...encryption ? { encrypt: encryptTo(encryption.recipients) } : {},
        sink: temp.sink,
        signal: controller.signal
      });
      await temp.written;
    } catch (error) {
      if (controller.signal.aborted && !deps.signal?.aborted)
        throw new ActionFailedError(
          `The backup did not finish within ${Math.round(request.timeoutMs / 1e3)}s`
        );
      throw error;
    } finally {
      clearTimeout(timer);
      deps.signal?.removeEventListener("abort", onAbort);
    }
    if (result.walkFailure) {
      if (encryption && !decrypt)
        throw new ActionFailedError(
          `The archive walk found the archive wrong (${result.walkFailure}), and without 'decrypt-identity' pg_restore cannot read the encrypted file to decide: not published`
        );
      await confirmWithPgRestore(
        result.walkFailure,
        () => destination.read(temp.tempName),
        request.compression,
        deps.logger,
        decrypt
      );
    }
    const source = counting ? await counting.counts() : dumpCounter?.counts();
    await counting?.close();
    if (source && (spec.engine === "postgres" || spec.engine === "mysql"))
      restoreChecked = await checkByRestore(
        spec,
        () => destination.read(temp.tempName),
        request.compression,
        source,
        deps.place,
        decrypt
      );
    await destination.publish(
      temp.tempName,
      name,
      {
        sizeBytes: result.sizeBytes,
        sha256: result.sha256,
        decompressOnReRead: request.verify && !result.decompresses
      },
      request.compression
    );
  } catch (error) {
    temp.sink.destroy();
    await destination.discard(temp.tempName).catch(() => void 0);
    throw error;
  }
  return {
    ...result,
    name,
    path: `${destination.label}/${name}`,
    durationMs: deps.clock.now() - started,
    ...restoreChecked ? { restoreChecked } : {}
  };
}
async function confirmWithPgRestore(walkFailure, stored, compression, logger, decrypt) {
  const decompressed = new PassThrough();
  const reading = pipeDecompressed(await stored(), compression, decompressed, decrypt).catch(
    (error) => error
  );
  const [result, readError] = await Promise.all([runQuiet(PG_RESTORE_READS_ALL, decompressed), reading]);
  if (result.code !== 0 || readError && !isEcho(readError))
    throw new ActionFailedError(
      `The stored archive is not whole: ${walkFailure}; pg_restore agrees (exit ${String(result.code)}): ${result.stderr.trim().split("\n").slice(-2).join(" / ")}`
    );
  logger.warning(`The archive walk reported "${walkFailure}", but pg_restore reads the whole archive: kept`);
}
var FUTURE_SKEW_MS = 5 * 6e4;
function jobBackups(files, prefix, extension, now, warn) {
  const out = [];
  const future = [];
  for (const f of files) {
    const takenAt = parseBackupName(f.name, prefix, extension);
    if (takenAt === void 0) continue;
    if (takenAt > now + FUTURE_SKEW_MS) future.push(f.name);
    else out.push({ name: f.name, takenAt, sizeBytes: f.sizeBytes, verified: f.sha256 !== void 0 });
  }
  if (future.length > 0)
    warn(
      `Ignored ${future.length} backup(s) named with a time in the future (never restored, never deleted): ${future.join(", ")}`
    );
  return out.sort((a, b) => b.takenAt - a.takenAt);
}
async function applyRetention(destination, prefix, extension, policy, now, warn) {
  const decision = planRetention(
    jobBackups(await destination.list(), prefix, extension, now, warn),
    policy,
    now
  );
  for (const file of decision.delete) await destination.remove(file.name);
  return decision;
}
async function restoreBackup(request, destination, deps) {
  const { spec, file, decrypt } = request;
  if (!file.sha256) throw new ActionFailedError(`${file.name} has no .sha256 sidecar: it was never verified`);
  mkdirSync(request.scratchDir, { recursive: true });
  const dir = mkdtempSync(join(request.scratchDir, "deploy-kit-restore-"));
  try {
    const copy = join(dir, "backup");
    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      }
    });
    await pipeline(await destination.read(file.name), hashing, createWriteStream(copy, { mode: 384 }));
    const actual = hash.digest("hex");
    if (actual !== file.sha256)
      throw new ActionFailedError(
        `${file.name}: SHA-256 ${actual} does not match its sidecar (${file.sha256}); not restored`
      );
    if (decrypt)
      await pipeline(
        createReadStream(copy),
        decrypt(),
        new Writable({ write: (_c, _e, done) => done() })
      ).catch((error) => {
        throw new ActionFailedError(`${errorMessage(error)}; not restored`);
      });
    await request.beforeRestore?.();
    await preflight(spec, deps.place);
    await restoreStream(
      spec,
      createReadStream(copy),
      request.compression,
      request.restoreDirectory,
      deps.place,
      { failed: `Restoring on ${deps.place.name} failed`, unreadable: "Reading the backup failed" },
      decrypt
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
async function restoreStream(spec, source, compression, restoreDirectory, place, messages2, decrypt) {
  const decompressed = new PassThrough();
  const retarget = spec.engine === "mysql" && spec.restoreInto ? new ScratchRestoreFilter(spec.connection.database) : void 0;
  const reading = (retarget ? Promise.all([
    pipeDecompressed(source, compression, retarget, decrypt),
    pipeline(retarget, decompressed)
  ]) : pipeDecompressed(source, compression, decompressed, decrypt)).then(
    () => void 0,
    (error) => {
      decompressed.destroy();
      return error;
    }
  );
  const result = await place.restore(spec, decompressed, restoreDirectory);
  const streamError = await reading;
  if (result.code !== 0)
    throw new ActionFailedError(
      `${messages2.failed} (exit ${String(result.code)}): ${result.stderr.trim().split("\n").slice(-3).join(" / ")}`
    );
  if (streamError && !isEcho(streamError))
    throw new ActionFailedError(
      `${messages2.unreadable}: ${streamError instanceof Error ? streamError.message : "stream error"}`
    );
  return retarget?.namesSource === void 0 ? {} : { namesSource: retarget.namesSource };
}
async function pipeDecompressed(stored, compression, target, decrypt) {
  const opened = decrypt ? [decrypt()] : [];
  if (compression === "zstd") {
    const child = spawn("zstd", ["--quiet", "--decompress", "--stdout"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise((resolve) => child.on("close", resolve));
    await Promise.all([pipeline([stored, ...opened, child.stdin]), pipeline(child.stdout, target)]);
    if (await exited !== 0) throw new ActionFailedError("zstd could not decompress the backup");
    return;
  }
  await pipeline([stored, ...opened, compression === "gzip" ? gunzipStream() : new PassThrough(), target]);
}

// packages/backup/src/ssh-destination.ts
var WRITE = `set -eu
umask 077
cat > "$1"`;
var PUBLISH = `set -eu
tmp=$1; final=$2; size=$3; sha=$4; comp=$5
actual=$(wc -c < "$tmp" | tr -d ' ')
[ "$actual" = "$size" ] || { echo "the stored backup has $actual bytes, $size were written" >&2; exit 3; }
actual=$(sha256sum < "$tmp" | cut -d' ' -f1)
[ "$actual" = "$sha" ] || { echo "the stored backup's SHA-256 is $actual, $sha was written" >&2; exit 4; }
case $comp in
  gzip) gzip -t < "$tmp" || { echo "the stored backup does not decompress" >&2; exit 5; } ;;
  zstd) zstd -q -t < "$tmp" || { echo "the stored backup does not decompress" >&2; exit 5; } ;;
esac
[ ! -e "$final" ] || { echo "$final already exists; not overwritten" >&2; exit 6; }
umask 077
printf '%s  %s\\n' "$sha" "\${final##*/}" > "$final.sha256.tmp"
# On disk before the final names (a crash must not leave a vouched-for empty file); sync with
# file operands is coreutils' and busybox's fsync, a bare sync the fallback of older ones.
sync -- "$tmp" "$final.sha256.tmp" 2>/dev/null || sync
mv -f -- "$final.sha256.tmp" "$final.sha256"
mv -- "$tmp" "$final"
sync -- "\${final%/*}" 2>/dev/null || sync`;
var LIST = `set -u
for f in "$1"/* "$1"/.[!.]*; do
  [ -f "$f" ] || continue
  case $f in *.sha256|*.sha256.tmp) continue ;; esac
  h=$(cut -c1-64 "$f.sha256" 2>/dev/null || true)
  printf '%s\\t%s\\t%s\\t%s\\n' "\${f##*/}" "$(wc -c < "$f" | tr -d ' ')" "$(stat -c %Y "$f")" "$h"
done`;
var SWEEP = `set -u
find "$1" -maxdepth 1 -type f -name '${TEMP_PREFIX}*' -mmin +"$2" -print -delete | sed 's|.*/||'`;
var SshDestination = class {
  constructor(ssh, dir, hostLabel, signal) {
    this.ssh = ssh;
    this.dir = dir;
    this.signal = signal;
    this.label = `ssh:${hostLabel}:${dir}`;
  }
  ssh;
  dir;
  signal;
  label;
  path(name) {
    return `${this.dir}/${name}`;
  }
  async script(name, script, args, stdin) {
    const result = await this.ssh.exec(["sh", "-c", script, `db-backup-${name}`, ...args], {
      stdin,
      signal: this.signal
    });
    if (result.code !== 0)
      throw new ActionFailedError(
        `${this.label}: ${name} failed (exit ${String(result.code)}): ${result.stderr.trim()}`
      );
    return result.stdout;
  }
  async prepare() {
    await this.script("prepare", 'set -eu\numask 077\nmkdir -p -- "$1"', [this.dir]);
  }
  openTemp() {
    const tempName = `${TEMP_PREFIX}${randomBytes(6).toString("hex")}`;
    const sink = new PassThrough();
    const written = this.script("write", WRITE, [this.path(tempName)], sink).then(() => void 0);
    written.catch(() => void 0);
    return Promise.resolve({ tempName, sink, written });
  }
  async publish(tempName, name, expected, compression) {
    await this.script("publish", PUBLISH, [
      this.path(tempName),
      this.path(name),
      String(expected.sizeBytes),
      expected.sha256,
      expected.decompressOnReRead ? compression : "none"
    ]);
  }
  async discard(tempName) {
    await this.script("discard", 'rm -f -- "$1"', [this.path(tempName)]);
  }
  async list() {
    const out = await this.script("list", LIST, [this.dir]);
    return out.split("\n").filter(Boolean).map((line) => line.split("	")).flatMap(
      ([name, size, mtime, sha]) => name && !name.startsWith(".") ? [
        {
          name,
          sizeBytes: Number(size),
          mtimeMs: Number(mtime) * 1e3,
          sha256: sha && /^[0-9a-f]{64}$/.test(sha) ? sha : void 0
        }
      ] : []
    );
  }
  async remove(name) {
    await this.script("remove", 'rm -f -- "$1" "$1$2"', [this.path(name), SIDECAR]);
  }
  read(name) {
    const out = new PassThrough();
    this.ssh.exec(["cat", "--", this.path(name)], { stdout: out, signal: this.signal }).then((result) => {
      if (result.code !== 0)
        out.destroy(new ActionFailedError(`${this.label}: cannot read ${name}: ${result.stderr.trim()}`));
    }).catch((error) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    return Promise.resolve(out);
  }
  async sweep(ttlMs) {
    const out = await this.script("sweep", SWEEP, [
      this.dir,
      String(Math.max(1, Math.floor(ttlMs / 6e4)))
    ]);
    return out.split("\n").filter(Boolean);
  }
};

// packages/backup/src/place.ts
function sessionOf(write, end, subscribe, exited) {
  let stdout = "";
  let stderr = "";
  let ended;
  const waiters = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  subscribe((text, stream) => {
    if (stream === "stdout") stdout += text;
    else stderr = (stderr + text).slice(-4e3);
    wake();
  });
  const done = exited.then((r) => {
    ended = r;
    wake();
    return r;
  });
  return {
    write,
    until: (marker) => new Promise((resolve, reject) => {
      const check = () => {
        if (stdout.split("\n").some((line) => line.startsWith(marker))) resolve(stdout);
        else if (ended)
          reject(new ActionFailedError(`The session ended (exit ${String(ended.code)}): ${stderr.trim()}`));
        else waiters.push(check);
      };
      check();
    }),
    close: async () => {
      end();
      const r = await done;
      return { code: r.code, stderr };
    }
  };
}
var SQLITE_CHECK = "PRAGMA integrity_check;";
function collect(child) {
  let stderr = "";
  child.stderr?.on("data", (c) => stderr = (stderr + c.toString()).slice(-4e3));
  return new Promise((resolve) => {
    child.on("error", (e) => resolve({ code: 127, stderr: e.message }));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}
function runnerPlace(spec, exec, baseEnv, tempRoot, signal) {
  const work = mkdtempSync(join(tempRoot, "dk-backup-"));
  const env = { ...baseEnv, PGCONNECT_TIMEOUT: "15" };
  let optionFile;
  const file = credentialFile(spec);
  if (file) {
    const path = join(work, file.envVar ? "pgpass" : "my.cnf");
    writeFileSync(path, file.content, { mode: 384 });
    if (file.envVar) env[file.envVar] = path;
    else optionFile = path;
  }
  const run2 = (argv, timeoutMs) => exec(argv, { env, signal, timeoutMs });
  return {
    name: "the runner",
    remote: false,
    optionFile,
    run: run2,
    dump: async (dumpSpec, verify, timeoutMs) => {
      if (dumpSpec.engine !== "sqlite") return { argv: dumpArgv(dumpSpec, optionFile), env };
      const copy = join(work, "copy.db");
      const made = await run2(dumpArgv(dumpSpec, void 0, copy), timeoutMs);
      if (made.code !== 0)
        throw new ActionFailedError(`sqlite3 .backup failed: ${made.stderr.trim() || made.stdout.trim()}`);
      if (verify) {
        const check = await run2(["sqlite3", "-readonly", copy, SQLITE_CHECK], timeoutMs);
        if (check.code !== 0 || check.stdout.trim() !== "ok")
          throw new ActionFailedError(
            `The SQLite copy fails its integrity check: ${(check.stdout + check.stderr).trim().slice(0, 300)}`
          );
      }
      return { argv: ["cat", "--", copy], env };
    },
    session: (argv) => {
      const child = spawn(argv[0] ?? "", argv.slice(1), { env, stdio: ["pipe", "pipe", "pipe"] });
      child.stdin.on("error", () => void 0);
      return sessionOf(
        (text) => child.stdin.write(text),
        () => child.stdin.end(),
        (onText) => {
          child.stdout.on("data", (c) => onText(c.toString(), "stdout"));
          child.stderr.on("data", (c) => onText(c.toString(), "stderr"));
        },
        new Promise((resolve) => {
          child.on("error", () => resolve({ code: 127 }));
          child.on("close", (code) => resolve({ code }));
        })
      );
    },
    restore: async (restoreSpec, input, restoreDirectory) => {
      if (restoreSpec.engine === "sqlite") {
        const copy = join(work, "restore.db");
        await pipeline(input, createWriteStream(copy, { mode: 384 }));
        const result = await run2(restoreArgv(restoreSpec, void 0, copy), 36e5);
        return { code: result.code, stderr: result.stderr };
      }
      const argv = restoreArgv(restoreSpec, optionFile, void 0, restoreDirectory);
      const child = spawn(argv[0] ?? "", argv.slice(1), { env, stdio: ["pipe", "ignore", "pipe"] });
      const done = collect(child);
      await pipeline(input, child.stdin).catch(() => void 0);
      return done;
    },
    close: () => rmSync(work, { recursive: true, force: true })
  };
}
var CREDENTIALS = "@DEPLOY_KIT_CREDENTIALS@";
var WITH_CREDENTIALS = `set -eu
umask 077
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 143' TERM INT
kind=$1; size=$2; shift 2
${READ_EXACT_TOOL}if [ "$size" -gt 0 ]; then dk_read_exact "$size" > "$tmp/credentials"; fi
if [ "$kind" = pgpass ]; then PGPASSFILE=$tmp/credentials; export PGPASSFILE; fi
PGCONNECT_TIMEOUT=15; export PGCONNECT_TIMEOUT
n=$#
while [ "$n" -gt 0 ]; do
  a=$1; shift; n=$((n - 1))
  case $a in
    --defaults-extra-file=${CREDENTIALS}) a=--defaults-extra-file=$tmp/credentials ;;
  esac
  set -- "$@" "$a"
done
"$@"`;
var SQLITE_COPY = `set -eu
umask 077
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
sqlite3 -bail "$1" ".backup '$tmp/copy.db'"
if [ "$2" = true ]; then
  r=$(sqlite3 -readonly "$tmp/copy.db" '${SQLITE_CHECK}')
  [ "$r" = ok ] || { echo "the SQLite copy fails its integrity check: $r" >&2; exit 3; }
fi
cat -- "$tmp/copy.db"`;
var SQLITE_RESTORE = `set -eu
umask 077
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
cat > "$tmp/restore.db"
sqlite3 -bail "$1" ".restore '$tmp/restore.db'"`;
var IN_CONTAINER = `set -eu
c=$1; shift
engine=
for e in docker podman; do
  if command -v "$e" >/dev/null 2>&1 && "$e" container inspect -- "$c" >/dev/null 2>&1; then engine=$e; break; fi
done
[ -n "$engine" ] || { echo "container $c: neither docker nor podman on this host has it" >&2; exit 127; }
exec "$engine" exec -i -- "$c" "$@"`;
function hostPlace(spec, ssh, hostLabel, signal, container) {
  const file = credentialFile(spec);
  const credentials = Buffer.from(file?.content ?? "");
  const kind = !file ? "none" : file.envVar ? "pgpass" : "mycnf";
  const wrapped = (argv) => [
    ...container ? ["sh", "-c", IN_CONTAINER, "db-backup-container", container] : [],
    "sh",
    "-c",
    WITH_CREDENTIALS,
    "db-backup",
    kind,
    String(credentials.length),
    ...argv
  ];
  const optionFile = kind === "mycnf" ? CREDENTIALS : void 0;
  const withCredentials = (input) => Readable.from(
    (async function* () {
      if (credentials.length) yield credentials;
      if (input) for await (const chunk of input) yield chunk;
    })()
  );
  const run2 = async (argv, timeoutMs) => {
    const result = await ssh.exec(wrapped(argv), { stdin: withCredentials(), timeoutMs, signal });
    return { code: result.code, stdout: result.stdout, stderr: result.stderr };
  };
  return {
    name: container ? `the container ${container} on ${hostLabel}` : `the host ${hostLabel}`,
    remote: true,
    optionFile,
    run: run2,
    dump: (dumpSpec, verify) => {
      const argv = dumpSpec.engine === "sqlite" ? ["sh", "-c", SQLITE_COPY, "db-backup-sqlite", dumpSpec.connection.database, String(verify)] : dumpArgv(dumpSpec, optionFile);
      return Promise.resolve({
        remote: {
          label: `${dumpSpec.engine === "sqlite" ? "sqlite3" : argv[0] ?? ""} on ${hostLabel}`,
          start: (stdout) => {
            const controller = new AbortController();
            const onAbort = () => controller.abort();
            signal?.addEventListener("abort", onAbort, { once: true });
            const exited = ssh.exec(wrapped(argv), { stdin: withCredentials(), stdout, signal: controller.signal }).finally(() => signal?.removeEventListener("abort", onAbort));
            return { exited, kill: () => controller.abort() };
          }
        },
        env: process.env
      });
    },
    session: (argv) => {
      const through = new PassThrough();
      let listener = () => void 0;
      const exited = ssh.exec(wrapped(argv), {
        stdin: withCredentials(through),
        signal,
        onOutput: (t, st) => listener(t, st)
      }).then(
        (r) => ({ code: r.code }),
        () => ({ code: null })
      );
      return sessionOf(
        (text) => through.write(text),
        () => through.end(),
        (onText) => listener = onText,
        exited
      );
    },
    restore: async (restoreSpec, input, restoreDirectory) => {
      const argv = restoreSpec.engine === "sqlite" ? ["sh", "-c", SQLITE_RESTORE, "db-backup-sqlite", restoreSpec.connection.database] : restoreArgv(restoreSpec, optionFile, void 0, restoreDirectory);
      const through = new PassThrough();
      input.pipe(through);
      const result = await ssh.exec(wrapped(argv), { stdin: withCredentials(through), signal });
      return { code: result.code, stderr: result.stderr };
    },
    close: () => void 0
  };
}

// packages/backup/src/s3-destination.ts
var PART_BYTES = 16 * 1024 * 1024;
var S3Destination = class _S3Destination {
  constructor(s3, storage, client, location) {
    this.s3 = s3;
    this.storage = storage;
    this.client = client;
    this.location = location;
    this.label = `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ""}`;
  }
  s3;
  storage;
  client;
  location;
  label;
  /** The AWS SDK is large: it is loaded only for an s3:// destination. */
  static async open(location) {
    const [s3Module, storageModule] = await Promise.all([
      import("../chunks/dist-cjs-KKRDQH3F.js"),
      import("../chunks/dist-cjs-KNMSH6ER.js")
    ]);
    const s3 = s3Module.default ?? s3Module;
    const storage = storageModule.default ?? storageModule;
    const proxied = await proxyAgent(
      new URL(location.endpoint ?? `https://${location.bucket}.s3.${location.region}.amazonaws.com`)
    );
    const client = new s3.S3Client({
      ...proxied ? { requestHandler: { httpAgent: proxied.agent, httpsAgent: proxied.agent } } : {},
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.forcePathStyle,
      // Checksums only where S3 requires them: many S3-compatible stores reject the aws-chunked
      // trailers newer SDKs send by default. Integrity is ours anyway: SHA-256, re-read.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED"
    });
    return new _S3Destination(s3, storage, client, location);
  }
  key(name) {
    return this.location.prefix ? `${this.location.prefix}/${name}` : name;
  }
  fail(what, error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new ActionFailedError(`${this.label}: ${what} failed: ${message}`);
  }
  async prepare() {
    try {
      await this.client.send(new this.s3.HeadBucketCommand({ Bucket: this.location.bucket }));
    } catch (error) {
      throw this.fail(
        `reaching bucket ${this.location.bucket} (does it exist, and may these credentials use it?)`,
        error
      );
    }
  }
  /** The name given is the final one: a multipart upload is invisible until it completes. */
  openTemp(name) {
    if (!name) throw new Error("S3Destination.openTemp needs the final name");
    const sink = new PassThrough({ highWaterMark: 1 << 20 });
    const upload = new this.storage.Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.key(name), Body: sink },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false
    });
    const written = upload.done().then(
      () => void 0,
      (error) => {
        throw this.fail(`uploading ${name}`, error);
      }
    );
    written.catch(() => void 0);
    return Promise.resolve({ tempName: name, sink, written });
  }
  async publish(tempName, name, expected, compression) {
    const head = await this.client.send(new this.s3.HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(tempName) })).catch((error) => {
      throw this.fail(`reading back ${name}`, error);
    });
    await checkReadBack(
      head.ContentLength,
      () => this.read(name),
      expected,
      compression,
      `${this.label}/${name}`
    );
    await this.client.send(
      new this.s3.PutObjectCommand({
        Bucket: this.location.bucket,
        Key: this.key(`${name}${SIDECAR}`),
        Body: sidecarText(expected.sha256, name),
        ContentType: "text/plain"
      })
    ).catch((error) => {
      throw this.fail(`writing ${name}${SIDECAR}`, error);
    });
  }
  async discard(tempName) {
    await this.client.send(new this.s3.DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(tempName) })).catch(() => void 0);
  }
  async list() {
    const objects = [];
    let token;
    do {
      const page = await this.client.send(
        new this.s3.ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: this.location.prefix ? `${this.location.prefix}/` : void 0,
          ContinuationToken: token
        })
      ).catch((error) => {
        throw this.fail("listing", error);
      });
      for (const o of page.Contents ?? []) {
        const name = (o.Key ?? "").slice(this.location.prefix ? this.location.prefix.length + 1 : 0);
        if (name && !name.includes("/"))
          objects.push({ name, size: o.Size ?? 0, mtime: o.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : void 0;
    } while (token);
    const names = new Set(objects.map((o) => o.name));
    const files = [];
    for (const o of objects) {
      if (o.name.endsWith(SIDECAR)) continue;
      let sha256;
      if (names.has(`${o.name}${SIDECAR}`)) {
        const body = await this.client.send(
          new this.s3.GetObjectCommand({
            Bucket: this.location.bucket,
            Key: this.key(`${o.name}${SIDECAR}`)
          })
        );
        sha256 = parseSidecar(await body.Body?.transformToString() ?? "");
      }
      files.push({ name: o.name, sizeBytes: o.size, mtimeMs: o.mtime, sha256 });
    }
    return files;
  }
  async remove(name) {
    for (const key of [`${name}${SIDECAR}`, name])
      await this.client.send(new this.s3.DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(key) })).catch((error) => {
        throw this.fail(`deleting ${key}`, error);
      });
  }
  async read(name) {
    const object = await this.client.send(new this.s3.GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(name) })).catch((error) => {
      throw this.fail(`reading ${name}`, error);
    });
    return object.Body;
  }
  /** Aborts multipart uploads of killed runs older than `ttlMs` (their parts cost storage). */
  async sweep(ttlMs, now) {
    const page = await this.client.send(
      new this.s3.ListMultipartUploadsCommand({
        Bucket: this.location.bucket,
        Prefix: this.location.prefix ? `${this.location.prefix}/` : void 0
      })
    ).catch(() => ({ Uploads: [] }));
    const aborted = [];
    for (const upload of page.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || now - (upload.Initiated?.getTime() ?? now) < ttlMs) continue;
      await this.client.send(
        new this.s3.AbortMultipartUploadCommand({
          Bucket: this.location.bucket,
          Key: upload.Key,
          UploadId: upload.UploadId
        })
      ).catch(() => void 0);
      aborted.push(upload.Key);
    }
    return aborted;
  }
};

// packages/backup/src/artifact-destination.ts
function sidecarOf(digest) {
  return digest?.startsWith("sha256:") ? { sha256: digest.slice("sha256:".length) } : {};
}
var workflowFile = (path) => path.slice(path.lastIndexOf("/") + 1);
var MAX_PAGES = 50;
var RepositoryArtifacts = class {
  constructor(api, warn, trust = { workflows: [], branches: [] }) {
    this.api = api;
    this.warn = warn;
    this.trust = trust;
  }
  api;
  warn;
  trust;
  resolved;
  runPaths = /* @__PURE__ */ new Map();
  async getJson(path, what) {
    const response = await githubRequest(this.api, "GET", path);
    if (response.status !== 200) throw await githubFailure(response, what, "actions: read");
    return await response.json();
  }
  /** The trust rules with the run's and the repository's defaults filled in (once). */
  async rules() {
    if (this.resolved) return this.resolved;
    const { trust } = this;
    let repositoryId = trust.repositoryId;
    let branches = trust.branches;
    if (repositoryId === void 0 || branches.length === 0) {
      const repo = await this.getJson(`/repos/${this.api.repository}`, `Reading ${this.api.repository}`);
      repositoryId ??= typeof repo.id === "number" ? repo.id : void 0;
      if (branches.length === 0 && typeof repo.default_branch === "string") branches = [repo.default_branch];
    }
    if (repositoryId === void 0 || branches.length === 0)
      throw new ActionFailedError(
        `The REST API did not say the id and default branch of ${this.api.repository}`
      );
    let workflows = trust.workflows.map(workflowFile);
    if (workflows.length === 0) {
      const current = /\/\.github\/workflows\/([^@/]+)@/.exec(trust.workflowRef ?? "")?.[1];
      if (!current)
        throw new ActionFailedError(
          "Set 'artifact-workflow' to the workflow file whose backups to trust (GITHUB_WORKFLOW_REF does not name this run's)"
        );
      workflows = [current];
    }
    this.resolved = { repositoryId, workflows, branches };
    return this.resolved;
  }
  /** The workflow file of a run (one request per run, remembered). */
  async runWorkflow(runId) {
    if (!this.runPaths.has(runId)) {
      const run2 = await this.getJson(
        `/repos/${this.api.repository}/actions/runs/${runId}`,
        `Reading the workflow run ${runId}`
      );
      this.runPaths.set(runId, typeof run2.path === "string" ? workflowFile(run2.path) : void 0);
    }
    return this.runPaths.get(runId);
  }
  /** Why an artifact is not one of ours, or undefined when it is. */
  async distrust(a) {
    const rules = await this.rules();
    const run2 = a.workflow_run;
    if (!run2 || run2.id === void 0) return "no workflow run";
    if (run2.repository_id !== rules.repositoryId || run2.head_repository_id !== rules.repositoryId)
      return "another repository's code (a fork's pull request)";
    if (!run2.head_branch || !rules.branches.includes(run2.head_branch))
      return `branch ${run2.head_branch ?? "?"}`;
    const workflow = await this.runWorkflow(run2.id);
    if (!workflow || !rules.workflows.includes(workflow)) return `workflow ${workflow ?? "?"}`;
    return void 0;
  }
  /**
   * Unexpired artifacts of trusted runs, newest first (the API's order); the others are left out
   * of list, restore and retention alike, and named in one warning.
   */
  async list() {
    const all = await this.listAll();
    const trusted = [];
    const ignored = [];
    for (const a of all) {
      const why = await this.distrust(a);
      if (why === void 0) trusted.push(a);
      else ignored.push(`${a.name} (${why})`);
    }
    if (ignored.length > 0) {
      const rules = await this.rules();
      this.warn(
        `Ignored ${ignored.length} artifact(s) not uploaded by ${rules.workflows.join(", ")} on ${rules.branches.join(", ")} in this repository: ${ignored.slice(0, 10).join(", ")}${ignored.length > 10 ? ", \u2026" : ""}`
      );
    }
    return trusted;
  }
  /** Unexpired artifacts of every run, newest first. */
  async listAll() {
    const out = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const path = `/repos/${this.api.repository}/actions/artifacts?per_page=100&page=${page}`;
      const response = await githubRequest(this.api, "GET", path);
      if (response.status !== 200)
        throw await githubFailure(
          response,
          `Listing the artifacts of ${this.api.repository}`,
          "actions: read"
        );
      const body = await response.json();
      out.push(...body.artifacts.filter((a) => !a.expired));
      if (body.artifacts.length < 100 || page * 100 >= body.total_count) return out;
    }
    this.warn(
      `${this.api.repository} has more than ${MAX_PAGES * 100} artifacts: only the newest ${MAX_PAGES * 100} were looked at`
    );
    return out;
  }
  /** The artifact's bytes as stored: the API redirects to a signed URL, fetched without the token. */
  async download(artifact) {
    const path = `/repos/${this.api.repository}/actions/artifacts/${artifact.id}/zip`;
    const redirect = await githubRequest(this.api, "GET", path, { redirect: "manual" });
    const location = redirect.headers.get("location");
    if (redirect.status !== 302 || !location)
      throw await githubFailure(redirect, `Downloading the artifact ${artifact.name}`, "actions: read");
    let response;
    try {
      response = await this.api.fetch(location, { signal: AbortSignal.timeout(6e4) });
    } catch (error) {
      throw new ActionFailedError(`Downloading the artifact ${artifact.name} failed: ${errorMessage(error)}`);
    }
    if (response.status !== 200 || !response.body)
      throw new ActionFailedError(
        `Downloading the artifact ${artifact.name}: storage answered HTTP ${response.status}`
      );
    if (/^application\/(x-)?zip/.test(response.headers.get("content-type") ?? "")) {
      await response.body.cancel();
      throw new ActionFailedError(
        `The artifact ${artifact.name} is a zip archive, not a backup db-backup uploaded (those are stored as is)`
      );
    }
    return Readable.fromWeb(response.body);
  }
  async remove(artifact) {
    const path = `/repos/${this.api.repository}/actions/artifacts/${artifact.id}`;
    const response = await githubRequest(this.api, "DELETE", path);
    if (response.status !== 204)
      throw await githubFailure(response, `Deleting the artifact ${artifact.name}`, "actions: write");
  }
};
var ArtifactDestination = class _ArtifactDestination {
  constructor(stagingDir, client, retentionDays, repository) {
    this.stagingDir = stagingDir;
    this.client = client;
    this.retentionDays = retentionDays;
    this.repository = repository;
    this.staging = new LocalDestination(stagingDir);
  }
  stagingDir;
  client;
  retentionDays;
  repository;
  label = "artifact";
  staging;
  /** IDs of the artifacts the last listing saw, by name (the newest of a name). */
  listed = /* @__PURE__ */ new Map();
  /** Loads @actions/artifact only for this destination (it is large and rarely needed). */
  static async open(stagingDir, options = {}) {
    const module = await import("../chunks/artifact-NAATG7MP.js");
    return new _ArtifactDestination(
      stagingDir,
      new module.DefaultArtifactClient(),
      options.retentionDays,
      options.repository
    );
  }
  prepare() {
    return this.staging.prepare();
  }
  openTemp() {
    return this.staging.openTemp();
  }
  async publish(tempName, name, expected, compression) {
    await this.staging.publish(tempName, name, expected, compression);
    try {
      const uploaded = await this.client.uploadArtifact(
        name,
        [join(this.stagingDir, name)],
        this.stagingDir,
        {
          skipArchive: true,
          ...this.retentionDays ? { retentionDays: this.retentionDays } : {}
        }
      );
      const back = await sha256Of(await this.readThisRun(name));
      const sent = uploaded.digest?.replace(/^sha256:/, "");
      if (back !== expected.sha256 || sent !== void 0 && sent !== expected.sha256) {
        await this.client.deleteArtifact(name).catch(() => void 0);
        throw new ActionFailedError(
          `The artifact ${name} read back with SHA-256 ${back} (uploaded ${sent ?? "?"}), not ${expected.sha256}: deleted, nothing published`
        );
      }
    } finally {
      await this.staging.remove(name);
    }
  }
  discard(tempName) {
    return this.staging.discard(tempName);
  }
  async list() {
    if (this.repository) {
      const artifacts2 = await this.repository.list();
      this.listed.clear();
      for (const a of artifacts2) if (!this.listed.has(a.name)) this.listed.set(a.name, a.id);
      return artifacts2.filter((a) => this.listed.get(a.name) === a.id).map((a) => ({
        name: a.name,
        sizeBytes: a.size_in_bytes,
        mtimeMs: Date.parse(a.created_at),
        ...sidecarOf(a.digest)
      }));
    }
    const { artifacts } = await this.client.listArtifacts({ latest: true });
    return artifacts.map((a) => ({
      name: a.name,
      sizeBytes: a.size,
      mtimeMs: a.createdAt?.getTime() ?? 0,
      ...sidecarOf(a.digest)
    }));
  }
  /** The artifact of this name among every run's, as listed (listing first if need be). */
  async find(name) {
    if (!this.listed.has(name)) await this.list();
    const id = this.listed.get(name);
    if (id === void 0) throw new ActionFailedError(`No artifact named ${name} in ${this.label}`);
    return { id, name };
  }
  async remove(name) {
    if (this.repository) {
      await this.repository.remove(await this.find(name));
      this.listed.delete(name);
    } else await this.client.deleteArtifact(name);
  }
  async read(name) {
    if (this.repository) return this.repository.download(await this.find(name));
    return this.readThisRun(name);
  }
  /** Downloads an artifact of this run into a private directory; the file goes when the stream closes. */
  async readThisRun(name) {
    const { artifact } = await this.client.getArtifact(name);
    mkdirSync(this.stagingDir, { recursive: true });
    const dir = mkdtempSync(join(this.stagingDir, "read-"));
    try {
      await this.client.downloadArtifact(artifact.id, { path: dir });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const stream = createReadStream(join(dir, name));
    stream.on("close", () => rmSync(dir, { recursive: true, force: true }));
    return stream;
  }
  sweep(ttlMs, now) {
    return this.staging.sweep(ttlMs, now);
  }
};

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
var USER = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}$/;
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
  if (!schemes.includes(url.protocol) || !HOST.test(host) || !DB_NAME.test(database) || user && !USER.test(user) || url.search || url.hash)
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
function readRetention(read) {
  const count = { min: 1, max: 1e4 };
  return {
    keepLast: read.int("keep-last", count),
    keepDaily: read.int("keep-daily", count),
    keepWeekly: read.int("keep-weekly", count),
    keepMonthly: read.int("keep-monthly", count),
    maxAgeMs: read.duration("max-age", { minMs: 6e4 })
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
function readDestination(read, destination) {
  const endpoint = read.url("s3-endpoint", { protocols: ["https:", "http:"] });
  const region = read.string("s3-region", { pattern: REGION, accepted: backupForms.s3Region });
  const pathStyle = read.boolean("s3-force-path-style");
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
function readInputs(read) {
  const urlText = read.string("database-url", { secret: true });
  const password = read.string("db-password", { secret: true, raw: true });
  const githubToken = read.string("github-token", { secret: true });
  const identityText = read.string("decrypt-identity", { secret: true, raw: true });
  const identity = identityText === void 0 ? void 0 : parseAgeIdentity(identityText);
  if (identityText !== void 0 && identity === void 0)
    throw new ConfigurationError(
      messages.invalidInput("decrypt-identity", ageForms.identity, identityText, true)
    );
  if (githubToken !== void 0 && !/^[\x21-\x7e]+$/.test(githubToken))
    throw new ConfigurationError(
      "Input 'github-token' must be a token: one line of printable characters without spaces"
    );
  const operation = read.enum("operation", ["backup", "restore", "list"]);
  const engine = read.enum("engine", ENGINES);
  const format = read.enum("format", ["custom", "plain"]);
  const scope = read.enum("scope", ["database", "cluster"]);
  if (engine !== "postgres" && (format !== "custom" || scope !== "database"))
    throw new ConfigurationError("Inputs 'format' and 'scope' apply to engine postgres only");
  const host = read.string("db-host");
  const port = read.int("db-port", { min: 1, max: 65535 });
  const user = read.string("db-user", { pattern: USER, accepted: backupForms.user });
  const nameText = read.string("db-name");
  const paths = read.list("paths", { accepted: backupForms.paths });
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
  const destinationText = read.string("destination", { required: true, accepted: backupForms.destination });
  const destination = parseDestination(destinationText);
  const kind = destination.kind;
  const destinationInputs = readDestination(read, destination);
  const retentionDays = read.int("retention-days", { min: 1, max: 400 });
  if (retentionDays !== void 0 && kind !== "artifact")
    throw new ConfigurationError("Input 'retention-days' is for destination artifact");
  const githubApiUrl = read.url("github-api-url", { protocols: ["https:", "http:"] });
  const artifactWorkflow = read.list("artifact-workflow", { accepted: backupForms.workflow });
  for (const w of artifactWorkflow)
    if (!WORKFLOW_FILE.test(w))
      throw new ConfigurationError(messages.invalidInput("artifact-workflow", backupForms.workflow, w));
  const artifactBranches = read.list("artifact-branches", { accepted: backupForms.branch });
  for (const b of artifactBranches)
    if (!BRANCH.test(b) || b.includes("..") || b.endsWith("/") || b.endsWith(".lock"))
      throw new ConfigurationError(messages.invalidInput("artifact-branches", backupForms.branch, b));
  if ((artifactWorkflow.length > 0 || artifactBranches.length > 0) && kind !== "artifact")
    throw new ConfigurationError(
      "Inputs 'artifact-workflow' and 'artifact-branches' are for destination artifact"
    );
  const runOn = read.enum("run-on", ["runner", "ssh"]);
  const ssh = readSshConnectionInputs(read, { optional: true });
  const needsHost = kind === "ssh" || runOn === "ssh";
  if (needsHost && ssh?.hosts.length !== 1)
    throw new ConfigurationError(
      `${runOn === "ssh" ? "run-on ssh" : "destination ssh:"} needs exactly one host in 'hosts' (and its SSH inputs)`
    );
  if (!needsHost && ssh)
    throw new ConfigurationError(
      "Input 'hosts' is for run-on ssh or destination ssh:; this backup stays on the runner"
    );
  const verify = read.enum("verify", ["true", "false", "restore"]);
  if (verify === "restore" && !(engine === "mysql" || engine === "postgres" && scope === "database"))
    throw new ConfigurationError(
      "Input 'verify': restore (a scratch restore with row counts) is for engine mysql, or postgres with scope database; use true for the others"
    );
  const recipients = read.list("encrypt-recipients", { accepted: ageForms.recipients });
  for (const r of recipients) {
    const problem = recipientProblem(r);
    if (problem) throw new ConfigurationError(`Input 'encrypt-recipients': ${problem}`);
  }
  if (recipients.length > 0 && identity === void 0 && (verify === "restore" || operation === "restore"))
    throw new ConfigurationError(
      `Input 'decrypt-identity' is required: ${operation === "restore" ? "operation restore" : "verify: restore"} reads the encrypted backup (${ageForms.identity})`
    );
  const container = read.string("container", { pattern: CONTAINER, accepted: backupForms.container });
  if (container !== void 0 && runOn !== "ssh")
    throw new ConfigurationError(
      "Input 'container' needs 'run-on: ssh': the tools run inside that container on the host"
    );
  const defaultPrefix = engine === "files" ? "files" : engine === "sqlite" ? "sqlite" : `${engine}-${connection?.database ?? "cluster"}`;
  const spec = engine === "files" || !connection ? { engine: "files", paths } : engine === "postgres" ? { engine, connection, format, scope } : { engine, connection };
  const prefix = read.string("name-prefix", { pattern: PREFIX, accepted: backupForms.prefix }) ?? defaultPrefix;
  if (!PREFIX.test(prefix))
    throw new ConfigurationError(messages.invalidInput("name-prefix", backupForms.prefix, prefix));
  const restoreFrom = read.string("restore-from", { pattern: FILE_NAME, accepted: backupForms.restoreFrom });
  const restoreDirectory = read.string("restore-directory") ?? "/";
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
    compression: read.enum("compression", COMPRESSIONS),
    verify,
    "encrypt-recipients": recipients,
    "decrypt-identity": identity,
    retention: readRetention(read),
    "temp-ttl": read.requiredDuration("temp-ttl", { minMs: 6e4 }),
    "restore-from": restoreFrom,
    "restore-directory": restoreDirectory,
    "safety-backup": read.boolean("safety-backup"),
    timeout: read.requiredDuration("timeout", { minMs: 1e3 })
  };
}

// actions/db-backup/main.ts
function mb(bytes) {
  return `${(bytes / 1048576).toFixed(bytes < 10485760 ? 2 : 1)} MB`;
}
function backupDeps(deps) {
  return { clock: deps.clock, logger: deps.logger, signal: deps.signal, place: deps.place };
}
async function encryptionOf(inputs) {
  const identity = inputs["decrypt-identity"];
  const given = inputs["encrypt-recipients"];
  const own = await checkAgeKeys(given, identity);
  if (own !== void 0 && given.length > 0 && inputs.verify === "restore" && !given.includes(own))
    throw new ConfigurationError(
      `Input 'decrypt-identity' is the identity of ${own}, which is not in 'encrypt-recipients': verify: restore could not decrypt the backup`
    );
  const recipients = given.length > 0 ? given : own !== void 0 ? [own] : [];
  return recipients.length > 0 ? { recipients, identity } : void 0;
}
async function backup(inputs, deps, prefix, summary, encryption) {
  const outcome = await takeBackup(
    {
      spec: inputs.spec,
      destination: deps.destination,
      prefix,
      compression: inputs.compression,
      verify: inputs.verify !== "false",
      restoreCheck: inputs.verify === "restore",
      ...encryption ? { encryption } : {},
      timeoutMs: inputs.timeout
    },
    backupDeps(deps)
  );
  const seconds = Math.max(outcome.durationMs, 1) / 1e3;
  if (outcome.restoreChecked)
    deps.logger.info(
      `verify: restore: restored into a scratch database, ${outcome.restoreChecked.tables} tables and ${outcome.restoreChecked.rows} rows match ${inputs.spec.engine === "postgres" ? "the dump's snapshot" : "the rows the dump holds"}`
    );
  deps.logger.info(
    `Backed up to ${outcome.path}: ${mb(outcome.sizeBytes)} (${mb(outcome.rawBytes)} before compression) in ${formatMs(outcome.durationMs)}, sha256 ${outcome.sha256}`
  );
  summary.table(
    ["backup", "size", "uncompressed", "duration", "throughput", "sha256", "verified"],
    [
      [
        outcome.name,
        mb(outcome.sizeBytes),
        mb(outcome.rawBytes),
        formatMs(outcome.durationMs),
        `${mb(outcome.rawBytes / seconds)}/s`,
        outcome.sha256.slice(0, 16) + "\u2026",
        outcome.restoreChecked ? `restored: ${outcome.restoreChecked.tables} tables, ${outcome.restoreChecked.rows} rows match` : inputs.verify === "true" ? "yes" : "no (verify: false)"
      ]
    ]
  );
  return outcome;
}
async function run(inputs, deps) {
  const { logger } = deps;
  const warn = (message) => logger.warning(message);
  const destination = deps.destination;
  const encryption = await encryptionOf(inputs);
  const extension = backupExtension(inputs.spec, inputs.compression, encryption !== void 0);
  const prefix = inputs["name-prefix"];
  const summary = new Summary().heading(
    `db-backup: ${inputs.operation} (${inputs.spec.engine} \u2192 ${destination.label})`
  );
  const writes = inputs.operation === "backup" || inputs.operation === "restore" && inputs["safety-backup"];
  if (writes && !encryption && (destination.label === "artifact" || destination.label.startsWith("s3://")))
    logger.warning(
      `Backups to ${destination.label} are stored unencrypted: anyone who can read it holds a copy of the data. Set 'encrypt-recipients' (an age public key from age-keygen) to encrypt them`
    );
  const swept = await destination.sweep(inputs["temp-ttl"], deps.clock.now());
  if (swept.length)
    logger.info(`Removed ${swept.length} temporary file(s) left by interrupted runs: ${swept.join(", ")}`);
  if (inputs.operation === "list") {
    const files = jobBackups(await destination.list(), prefix, extension, deps.clock.now(), warn);
    deps.setOutput(
      "backups",
      JSON.stringify(files.map((f) => ({ ...f, takenAt: new Date(f.takenAt).toISOString() })))
    );
    summary.table(
      ["backup", "taken", "size", "verified"],
      files.map((f) => [
        f.name,
        new Date(f.takenAt).toISOString(),
        mb(f.sizeBytes),
        f.verified ? "yes" : "no"
      ])
    );
    deps.writeSummary(summary);
    logger.info(`${files.length} backup(s) of ${prefix} in ${destination.label}`);
    return;
  }
  if (inputs.operation === "restore") {
    const stored = await destination.list();
    const candidates = jobBackups(stored, prefix, extension, deps.clock.now(), warn);
    const chosenName = inputs["restore-from"] ?? candidates.find((f) => f.verified)?.name;
    const chosen = candidates.some((f) => f.name === chosenName) ? stored.find((f) => f.name === chosenName) : void 0;
    if (!chosenName || !chosen)
      throw new ActionFailedError(
        inputs["restore-from"] ? `No backup named ${inputs["restore-from"]} in ${destination.label}; there are: ${candidates.map((f) => f.name).join(", ") || "none"}` : `No verified backup of ${prefix} in ${destination.label} to restore`
      );
    let safety;
    const identity = encryption?.identity;
    await restoreBackup(
      {
        spec: inputs.spec,
        file: chosen,
        compression: inputs.compression,
        restoreDirectory: inputs["restore-directory"],
        scratchDir: deps.env.RUNNER_TEMP ?? tmpdir(),
        decrypt: identity ? () => decryptWith(identity, chosen.name) : void 0,
        // The current state first, once the chosen file has passed its checks: a restore of the
        // wrong backup must be undoable.
        beforeRestore: async () => {
          if (!inputs["safety-backup"]) return;
          logger.info("Taking a safety backup of the current database before restoring");
          safety = await backup(inputs, deps, `${prefix}-safety`, summary, encryption);
        }
      },
      destination,
      backupDeps(deps)
    );
    logger.info(`Restored ${chosen.name}${safety ? ` (safety backup: ${safety.name})` : ""}`);
    deps.setOutput("backup-path", `${destination.label}/${chosen.name}`);
    deps.setOutput("size-bytes", chosen.sizeBytes);
    deps.setOutput("sha256", chosen.sha256 ?? "");
    deps.setOutput("duration-ms", 0);
    deps.setOutput("pruned", 0);
    deps.setOutput("safety-backup-path", safety?.path ?? "");
    summary.paragraph(`Restored **${chosen.name}**${safety ? `; safety backup ${safety.name}` : ""}.`);
    deps.writeSummary(summary);
    return;
  }
  const outcome = await backup(inputs, deps, prefix, summary, encryption);
  deps.setOutput("backup-path", outcome.path);
  deps.setOutput("size-bytes", outcome.sizeBytes);
  deps.setOutput("sha256", outcome.sha256);
  deps.setOutput("duration-ms", outcome.durationMs);
  let pruned = 0;
  if (hasPolicy(inputs.retention)) {
    const decision = await applyRetention(
      destination,
      prefix,
      extension,
      inputs.retention,
      deps.clock.now(),
      warn
    );
    pruned = decision.delete.length;
    if (decision.refused) logger.warning(decision.refused);
    logger.info(
      `Retention: kept ${decision.keep.length}, deleted ${pruned}${pruned ? ` (${decision.delete.map((f) => f.name).join(", ")})` : ""}`
    );
    summary.table(
      ["retention", "backups"],
      [
        ["kept", decision.keep.map((f) => f.name).join(", ") || "\u2014"],
        ["deleted", decision.delete.map((f) => f.name).join(", ") || "\u2014"],
        ...decision.refused ? [["refused", decision.refused]] : []
      ]
    );
  }
  deps.setOutput("pruned", pruned);
  deps.setOutput("safety-backup-path", "");
  deps.writeSummary(summary);
}
function repositoryArtifacts(inputs, ctx) {
  const token = inputs["github-token"];
  if (!token) {
    ctx.logger.warning(
      "Input 'github-token' is empty: list, restore and retention see this run's artifacts only"
    );
    return void 0;
  }
  const repository = runRepository(ctx.env, "destination artifact (to find earlier runs)");
  const apiUrl = inputs["github-api-url"]?.href ?? ctx.env.GITHUB_API_URL ?? "https://api.github.com";
  const repositoryId = Number(ctx.env.GITHUB_REPOSITORY_ID);
  return new RepositoryArtifacts(
    { apiUrl, token, repository, fetch: proxiedFetch() },
    (message) => ctx.logger.warning(message),
    {
      ...Number.isSafeInteger(repositoryId) && repositoryId > 0 ? { repositoryId } : {},
      workflows: inputs["artifact-workflow"],
      branches: inputs["artifact-branches"],
      ...ctx.env.GITHUB_WORKFLOW_REF ? { workflowRef: ctx.env.GITHUB_WORKFLOW_REF } : {}
    }
  );
}
var dbBackup = {
  name: "db-backup",
  readInputs,
  run: async (inputs, ctx) => {
    const sshInputs = inputs.ssh;
    const host = sshInputs?.hosts[0];
    const ssh = sshInputs && host ? await sshConnector(sshInputs, ctx)(host) : void 0;
    const remote = () => {
      if (!ssh || !host)
        throw new ConfigurationError("run-on ssh and ssh: destinations need one host in 'hosts'");
      return { conn: ssh, label: formatTarget(host) };
    };
    const place = inputs["run-on"] === "ssh" ? hostPlace(inputs.spec, remote().conn, remote().label, ctx.signal, inputs.container) : runnerPlace(inputs.spec, localExec, ctx.env, ctx.env.RUNNER_TEMP ?? tmpdir(), ctx.signal);
    try {
      await run(inputs, {
        ...ctx,
        place,
        destination: inputs.destination.kind === "s3" ? await S3Destination.open(inputs.destination.location) : inputs.destination.kind === "artifact" ? await ArtifactDestination.open(
          join(ctx.env.RUNNER_TEMP ?? tmpdir(), "deploy-kit-backup-artifact"),
          { retentionDays: inputs["retention-days"], repository: repositoryArtifacts(inputs, ctx) }
        ) : inputs.destination.kind === "ssh" ? new SshDestination(remote().conn, inputs.destination.dir, remote().label, ctx.signal) : new LocalDestination(inputs.destination.dir)
      });
    } finally {
      place.close();
      ssh?.close();
    }
  }
};
export {
  dbBackup,
  run
};
//# sourceMappingURL=main.js.map
