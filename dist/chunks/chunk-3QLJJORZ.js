import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  formatMs
} from "./chunk-LAOQIHUA.js";
import {
  ConfigurationError,
  errorMessage,
  messages
} from "./chunk-4YTAKGCH.js";

// packages/slack/src/client.ts
var MAX_RETRY_AFTER_MS = 6e4;
var slackMessages = {
  rejected: (what, status, error) => `Slack ${what} rejected the message (HTTP ${status}${error ? `, ${error}` : ""})`,
  gaveUp: (what, attempts, last) => `Slack ${what} failed after ${attempts} attempt(s): ${last}`
};
function retryAfterMs(header) {
  if (!header) return void 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1e3, MAX_RETRY_AFTER_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? void 0 : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}
function messageBody(message) {
  return {
    ...message.text ? { text: message.text } : {},
    ...message.blocks.length > 0 ? { blocks: message.blocks } : {}
  };
}
function request(target, message) {
  if (target.kind === "webhook") {
    return {
      url: target.url,
      what: "webhook",
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...message.rest, ...messageBody(message) })
      }
    };
  }
  const method = target.ts ? "chat.update" : "chat.postMessage";
  return {
    url: new URL(method, target.apiUrl.href.endsWith("/") ? target.apiUrl : `${target.apiUrl.href}/`),
    what: method,
    init: {
      method: "POST",
      // The token goes in a header: never in the URL, where proxies and logs would keep it.
      headers: {
        "content-type": "application/json; charset=utf-8",
        authorization: `Bearer ${target.token}`
      },
      body: JSON.stringify({
        unfurl_links: false,
        ...message.rest,
        channel: target.channel,
        ...target.ts ? { ts: target.ts } : {},
        ...messageBody(message)
      })
    }
  };
}
async function attempt(target, message, options, deps) {
  const { url, init, what } = request(target, message);
  let response;
  try {
    response = await deps.fetch(url, {
      ...init,
      redirect: "error",
      signal: AbortSignal.any([deps.signal, AbortSignal.timeout(options.timeoutMs)])
    });
  } catch (error) {
    if (deps.signal.aborted) return { kind: "fatal", error: "cancelled" };
    const name = error instanceof Error ? error.name : "";
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : `: ${errorMessage(error)}`;
    return {
      kind: "retry",
      error: name === "TimeoutError" ? `no answer within ${formatMs(options.timeoutMs)}` : `request failed${cause}`
    };
  }
  const body = await response.text().catch(() => "");
  if (response.status === 429) {
    return {
      kind: "retry",
      error: "rate limited (429)",
      waitMs: retryAfterMs(response.headers.get("retry-after"))
    };
  }
  if (response.status >= 500) return { kind: "retry", error: `HTTP ${response.status}` };
  if (target.kind === "webhook") {
    if (response.status === 200) return { kind: "done" };
    return { kind: "fatal", error: slackMessages.rejected(what, response.status, body.slice(0, 100).trim()) };
  }
  let parsed = {};
  try {
    parsed = JSON.parse(body);
  } catch {
  }
  if (response.status === 200 && parsed.ok === true)
    return { kind: "done", ts: parsed.ts, channel: parsed.channel };
  if (parsed.error === "ratelimited") return { kind: "retry", error: "rate limited", waitMs: 1e3 };
  return {
    kind: "fatal",
    error: slackMessages.rejected(what, response.status, parsed.error ?? body.slice(0, 100).trim())
  };
}
async function sendSlack(target, message, options, deps) {
  const what = target.kind === "webhook" ? "webhook" : target.ts ? "chat.update" : "chat.postMessage";
  let backoffMs = 1e3;
  for (let attempts = 1; ; attempts += 1) {
    const result = await attempt(target, message, options, deps);
    if (result.kind === "done") return { ok: true, attempts, ts: result.ts, channel: result.channel };
    if (result.kind === "fatal") return { ok: false, attempts, error: result.error };
    const last = result.error;
    if (attempts > options.retries)
      return { ok: false, attempts, error: slackMessages.gaveUp(what, attempts, last) };
    const waitMs = result.waitMs ?? backoffMs;
    backoffMs *= 2;
    deps.logger.info(`Slack ${what}: ${last}; retrying in ${formatMs(waitMs)}`);
    try {
      await deps.clock.sleep(waitMs, deps.signal);
    } catch {
      return { ok: false, attempts, error: "cancelled" };
    }
  }
}

