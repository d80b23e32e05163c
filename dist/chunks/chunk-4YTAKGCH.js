import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);

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

export {
  ConfigurationError,
  ActionFailedError,
  CancelledError,
  throwIfCancelled,
  isCancelled,
  messages,
  errorMessage,
  Summary,
  escapeMarkdown
};
//# sourceMappingURL=chunk-4YTAKGCH.js.map
