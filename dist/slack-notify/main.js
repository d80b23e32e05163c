import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  CHANNEL,
  LIMITS,
  TOKEN,
  TS,
  buildMessage,
  parseMention,
  parseNeeds,
  runFacts,
  sendSlack,
  slackForms,
  slackTarget
} from "../chunks/chunk-3QLJJORZ.js";
import {
  loadYaml,
  mapStrings
} from "../chunks/chunk-7GAFFOY6.js";
import {
  forms
} from "../chunks/chunk-LKV7BFOS.js";
import {
  VERSION
} from "../chunks/chunk-L7I5A2WB.js";
import {
  isAbsolute,
  resolve
} from "../chunks/chunk-7BJK7U2H.js";
import "../chunks/chunk-62URBDRV.js";
import {
  proxiedFetch
} from "../chunks/chunk-V76VFPBF.js";
import "../chunks/chunk-LAOQIHUA.js";
import {
  readFileSync,
  statSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/slack/src/payload.ts
var isMap = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function templatePayload(value, env, input) {
  return mapStrings(
    value,
    (text) => text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name) => {
      const found = env[name];
      if (found === void 0)
        throw new ConfigurationError(`Input '${input}': \${${name}} is not set in the environment`);
      return found;
    })
  );
}
function textOf(value) {
  if (typeof value === "string") return value;
  return isMap(value) && typeof value.text === "string" ? value.text : "";
}
function payloadProblems(payload) {
  const problems = [];
  const { text, blocks } = payload;
  if (text === void 0 && blocks === void 0 && payload.attachments === void 0)
    problems.push("it has neither 'text' nor 'blocks'");
  if (text !== void 0 && typeof text !== "string") problems.push("'text' is not a string");
  if (typeof text === "string" && text.length > LIMITS.fallbackText)
    problems.push(`'text' is ${text.length} characters (at most ${LIMITS.fallbackText})`);
  if (blocks === void 0) return problems;
  if (!Array.isArray(blocks)) return [...problems, "'blocks' is not a list"];
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks (at most ${LIMITS.blocks})`);
  blocks.forEach((block, i) => {
    const at = `block ${i + 1}`;
    if (!isMap(block) || typeof block.type !== "string") {
      problems.push(`${at} has no 'type'`);
      return;
    }
    const length = textOf(block.text).length;
    if (block.type === "header" && length > LIMITS.headerText)
      problems.push(`${at} (header) text is ${length} characters (at most ${LIMITS.headerText})`);
    if (block.type === "section") {
      if (length > LIMITS.sectionText)
        problems.push(`${at} (section) text is ${length} characters (at most ${LIMITS.sectionText})`);
      if (block.text === void 0 && block.fields === void 0)
        problems.push(`${at} (section) needs 'text' or 'fields'`);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > LIMITS.fields)
          problems.push(`${at} (section) has ${block.fields.length} fields (at most ${LIMITS.fields})`);
        block.fields.forEach((f, j) => {
          if (textOf(f).length > LIMITS.fieldText)
            problems.push(`${at} (section) field ${j + 1} is over ${LIMITS.fieldText} characters`);
        });
      }
    }
    if (block.type === "context" && Array.isArray(block.elements) && block.elements.length > LIMITS.contextElements)
      problems.push(
        `${at} (context) has ${block.elements.length} elements (at most ${LIMITS.contextElements})`
      );
  });
  return problems;
}
async function loadPayload(source, env) {
  let parse = (text) => JSON.parse(text);
  try {
    JSON.parse(source.text);
  } catch {
    const yaml = await loadYaml();
    parse = (text) => yaml.parse(text);
  }
  return parsePayload(source.text, source.input, parse, source.templated ? env : void 0);
}
function parsePayload(text, input, parse, template) {
  let parsed;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `Input '${input}' is not valid JSON or YAML: ${error.message.split("\n")[0] ?? ""}`
    );
  }
  if (!isMap(parsed))
    throw new ConfigurationError(`Input '${input}' must be a JSON or YAML object (a Slack message)`);
  const payload = template ? templatePayload(parsed, template, input) : parsed;
  const problems = payloadProblems(payload);
  if (problems.length > 0)
    throw new ConfigurationError(`Input '${input}' is not a message Slack accepts: ${problems.join("; ")}`);
  const { text: fallback, blocks, ...rest } = payload;
  return {
    text: typeof fallback === "string" ? fallback : "",
    blocks: Array.isArray(blocks) ? blocks : [],
    rest
  };
}

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
function readPayload(read, env) {
  const payload = read.string("payload", { raw: true });
  const file = read.string("payload-file");
  const templated = read.boolean("payload-file-templated");
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
function readInputs(read, env = process.env) {
  const webhook = read.url("webhook-url", { protocols: ["https:"], secret: true });
  const token = read.string("bot-token", { secret: true, pattern: TOKEN, accepted: slackForms.token });
  const channel = read.string("channel", { pattern: CHANNEL, accepted: slackForms.channel });
  const ts = read.string("ts", { pattern: TS, accepted: slackForms.ts });
  const apiUrl = read.url("api-url", { protocols: ["https:"], required: true });
  const target = slackTarget(
    { webhook: "webhook-url", token: "bot-token", channel: "channel" },
    { webhook, token, channel, ts, apiUrl },
    false
  );
  const needs = parseNeeds("needs", read.string("needs"));
  const payload = readPayload(read, env);
  const statusText = read.string("status");
  const content = payload ? {
    kind: "payload",
    payload,
    ...statusText !== void 0 || needs.length > 0 ? { status: resolveStatus(statusText, needs) } : {}
  } : { kind: "standard", status: resolveStatus(statusText, needs) };
  return {
    target,
    content,
    needs,
    title: read.string("title"),
    version: read.string("version", { pattern: VERSION, accepted: forms.version }),
    environment: read.string("environment"),
    "deployment-url": read.url("deployment-url"),
    "mention-on-failure": parseMention("mention-on-failure", read.string("mention-on-failure")),
    details: read.string("details"),
    "started-at": parseStartedAt(read.string("started-at")),
    "fail-on-error": read.boolean("fail-on-error"),
    retries: read.requiredInt("retries", { min: 0, max: 10 })
  };
}

// actions/slack-notify/main.ts
var REQUEST_TIMEOUT_MS = 1e4;
function notifyInfo(inputs, status, deps) {
  const facts = runFacts(deps.env, deps.event);
  const started = inputs["started-at"];
  return {
    ...facts,
    status,
    title: inputs.title ?? facts.repository ?? "Deploy",
    version: inputs.version ?? deps.env.GITHUB_SHA?.slice(0, 7),
    environment: inputs.environment,
    deploymentUrl: inputs["deployment-url"]?.href,
    stages: inputs.needs,
    mention: inputs["mention-on-failure"],
    details: inputs.details,
    durationMs: started === void 0 ? void 0 : Math.max(0, deps.clock.now() - started)
  };
}
async function run(inputs, deps) {
  const { logger } = deps;
  const { content } = inputs;
  const message = content.kind === "payload" ? await loadPayload(content.payload, deps.env) : buildMessage(notifyInfo(inputs, content.status, deps));
  const status = content.status ?? "";
  const { target } = inputs;
  const result = await sendSlack(
    target,
    message,
    { retries: inputs.retries, timeoutMs: REQUEST_TIMEOUT_MS },
    { fetch: deps.fetch, clock: deps.clock, logger, signal: deps.signal }
  );
  deps.setOutput("status", status);
  const summary = new Summary().heading(`slack-notify: ${status || "custom payload"}`);
  if (result.ok) {
    const channel = result.channel ?? (target.kind === "bot" ? target.channel : "");
    const ts = result.ts ?? (target.kind === "bot" ? target.ts ?? "" : "");
    deps.setOutput("ts", ts);
    deps.setOutput("channel", channel);
    summary.table(
      ["sent", "via", "attempts"],
      [
        [
          message.text || "(blocks only)",
          target.kind === "webhook" ? "webhook" : `${channel} ${ts}`,
          result.attempts
        ]
      ]
    );
    logger.info(
      `Slack message ${target.kind === "bot" && target.ts ? "updated" : "sent"} (${result.attempts} attempt(s))`
    );
  } else {
    deps.setOutput("ts", target.kind === "bot" ? target.ts ?? "" : "");
    deps.setOutput("channel", target.kind === "bot" ? target.channel : "");
    summary.table(["not sent", "error"], [[message.text || "(blocks only)", result.error]]);
  }
  deps.writeSummary(summary);
  if (!result.ok) {
    if (inputs["fail-on-error"]) throw new ActionFailedError(result.error);
    logger.warning(`${result.error} (the step succeeds: set 'fail-on-error: true' to fail it)`);
  }
  return result;
}
var slackNotify = {
  name: "slack-notify",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, fetch: proxiedFetch() });
  }
};
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main.js.map
