import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);

// packages/core/src/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
var ActionFailedError = class extends Error {
  name = "ActionFailedError";
};
var CancelledError = class extends Error {
  name = "CancelledError";
  constructor(message = "Cancelled") {
    super(message);
  }
};
function throwIfCancelled(signal) {
  if (signal?.aborted) throw new CancelledError();
}
function isCancelled(signal) {
  return signal?.aborted === true;
}
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

// packages/core/src/event.ts
import { readFileSync } from "node:fs";
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
function repoOf(side) {
  if (typeof side !== "object" || side === null) return void 0;
  const repo = side.repo;
  return typeof repo?.full_name === "string" ? repo.full_name : void 0;
}
function isUntrustedEvent(event) {
  if (event.name === "pull_request_target") return true;
  if (event.name !== "pull_request") return false;
  const pr = event.payload.pull_request;
  const head = repoOf(pr?.head);
  const base = repoOf(pr?.base);
  return head !== void 0 && base !== void 0 && head !== base;
}
function assertTrustedEvent(event, allowUntrusted) {
  if (!allowUntrusted && isUntrustedEvent(event)) {
    throw new ConfigurationError(messages.untrustedEvent(event.name));
  }
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

// packages/core/src/commands.ts
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { EOL } from "node:os";
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

// packages/core/src/fence.ts
import { randomBytes } from "node:crypto";
function fenceUntrusted(text, token = randomBytes(16).toString("hex")) {
  return `::stop-commands::${token}
${text}
::${token}::`;
}

// packages/core/src/logger.ts
var ActionsLogger = class {
  constructor(secrets, write = (line) => process.stdout.write(`${line}
`), fence = fenceUntrusted) {
    this.secrets = secrets;
    this.write = write;
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
  constructor(secrets, write = (line) => process.stderr.write(`${line}
`), verbose = false) {
    this.secrets = secrets;
    this.write = write;
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
function lineEcho(logger, intervalMs = 200, prefix = "") {
  let buffer = "";
  let timer;
  const flush = (all) => {
    timer = void 0;
    const cut = all ? buffer.length : buffer.lastIndexOf("\n") + 1;
    if (cut === 0) return;
    const text = buffer.slice(0, cut).replace(/\n$/, "");
    buffer = buffer.slice(cut);
    logger.untrusted(prefix ? text.replace(/^/gm, prefix) : text);
  };
  return {
    write(text) {
      buffer += text;
      timer ??= setTimeout(() => flush(false), intervalMs);
    },
    end() {
      if (timer) clearTimeout(timer);
      flush(true);
    }
  };
}

// packages/core/src/action.ts
import { appendFileSync as appendFileSync2 } from "node:fs";

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
  const write = (line) => {
    process.stdout.write(`${line}
`);
  };
  const secrets = new SecretRegistry((value) => write(formatCommand("add-mask", value)));
  return {
    inputs: (name) => env[inputEnvName(name)],
    logger: new ActionsLogger(secrets, write),
    secrets,
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) appendFileCommand(env.GITHUB_OUTPUT, name, value);
      else write(formatCommand("set-output", value, { name }));
    },
    appendSummary: (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      const text = `${secrets.redact(markdown)}
`;
      const size = Buffer.byteLength(text);
      if (summaryBytes + size <= SUMMARY_LIMIT_BYTES - SUMMARY_CUT.length - 1)
        appendFileSync2(env.GITHUB_STEP_SUMMARY, text);
      else if (summaryBytes < SUMMARY_LIMIT_BYTES)
        appendFileSync2(env.GITHUB_STEP_SUMMARY, `${SUMMARY_CUT}
`);
      summaryBytes = Math.min(SUMMARY_LIMIT_BYTES, summaryBytes + size);
    },
    env
  };
}
async function executeAction(definition, runtime, signal, clock = systemClock) {
  const { logger } = runtime;
  try {
    const inputs = definition.readInputs(new InputReader(runtime.inputs, runtime.secrets), runtime.env);
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

// packages/core/src/summary.ts
var Summary = class {
  parts = [];
  heading(text, level = 2) {
    this.parts.push(`${"#".repeat(level)} ${escapeMarkdown(text)}
`);
    return this;
  }
  paragraph(markdown) {
    this.parts.push(`${markdown}
`);
    return this;
  }
  /**
   * Cells are plain text: pipes, HTML and newlines are escaped so a value cannot break the table.
   * A `{ text, href }` cell is a link, kept only for an http(s) URL.
   */
  table(header, rows) {
    const line = (cells) => `| ${cells.map(renderCell).join(" | ")} |`;
    this.parts.push(
      [line(header), `|${header.map(() => " --- ").join("|")}|`, ...rows.map(line)].join("\n") + "\n"
    );
    return this;
  }
  mermaid(diagram) {
    this.parts.push("```mermaid\n" + diagram.trim() + "\n```\n");
    return this;
  }
  /** Untrusted text (a response body): shown verbatim in a fenced block that it cannot close. */
  code(text, language = "text") {
    const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longestRun + 1);
    this.parts.push(`${fence}${language}
${text}
${fence}
`);
    return this;
  }
  details(title, body) {
    this.parts.push(`<details><summary>${escapeHtml(title)}</summary>

${body.toString()}
</details>
`);
    return this;
  }
  toString() {
    return this.parts.join("\n");
  }
};
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function escapeMarkdown(text) {
  return escapeHtml(text).replace(/([\\`*_[\]|])/g, "\\$1");
}
function renderCell(cell) {
  if (typeof cell !== "object") return escapeCell(String(cell));
  const text = escapeCell(cell.text);
  if (!cell.href || !/^https?:\/\/[^\s<>()]+$/.test(cell.href)) return text;
  return `[${text}](${cell.href})`;
}
function escapeCell(text) {
  return escapeMarkdown(text).replace(/\r?\n/g, "<br>");
}

// packages/core/src/stats.ts
function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(p / 100 * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? NaN;
}

// packages/core/src/exec.ts
import { spawn } from "node:child_process";
var KEEP = 1024 * 1024;
var localExec = (argv, options = {}) => new Promise((resolve, reject) => {
  if (options.signal?.aborted) {
    reject(new CancelledError());
    return;
  }
  const [command = "", ...args] = argv;
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ["pipe", "pipe", "pipe"]
  });
  let stdout = "";
  let stderr = "";
  const collect = (stream) => (chunk) => {
    const text = chunk.toString("utf8");
    if (stream === "stdout") stdout = (stdout + text).slice(-KEEP);
    else stderr = (stderr + text).slice(-KEEP);
    options.onOutput?.(text, stream);
  };
  child.stdout.on("data", collect("stdout"));
  child.stderr.on("data", collect("stderr"));
  const kill = () => {
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 2e3).unref();
  };
  const timer = options.timeoutMs ? setTimeout(kill, options.timeoutMs) : void 0;
  options.signal?.addEventListener("abort", kill, { once: true });
  child.on("error", (error) => {
    if (timer) clearTimeout(timer);
    reject(error);
  });
  child.on("close", (code, signal) => {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener("abort", kill);
    if (options.signal?.aborted) reject(new CancelledError());
    else resolve({ code, signal, stdout, stderr });
  });
  child.stdin.on("error", () => void 0);
  child.stdin.end(options.stdin ?? "");
});

// packages/core/src/cache.ts
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
function fileName(key) {
  return `${encodeURIComponent(key)}.tar`;
}
function directoryCache(root, exec = localExec) {
  const entries = () => existsSync(root) ? readdirSync(root).filter((f) => f.endsWith(".tar")).map((f) => ({
    key: decodeURIComponent(f.slice(0, -4)),
    file: join(root, f),
    mtime: statSync(join(root, f)).mtimeMs
  })) : [];
  const tar = async (argv) => {
    const result = await exec(["tar", ...argv]);
    if (result.code !== 0) throw new Error(`tar ${argv[0]} failed: ${result.stderr.trim()}`);
  };
  return {
    kind: "directory",
    restore: async (paths, key, restoreKeys = []) => {
      const all = entries();
      let hit = all.find((e) => e.key === key);
      for (const prefix of restoreKeys) {
        if (hit) break;
        hit = all.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.mtime - a.mtime)[0];
      }
      if (!hit) return void 0;
      for (const path of paths) mkdirSync(path, { recursive: true });
      await tar(["-xf", hit.file, "-P"]);
      return hit.key;
    },
    save: async (paths, key) => {
      const target = join(root, fileName(key));
      if (existsSync(target)) return false;
      mkdirSync(root, { recursive: true });
      const temp = `${target}.${process.pid}.partial`;
      try {
        await tar(["-cf", temp, "-P", "--", ...paths]);
        renameSync(temp, target);
      } finally {
        rmSync(temp, { force: true });
      }
      return true;
    }
  };
}
var noCache = {
  kind: "none",
  restore: () => Promise.resolve(void 0),
  save: () => Promise.resolve(false)
};
async function actionsCache(logger) {
  const cache = await import("./cache-NVDCHAWO.js");
  if (!cache.isFeatureAvailable()) {
    logger.warning("The GitHub Actions cache service is not available to this job; caching is off");
    return noCache;
  }
  return {
    kind: "actions",
    restore: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
    save: async (paths, key) => {
      try {
        await cache.saveCache(paths, key);
        return true;
      } catch (error) {
        if (error instanceof cache.ReserveCacheError) return false;
        throw error;
      }
    }
  };
}
async function openCache(env, logger) {
  if (env.DEPLOY_KIT_CACHE_DIR) return directoryCache(env.DEPLOY_KIT_CACHE_DIR);
  if (env.GITHUB_ACTIONS === "true") return actionsCache(logger);
  return directoryCache(join(env.HOME ?? homedir(), ".cache", "deploy-kit", "cache"));
}

// packages/core/src/github-api.ts
var TIMEOUT_MS = 3e4;
function runRepository(env, needer) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!/^[A-Za-z0-9-]+\/(?!\.\.?$)[\w.-]+$/.test(repository))
    throw new ConfigurationError(
      `${needer} needs GITHUB_REPOSITORY (owner/repo), got ${JSON.stringify(repository)}`
    );
  return repository;
}
async function githubRequest(api, method, path, options = {}) {
  try {
    return await api.fetch(`${api.apiUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${api.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "deploy-kit",
        ...options.body === void 0 ? {} : { "content-type": "application/json" }
      },
      body: options.body === void 0 ? void 0 : JSON.stringify(options.body),
      redirect: options.redirect ?? "follow",
      signal: AbortSignal.timeout(TIMEOUT_MS)
    });
  } catch (error) {
    throw new ActionFailedError(`GitHub API ${method} ${path} failed: ${errorMessage(error)}`);
  }
}
async function githubFailure(response, what, permission) {
  const text = await response.text().catch(() => "");
  let message = text.slice(0, 300);
  try {
    message = JSON.parse(text).message ?? message;
  } catch {
  }
  const hint = [401, 403, 404].includes(response.status) ? ` (does the token have ${permission}?)` : "";
  return new ActionFailedError(`${what}: HTTP ${response.status} ${message}${hint}`);
}

// node_modules/proxy-from-env/index.js
var DEFAULT_PORTS = {
  ftp: 21,
  gopher: 70,
  http: 80,
  https: 443,
  ws: 80,
  wss: 443
};
function parseUrl2(urlString) {
  try {
    return new URL(urlString);
  } catch {
    return null;
  }
}
function getProxyForUrl(url) {
  var parsedUrl = (typeof url === "string" ? parseUrl2(url) : url) || {};
  var proto = parsedUrl.protocol;
  var hostname = parsedUrl.host;
  var port = parsedUrl.port;
  if (typeof hostname !== "string" || !hostname || typeof proto !== "string") {
    return "";
  }
  proto = proto.split(":", 1)[0];
  hostname = hostname.replace(/:\d*$/, "");
  port = parseInt(port) || DEFAULT_PORTS[proto] || 0;
  if (!shouldProxy(hostname, port)) {
    return "";
  }
  var proxy = getEnv(proto + "_proxy") || getEnv("all_proxy");
  if (proxy && proxy.indexOf("://") === -1) {
    proxy = proto + "://" + proxy;
  }
  return proxy;
}
function shouldProxy(hostname, port) {
  var NO_PROXY = getEnv("no_proxy").toLowerCase();
  if (!NO_PROXY) {
    return true;
  }
  if (NO_PROXY === "*") {
    return false;
  }
  return NO_PROXY.split(/[,\s]/).every(function(proxy) {
    if (!proxy) {
      return true;
    }
    var parsedProxy = proxy.match(/^(.+):(\d+)$/);
    var parsedProxyHostname = parsedProxy ? parsedProxy[1] : proxy;
    var parsedProxyPort = parsedProxy ? parseInt(parsedProxy[2]) : 0;
    if (parsedProxyPort && parsedProxyPort !== port) {
      return true;
    }
    if (!/^[.*]/.test(parsedProxyHostname)) {
      return hostname !== parsedProxyHostname;
    }
    if (parsedProxyHostname.charAt(0) === "*") {
      parsedProxyHostname = parsedProxyHostname.slice(1);
    }
    return !hostname.endsWith(parsedProxyHostname);
  });
}
function getEnv(key) {
  return process.env[key.toLowerCase()] || process.env[key.toUpperCase()] || "";
}

// packages/core/src/proxy.ts
var VARIABLES = ["https_proxy", "http_proxy", "all_proxy"];
function exportsOf(loaded) {
  return loaded.default ?? loaded;
}
function proxyConfigured() {
  return VARIABLES.some((v) => process.env[v] || process.env[v.toUpperCase()]);
}
function proxyFor(target) {
  const text = getProxyForUrl(target.href);
  if (!text) return void 0;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(
      `The proxy for ${target.protocol}// requests (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY) must be a URL like http://proxy.internal:3128`
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigurationError(
      `The proxy ${url.protocol}//${url.host} is not an HTTP proxy: HTTPS_PROXY / HTTP_PROXY must be http:// or https:// URLs`
    );
  return { url, label: `${url.protocol}//${url.host}` };
}
var SOCKET_FAILURES = {
  ECONNREFUSED: "refused the connection",
  ENOTFOUND: "was not found",
  ECONNRESET: "reset the connection"
};
function proxyFailure(proxy, target, error) {
  let cause = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const inner = cause?.cause;
    if (inner === void 0 || inner === null) break;
    cause = inner;
  }
  const code = String(cause?.code);
  const detail = SOCKET_FAILURES[code] ?? `failed: ${errorMessage(cause)}`;
  return `HTTP proxy ${proxy.label} ${detail} (reaching ${target.host}); check HTTPS_PROXY / HTTP_PROXY, or add ${target.hostname} to NO_PROXY`;
}
function proxiedFetch() {
  if (!proxyConfigured()) return globalThis.fetch;
  const agents = /* @__PURE__ */ new Map();
  const proxied = async (input, init) => {
    const target = new URL(input instanceof Request ? input.url : input);
    const proxy = proxyFor(target);
    if (!proxy) return globalThis.fetch(input, init);
    const loaded = await import("./undici-VYOIFAZG.js");
    const undici = exportsOf(loaded);
    let agent = agents.get(proxy.url.href);
    if (!agent) {
      agent = new undici.ProxyAgent(proxy.url.href);
      agents.set(proxy.url.href, agent);
    }
    try {
      return await undici.fetch(target, { ...init, dispatcher: agent });
    } catch (error) {
      const name = error.name;
      if (name === "AbortError" || name === "TimeoutError") throw error;
      const reason = new Error(proxyFailure(proxy, target, error), { cause: error });
      throw new TypeError("fetch failed", { cause: reason });
    }
  };
  return proxied;
}
async function proxyAgent(target) {
  const proxy = proxyFor(target);
  if (!proxy) return void 0;
  if (target.protocol === "https:") {
    const loaded2 = await import("./dist-3Z357A62.js");
    const { HttpsProxyAgent } = exportsOf(loaded2);
    return { agent: new HttpsProxyAgent(proxy.url), proxy };
  }
  const loaded = await import("./dist-NMY6A562.js");
  const { HttpProxyAgent } = exportsOf(loaded);
  return { agent: new HttpProxyAgent(proxy.url), proxy };
}

// packages/core/src/limit.ts
async function eachLimited(items, limit, failFast, work) {
  const queue = items.entries();
  let stop = false;
  const worker = async () => {
    for (let entry = queue.next(); !stop && !entry.done; entry = queue.next()) {
      const [index, item] = entry.value;
      const ok = await work(item, index);
      if (!ok && failFast) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

// packages/core/src/hash.ts
import { createHash } from "node:crypto";
async function sha256Of(stream) {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest("hex");
}

// packages/core/src/strings.ts
function mapStrings(value, map, path = "") {
  if (typeof value === "string") return map(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, map, `${path}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, map, path ? `${path}.${k}` : k)])
    );
  return value;
}
async function loadYaml() {
  const yaml = await import("./dist-KSJXGUTC.js");
  return yaml.default ?? yaml;
}

export {
  ConfigurationError,
  ActionFailedError,
  CancelledError,
  throwIfCancelled,
  isCancelled,
  messages,
  errorMessage,
  assertTrustedEvent,
  InputReader,
  redactUrl,
  formatMs,
  hasControlCharacter,
  ConsoleLogger,
  lineEcho,
  SecretRegistry,
  CANCEL_GRACE_MS,
  runAction,
  Summary,
  escapeMarkdown,
  percentile,
  localExec,
  openCache,
  sha256Of,
  runRepository,
  githubRequest,
  githubFailure,
  mapStrings,
  loadYaml,
  proxiedFetch,
  proxyAgent,
  eachLimited
};
//# sourceMappingURL=chunk-4ETXKYPN.js.map
