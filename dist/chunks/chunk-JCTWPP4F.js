import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

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

// packages/core/src/action.ts
import { appendFileSync as appendFileSync2 } from "node:fs";

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
var DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
var DURATION_FORM = "a duration like 500ms, 30s, 5m, 1h or a number of seconds";
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
function parseDuration(text) {
  const match = DURATION.exec(text);
  if (!match) return void 0;
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? "s"];
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
  /** Milliseconds. */
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
    const accepted = "KEY=VALUE lines with KEY matching [A-Za-z_][A-Za-z0-9_]*";
    const pairs = [];
    const seen = /* @__PURE__ */ new Set();
    for (const line of value.split(/\r?\n/)) {
      if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
      const eq = line.indexOf("=");
      const key = eq > 0 ? line.slice(0, eq).trim() : "";
      if (!ENV_KEY.test(key))
        throw new ConfigurationError(messages.invalidInput(name, accepted, line, options.secret));
      if (seen.has(key))
        throw new ConfigurationError(
          messages.invalidInput(name, `${accepted}, each KEY once`, line, options.secret)
        );
      seen.add(key);
      const entryValue = line.slice(eq + 1);
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
  info(message) {
    this.emit(message);
  }
  debug(message) {
    this.emit(formatCommand("debug", message));
  }
  warning(message) {
    this.emit(formatCommand("warning", message));
  }
  error(message) {
    this.emit(formatCommand("error", message));
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
function actionsRuntime(env = process.env) {
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
      if (env.GITHUB_STEP_SUMMARY) appendFileSync2(env.GITHUB_STEP_SUMMARY, `${secrets.redact(markdown)}
`);
    },
    env
  };
}
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}
async function executeAction(definition, runtime, signal, clock = systemClock) {
  const { logger } = runtime;
  try {
    const inputs = definition.readInputs(new InputReader(runtime.inputs, runtime.secrets));
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
      logger.error(`${definition.name} failed unexpectedly: ${describe(error)}`);
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
  /** Cells are plain text: pipes, HTML and newlines are escaped so a value cannot break the table. */
  table(header, rows) {
    const line = (cells) => `| ${cells.map((c) => escapeCell(String(c))).join(" | ")} |`;
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
function escapeCell(text) {
  return escapeMarkdown(text).replace(/\r?\n/g, "<br>");
}

// packages/core/src/stats.ts
function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(p / 100 * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
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
function formatStatusRanges(ranges) {
  return ranges.map((r) => r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`).join(",");
}
function parseBodyExpectation(text) {
  const match = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!match) return { substring: text };
  try {
    return { regex: new RegExp(match[1], match[2].replace(/[gy]/g, "")) };
  } catch {
    return void 0;
  }
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function carriesVersion(response, version) {
  const header = response.headers["x-version"];
  if (typeof header === "string") return header.trim() === version;
  const token = new RegExp(`(?<![A-Za-z0-9._+-])v?${escapeRegExp(version)}(?![A-Za-z0-9_+-]|\\.[A-Za-z0-9])`);
  return token.test(response.body);
}
function evaluate(response, expect) {
  if (response.error !== void 0 || response.status === void 0) {
    return { ok: false, reason: response.error ?? "no response" };
  }
  const status = response.status;
  if (!expect.status.some((r) => status >= r.min && status <= r.max)) {
    const location = response.headers.location;
    if (status >= 300 && status < 400 && typeof location === "string" && !expect.followRedirects) {
      return {
        ok: false,
        reason: `status ${status}: redirect to ${location} not followed (follow-redirects is false)`
      };
    }
    return { ok: false, reason: `status ${status}, expected ${formatStatusRanges(expect.status)}` };
  }
  if (expect.body) {
    const matches = "regex" in expect.body ? expect.body.regex.test(response.body) : response.body.includes(expect.body.substring);
    if (!matches) {
      const wanted = "regex" in expect.body ? `to match ${String(expect.body.regex)}` : `to contain ${JSON.stringify(expect.body.substring)}`;
      return { ok: false, reason: `body does not match: expected it ${wanted}` };
    }
  }
  if (expect.version !== void 0 && !carriesVersion(response, expect.version)) {
    const header = response.headers["x-version"];
    const seen = typeof header === "string" ? `X-Version is ${JSON.stringify(header)}` : "not in the body or X-Version header";
    return { ok: false, reason: `version ${expect.version} expected, ${seen}` };
  }
  return { ok: true };
}

// packages/health/src/gate.ts
function flapWindow(successThreshold, failureThreshold) {
  const size = Math.max(6, 2 * (successThreshold + failureThreshold));
  return { size, maxChanges: Math.max(4, Math.floor(size / 2)) };
}
function countChanges(outcomes) {
  let changes = 0;
  for (let i = 1; i < outcomes.length; i += 1) if (outcomes[i] !== outcomes[i - 1]) changes += 1;
  return changes;
}
var TargetState = class {
  constructor(url, window) {
    this.window = window;
    this.report = { url: url.href, healthy: false, attempts: [] };
  }
  window;
  report;
  up = false;
  successes = 0;
  failures = 0;
  recent = [];
  /** Records one probe; returns a failure outcome when this probe decides one. */
  record(ok, successThreshold, failureThreshold) {
    this.successes = ok ? this.successes + 1 : 0;
    this.failures = ok ? 0 : this.failures + 1;
    this.recent.push(ok);
    if (this.recent.length > this.window.size) this.recent.shift();
    if (countChanges(this.recent) >= this.window.maxChanges) return "flapping";
    if (this.up && this.failures >= failureThreshold) {
      this.up = false;
      return "regressed";
    }
    if (!this.up && this.successes >= successThreshold) this.up = true;
    return void 0;
  }
};
async function runGate(options, deps) {
  const { clock, signal } = deps;
  const window = flapWindow(options.successThreshold, options.failureThreshold);
  const targets = options.urls.map((url) => new TargetState(url, window));
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  let soakStarted;
  let round = 0;
  const finish = (outcome, failed) => {
    const latencies = targets.flatMap(
      (t) => t.report.attempts.filter((a) => a.status !== void 0).map((a) => a.latencyMs)
    );
    const decisive = failed ?? targets[targets.length - 1];
    for (const t of targets) t.report.healthy = outcome === "healthy" || t.up && t !== failed;
    return {
      healthy: outcome === "healthy",
      outcome,
      failedUrl: failed?.report.url,
      attempts: round,
      elapsedMs: clock.now() - started,
      lastStatus: decisive.report.last?.status ?? 0,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      targets: targets.map((t) => t.report)
    };
  };
  for (; ; ) {
    if (signal.aborted) throw new CancelledError();
    const roundStart = clock.now();
    const soaking = soakStarted !== void 0;
    const remaining = soaking ? options.requestTimeoutMs : deadline - roundStart;
    if (remaining <= 0) return finish("timeout", targets.find((t) => !t.up) ?? targets[0]);
    round += 1;
    const responses = await Promise.all(
      targets.map(
        (t) => deps.probe({
          url: new URL(t.report.url),
          method: options.method,
          headers: options.headers,
          timeoutMs: Math.min(options.requestTimeoutMs, remaining),
          followRedirects: options.expect.followRedirects,
          insecureTls: options.insecureTls,
          signal
        })
      )
    );
    if (signal.aborted) throw new CancelledError();
    for (const [index, target] of targets.entries()) {
      const response = responses[index];
      const verdict = evaluate(response, options.expect);
      const record = {
        url: target.report.url,
        attempt: round,
        atMs: clock.now() - started,
        ok: verdict.ok,
        status: response.status,
        latencyMs: response.latencyMs,
        reason: verdict.reason
      };
      target.report.attempts.push(record);
      target.report.last = response;
      if (verdict.reason !== void 0) target.report.lastReason = verdict.reason;
      deps.onAttempt?.(record);
      const failure = target.record(verdict.ok, options.successThreshold, options.failureThreshold);
      if (failure) return finish(failure, target);
    }
    if (targets.every((t) => t.up)) {
      soakStarted ??= clock.now();
      if (clock.now() - soakStarted >= options.soakMs) return finish("healthy");
    }
    const next = roundStart + options.intervalMs;
    const wait = soakStarted === void 0 ? Math.min(next, deadline) - clock.now() : next - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  }
}

// packages/health/src/probe.ts
import http from "node:http";
import https from "node:https";
var BODY_LIMIT = 64 * 1024;
var MAX_REDIRECTS = 5;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var TLS_HINTS = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in the chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate chain cannot be verified",
  CERT_HAS_EXPIRED: "certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not match the host name"
};
function describeError(error) {
  const code = error.code ?? "";
  const tls = TLS_HINTS[code];
  if (tls) return `TLS verification failed: ${tls} (${code}); set insecure-tls: true only for a test host`;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "ENOTFOUND") return "host not found";
  return error.message || code || "request failed";
}
function requestOnce(request, url, method, deadline) {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const transport = url.protocol === "https:" ? https : http;
    const headers = { "user-agent": "deploy-kit-health-gate", accept: "*/*" };
    for (const header of request.headers) headers[header.name.toLowerCase()] = header.value;
    let settled = false;
    const finish = (response) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      resolve({ url: url.href, latencyMs: latency(), ...response });
    };
    const req = transport.request(url, {
      method,
      headers,
      agent: false,
      rejectUnauthorized: !request.insecureTls
    });
    const timeoutMs = Math.max(1, deadline - performance.now());
    const timer = setTimeout(() => {
      finish({ headers: {}, body: "", error: `no response within ${Math.round(timeoutMs)}ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish({ headers: {}, body: "", error: "cancelled" });
      req.destroy();
    };
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.on(
      "error",
      (error) => finish({ headers: {}, body: "", error: describeError(error) })
    );
    req.on("response", (res) => {
      const chunks = [];
      let size = 0;
      const done = () => finish({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.concat(chunks).toString("utf8")
      });
      res.on("data", (chunk) => {
        if (size >= BODY_LIMIT) return;
        chunks.push(chunk.subarray(0, BODY_LIMIT - size));
        size += chunk.length;
        if (size >= BODY_LIMIT) {
          done();
          res.destroy();
        }
      });
      res.on("end", done);
      res.on("error", done);
    });
    req.end();
  });
}
var httpProbe = async (request) => {
  const deadline = performance.now() + request.timeoutMs;
  let url = request.url;
  let method = request.method;
  let total = 0;
  for (let hop = 0; ; hop += 1) {
    const response = await requestOnce(request, url, method, deadline);
    total += response.latencyMs;
    const location = response.headers.location;
    if (!request.followRedirects || response.status === void 0 || !REDIRECTS.has(response.status) || typeof location !== "string") {
      return { ...response, latencyMs: total };
    }
    if (hop >= MAX_REDIRECTS)
      return { ...response, latencyMs: total, error: `more than ${MAX_REDIRECTS} redirects` };
    url = new URL(location, url);
    if (response.status === 303) method = "GET";
  }
};

// actions/health-gate/inputs.ts
var METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
function readInputs(read) {
  const headers = read.headers("headers");
  const url = read.urls("url", { required: true });
  const method = read.enum("method", METHODS);
  const statusText = read.string("expect-status", { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status) throw new ConfigurationError(messages.invalidInput("expect-status", STATUS_FORM, statusText));
  const bodyText = read.string("expect-body");
  const body = bodyText === void 0 ? void 0 : parseBodyExpectation(bodyText);
  if (bodyText !== void 0 && body === void 0) {
    throw new ConfigurationError(
      messages.invalidInput("expect-body", "a substring, or a valid /regex/flags", bodyText)
    );
  }
  const interval = read.requiredDuration("interval", { minMs: 100, maxMs: 36e5 });
  const requestTimeout = read.requiredDuration("request-timeout", { minMs: 100, maxMs: 6e5 });
  const timeout = read.requiredDuration("timeout", { minMs: 1, maxMs: 6 * 36e5 });
  return {
    url,
    method,
    headers,
    "expect-status": status,
    "expect-body": body,
    "expect-version": read.string("expect-version", {
      pattern: VERSION,
      accepted: "a version of letters, digits and . _ + - (at most 128)"
    }),
    interval,
    "request-timeout": requestTimeout,
    timeout,
    "success-threshold": read.int("success-threshold", { min: 1, max: 100, required: true }),
    "failure-threshold": read.int("failure-threshold", { min: 1, max: 100, required: true }),
    soak: read.requiredDuration("soak", { maxMs: 6 * 36e5 }),
    "follow-redirects": read.boolean("follow-redirects"),
    "insecure-tls": read.boolean("insecure-tls"),
    "allow-untrusted-event": read.boolean("allow-untrusted-event")
  };
}

// actions/health-gate/main.ts
var BODY_EXCERPT = 500;
var CHART_POINTS = 100;
function statusLabel(status) {
  return status === void 0 ? "no response" : String(status);
}
function statusChart(target) {
  const points = target.attempts.slice(-CHART_POINTS);
  const title = redactUrl(new URL(target.url)).replace(/"/g, "");
  return [
    "xychart-beta",
    `  title "${title}: status per attempt (0 = no response)"`,
    `  x-axis "attempt" [${points.map((p) => p.attempt).join(", ")}]`,
    '  y-axis "HTTP status" 0 --> 600',
    `  line [${points.map((p) => p.status ?? 0).join(", ")}]`
  ].join("\n");
}
function describeOutcome(result, inputs) {
  switch (result.outcome) {
    case "healthy":
      return "healthy";
    case "timeout":
      return `not healthy within ${formatMs(inputs.timeout)} (needs ${inputs["success-threshold"]} consecutive successes)`;
    case "regressed":
      return `${inputs["failure-threshold"]} consecutive failures after having been healthy`;
    case "flapping":
      return "flapping: the result kept changing between pass and fail";
  }
}
function buildSummary(result, inputs) {
  const summary = new Summary().heading(
    `Health gate: ${result.healthy ? "\u2705 healthy" : `\u274C ${result.outcome}`}`
  );
  summary.table(
    ["URL", "result", "attempts", "last status", "p50 ms", "p95 ms", "last failure"],
    result.targets.map((t) => {
      const latencies = t.attempts.map((a) => a.latencyMs);
      return [
        `${inputs.method} ${redactUrl(new URL(t.url))}`,
        t.healthy ? "healthy" : t.url === result.failedUrl ? result.outcome : "not healthy",
        t.attempts.length,
        statusLabel(t.last?.status),
        percentile(latencies, 50),
        percentile(latencies, 95),
        t.lastReason ?? ""
      ];
    })
  );
  summary.paragraph(
    `${result.attempts} attempts in ${(result.elapsedMs / 1e3).toFixed(1)}s; interval ${formatMs(inputs.interval)}, success threshold ${inputs["success-threshold"]}, failure threshold ${inputs["failure-threshold"]}.`
  );
  for (const target of result.targets) summary.mermaid(statusChart(target));
  return summary;
}
async function run(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  const shown = inputs.url.map((u) => redactUrl(u)).join(", ");
  logger.info(`Probing ${shown} every ${formatMs(inputs.interval)} (deadline ${formatMs(inputs.timeout)})`);
  const lastLine = /* @__PURE__ */ new Map();
  const result = await runGate(
    {
      urls: inputs.url,
      method: inputs.method,
      headers: inputs.headers,
      expect: {
        status: inputs["expect-status"],
        body: inputs["expect-body"],
        version: inputs["expect-version"],
        followRedirects: inputs["follow-redirects"]
      },
      intervalMs: inputs.interval,
      requestTimeoutMs: inputs["request-timeout"],
      timeoutMs: inputs.timeout,
      successThreshold: inputs["success-threshold"],
      failureThreshold: inputs["failure-threshold"],
      soakMs: inputs.soak,
      insecureTls: inputs["insecure-tls"]
    },
    {
      probe: deps.probe,
      clock: deps.clock,
      signal: deps.signal,
      onAttempt: (a) => {
        const line = `${statusLabel(a.status)}${a.ok ? " \u2713" : ` \u2717 ${a.reason ?? ""}`}`;
        if (line === lastLine.get(a.url) && a.attempt % 10 !== 0) return;
        lastLine.set(a.url, line);
        logger.info(`  #${a.attempt} ${redactUrl(new URL(a.url))} \u2192 ${line} (${a.latencyMs}ms)`);
      }
    }
  );
  deps.setOutput("healthy", result.healthy);
  deps.setOutput("attempts", result.attempts);
  deps.setOutput("elapsed-ms", result.elapsedMs);
  deps.setOutput("last-status", result.lastStatus);
  deps.setOutput("latency-p50-ms", result.latencyP50Ms);
  deps.setOutput("latency-p95-ms", result.latencyP95Ms);
  deps.writeSummary(buildSummary(result, inputs));
  if (!result.healthy) {
    const failed = result.targets.find((t) => t.url === result.failedUrl) ?? result.targets[0];
    const body = failed.last?.body ?? "";
    if (body) {
      logger.info(`Last response body (first ${BODY_EXCERPT} characters):`);
      logger.untrusted(body.slice(0, BODY_EXCERPT));
    }
    throw new ActionFailedError(
      `Health gate failed for ${redactUrl(new URL(failed.url))}: ${describeOutcome(result, inputs)}; last status ${statusLabel(failed.last?.status)}${failed.lastReason ? ` (${failed.lastReason})` : ""}, ${result.attempts} attempts in ${(result.elapsedMs / 1e3).toFixed(1)}s`
    );
  }
  logger.info(`Healthy after ${result.attempts} attempts in ${(result.elapsedMs / 1e3).toFixed(1)}s`);
  return result;
}
var healthGate = {
  name: "health-gate",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe });
  }
};

export {
  __require,
  __commonJS,
  __toESM,
  ConfigurationError,
  ConsoleLogger,
  SecretRegistry,
  runAction,
  healthGate
};
//# sourceMappingURL=chunk-JCTWPP4F.js.map