// packages/slack/src/escape.ts
function escapeSlack(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function truncate(text, max) {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, "");
  return `${cut}\u2026`;
}
function link(url, label) {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeSlack(label).replace(/\|/g, "\xA6")}>`;
}

// packages/slack/src/message.ts
var LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3e3,
  fieldText: 2e3,
  fields: 10,
  contextElements: 10,
  fallbackText: 4e3
};
var STATUS = {
  success: { icon: "\u2705", word: "succeeded" },
  failure: { icon: "\u274C", word: "failed" },
  cancelled: { icon: "\u26AA", word: "was cancelled" }
};
var RESULT_ICON = {
  success: "\u2705",
  failure: "\u274C",
  cancelled: "\u26AA",
  skipped: "\u23ED\uFE0F"
};
function formatDuration(ms) {
  const seconds = Math.round(ms / 1e3);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
var mrkdwn = (text, max = LIMITS.sectionText) => ({
  type: "mrkdwn",
  text: truncate(text, max)
});
function stageSections(stages, budget) {
  const lines = stages.map((s) => {
    const version = s.outputs.version ? ` \xB7 ${escapeSlack(truncate(s.outputs.version, 80))}` : "";
    return `${RESULT_ICON[s.result]} *${escapeSlack(truncate(s.job, 100))}* ${s.result}${version}`;
  });
  const sections = [];
  let current = [];
  let length = 0;
  for (const line of lines) {
    if (current.length > 0 && length + line.length + 1 > LIMITS.sectionText) {
      sections.push({ type: "section", text: mrkdwn(current.join("\n")) });
      current = [];
      length = 0;
    }
    current.push(line);
    length += line.length + 1;
  }
  if (current.length > 0) sections.push({ type: "section", text: mrkdwn(current.join("\n")) });
  if (sections.length > budget) {
    const dropped = sections.length - budget + 1;
    return [
      ...sections.slice(0, budget - 1),
      { type: "context", elements: [mrkdwn(`\u2026and ${dropped} more stage section(s)`)] }
    ];
  }
  return sections;
}
function buildMessage(info) {
  const { icon, word } = STATUS[info.status];
  const subject = [info.title, info.version, info.environment ? `\u2192 ${info.environment}` : void 0].filter(Boolean).join(" ");
  const headline = `${icon} ${subject} ${word}`;
  const blocks = [
    {
      type: "header",
      text: { type: "plain_text", text: truncate(headline, LIMITS.headerText), emoji: true }
    }
  ];
  if (info.status === "failure" && info.mention) {
    blocks.push({ type: "section", text: mrkdwn(info.mention) });
  }
  const fields = [];
  if (info.version) fields.push(`*Version*
${escapeSlack(truncate(info.version, 200))}`);
  if (info.environment) fields.push(`*Environment*
${escapeSlack(truncate(info.environment, 200))}`);
  if (info.commit) {
    const short = info.commit.sha.slice(0, 7);
    const sha = info.commit.url ? link(info.commit.url, short) : `\`${short}\``;
    const firstLine = info.commit.message?.split(/\r?\n/)[0]?.trim();
    fields.push(`*Commit*
${sha}${firstLine ? ` ${escapeSlack(truncate(firstLine, 300))}` : ""}`);
  }
  if (info.branch) fields.push(`*Branch*
${escapeSlack(truncate(info.branch, 200))}`);
  if (info.actor) fields.push(`*Actor*
${escapeSlack(truncate(info.actor, 100))}`);
  if (info.durationMs !== void 0) fields.push(`*Duration*
${formatDuration(info.durationMs)}`);
  if (fields.length > 0) {
    blocks.push({
      type: "section",
      fields: fields.slice(0, LIMITS.fields).map((f) => mrkdwn(f, LIMITS.fieldText))
    });
  }
  if (info.details) blocks.push({ type: "section", text: mrkdwn(escapeSlack(info.details)) });
  const links = [];
  if (info.runUrl) links.push(link(info.runUrl, "View run"));
  if (info.deploymentUrl) links.push(link(info.deploymentUrl, "Open deployment"));
  const reserved = blocks.length + 1 + (links.length > 0 ? 1 : 0);
  if (info.stages.length > 0) {
    blocks.push({ type: "divider" });
    blocks.push(...stageSections(info.stages, LIMITS.blocks - reserved));
  }
  if (links.length > 0) blocks.push({ type: "context", elements: [mrkdwn(links.join("  \xB7  "))] });
  const text = truncate(
    `${escapeSlack(headline)}${info.details ? `: ${escapeSlack(info.details)}` : ""}`,
    LIMITS.fallbackText
  );
  return { text, blocks };
}

// packages/slack/src/context.ts
function runFacts(env, event) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  const headCommit = event.payload.head_commit;
  const pullRequest = event.payload.pull_request;
  const message = typeof headCommit?.message === "string" ? headCommit.message : typeof pullRequest?.title === "string" ? pullRequest.title : void 0;
  return {
    repository,
    commit: sha ? { sha, url: repository ? `${server}/${repository}/commit/${sha}` : void 0, message } : void 0,
    branch: env.GITHUB_REF_NAME ?? env.GITHUB_REF?.replace(/^refs\/(heads|tags)\//, ""),
    actor: env.GITHUB_ACTOR,
    runUrl: repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : void 0
  };
}

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

export {
  sendSlack,
  slackForms,
  CHANNEL,
  TOKEN,
  TS,
  parseMention,
  parseNeeds,
  slackTarget,
  LIMITS,
  buildMessage,
  runFacts
};
//# sourceMappingURL=chunk-3QLJJORZ.js.map
