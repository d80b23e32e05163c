import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  CHANNEL,
  TOKEN,
  TS,
  buildMessage,
  parseMention,
  parseNeeds,
  runFacts,
  sendSlack,
  slackForms,
  slackTarget
} from "./chunk-V2TNG5UX.js";
import {
  VERSION,
  forms
} from "./chunk-IVNYV6EM.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  messages
} from "./chunk-AHUOZDGJ.js";

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
function readInputs(read) {
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
  return {
    target,
    status: resolveStatus(read.string("status"), needs),
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
function notifyInfo(inputs, deps) {
  const facts = runFacts(deps.env, deps.event);
  const started = inputs["started-at"];
  return {
    ...facts,
    status: inputs.status,
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
  const message = buildMessage(notifyInfo(inputs, deps));
  const { target } = inputs;
  const result = await sendSlack(
    target,
    message,
    { retries: inputs.retries, timeoutMs: REQUEST_TIMEOUT_MS },
    { fetch: deps.fetch, clock: deps.clock, logger, signal: deps.signal }
  );
  deps.setOutput("status", inputs.status);
  const summary = new Summary().heading(`slack-notify: ${inputs.status}`);
  if (result.ok) {
    const channel = result.channel ?? (target.kind === "bot" ? target.channel : "");
    const ts = result.ts ?? (target.kind === "bot" ? target.ts ?? "" : "");
    deps.setOutput("ts", ts);
    deps.setOutput("channel", channel);
    summary.table(
      ["sent", "via", "attempts"],
      [[message.text, target.kind === "webhook" ? "webhook" : `${channel} ${ts}`, result.attempts]]
    );
    logger.info(
      `Slack message ${target.kind === "bot" && target.ts ? "updated" : "sent"} (${result.attempts} attempt(s))`
    );
  } else {
    deps.setOutput("ts", target.kind === "bot" ? target.ts ?? "" : "");
    deps.setOutput("channel", target.kind === "bot" ? target.channel : "");
    summary.table(["not sent", "error"], [[message.text, result.error]]);
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
    await run(inputs, { ...ctx, fetch: globalThis.fetch });
  }
};

export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=chunk-T27VUTBB.js.map
