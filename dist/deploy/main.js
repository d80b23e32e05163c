import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  deploy,
  readInputs
} from "../chunks/chunk-4OFUT7VB.js";
import "../chunks/chunk-46SEIOBS.js";
import "../chunks/chunk-KWED25CX.js";
import "../chunks/chunk-7XI47VG2.js";
import "../chunks/chunk-ET4UPRW3.js";
import "../chunks/chunk-PO4T6QVY.js";
import "../chunks/chunk-7HPFKMMW.js";
import "../chunks/chunk-46KUD6QG.js";
import "../chunks/chunk-BA7FOPEO.js";
import "../chunks/chunk-EYRIIDT7.js";
import "../chunks/chunk-DDO7YCBF.js";
import "../chunks/chunk-MP5WS7JU.js";
import "../chunks/chunk-QAPLTP4I.js";
import {
  httpProbe
} from "../chunks/chunk-XBAXORWF.js";
import "../chunks/chunk-TCGQHLN7.js";
import "../chunks/chunk-UYDZ6KH6.js";
import {
  sshConnector
} from "../chunks/chunk-HK3VMSLK.js";
import "../chunks/chunk-V3BPVXA7.js";
import "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  CHANNEL,
  TOKEN,
  buildMessage,
  parseMention,
  runFacts,
  sendSlack,
  slackForms,
  slackTarget
} from "../chunks/chunk-3QLJJORZ.js";
import "../chunks/chunk-7GAFFOY6.js";
import "../chunks/chunk-LKV7BFOS.js";
import "../chunks/chunk-L7I5A2WB.js";
import "../chunks/chunk-7BJK7U2H.js";
import "../chunks/chunk-62URBDRV.js";
import {
  proxiedFetch
} from "../chunks/chunk-V76VFPBF.js";
import "../chunks/chunk-LAOQIHUA.js";
import "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  CancelledError,
  errorMessage
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/core/src/action.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var CANCEL_GRACE_MS = 5e3;

// actions/deploy/inputs.ts
var SLACK_API = new URL("https://slack.com/api/");
async function readInputs2(read, env = process.env) {
  const deploy2 = await readInputs(read, env);
  const webhook = read.url("slack-webhook-url", { protocols: ["https:"], secret: true });
  const token = read.string("slack-bot-token", { secret: true, pattern: TOKEN, accepted: slackForms.token });
  const channel = read.string("slack-channel", { pattern: CHANNEL, accepted: slackForms.channel });
  return {
    ...deploy2,
    slack: slackTarget(
      { webhook: "slack-webhook-url", token: "slack-bot-token", channel: "slack-channel" },
      { webhook, token, channel, apiUrl: SLACK_API },
      true
    ),
    environment: read.string("environment"),
    "mention-on-failure": parseMention("mention-on-failure", read.string("mention-on-failure")),
    "fail-on-error": read.boolean("fail-on-error")
  };
}

// actions/deploy/main.ts
var CANCELLED_NOTIFY_MS = 2e3;
var EXIT_MARGIN_MS = 1e3;
function deployNotice(inputs, outcome, deps, durationMs) {
  const { result } = outcome;
  const previous = result?.hosts.find((h) => h.previous)?.previous;
  const stages = (result?.hosts ?? []).map((h) => ({
    job: h.host,
    result: h.status === "deployed" || h.status === "unchanged" ? "success" : h.status === "skipped" ? "skipped" : "failure",
    outputs: {
      version: h.status === "deployed" || h.status === "unchanged" ? h.version : h.previous ?? ""
    }
  }));
  let details;
  if (outcome.status === "failure") {
    const why = result?.error ?? errorMessage(outcome.error);
    details = result?.rolledBack && previous ? `Rolled back automatically to ${previous}: every host serves ${previous} again. Cause: ${why}` : `Deploy of ${inputs.deploy.version} failed: ${why}`;
  } else if (outcome.status === "cancelled") {
    details = "The run was cancelled; each host is left as recorded in its history.";
  }
  return {
    ...runFacts(deps.env, deps.event),
    status: outcome.status,
    title: `Deploy ${inputs.deploy.app}`,
    version: inputs.deploy.version,
    environment: inputs.environment,
    deploymentUrl: inputs.deploy.health.url?.href,
    stages,
    mention: inputs["mention-on-failure"],
    details,
    durationMs
  };
}
async function run(inputs, deps) {
  const started = deps.clock.now();
  let cancelledAt;
  deps.signal.addEventListener("abort", () => cancelledAt = deps.clock.now(), { once: true });
  let result;
  let error;
  try {
    result = await deploy(inputs, deps);
  } catch (caught) {
    error = caught;
    if (caught instanceof CancelledError)
      deps.logger.info(
        `Cancelled: the deploy stopped ${deps.clock.now() - (cancelledAt ?? deps.clock.now())} ms after the signal`
      );
  }
  const status = error instanceof CancelledError ? "cancelled" : error !== void 0 || !result?.ok ? "failure" : "success";
  if (inputs.slack) {
    const message = buildMessage(
      deployNotice(inputs, { status, result, error }, deps, deps.clock.now() - started)
    );
    const budget = Math.max(
      100,
      Math.min(
        CANCELLED_NOTIFY_MS,
        CANCEL_GRACE_MS - EXIT_MARGIN_MS - (deps.clock.now() - (cancelledAt ?? deps.clock.now()))
      )
    );
    const cancelled = status === "cancelled";
    const signal = cancelled ? AbortSignal.timeout(budget) : deps.signal;
    if (cancelled) deps.logger.info(`Slack: sending the cancelled message (${budget} ms left for it)`);
    const sending = sendSlack(
      inputs.slack,
      message,
      { retries: cancelled ? 0 : 3, timeoutMs: cancelled ? budget : 1e4 },
      { fetch: deps.fetch, clock: deps.clock, logger: deps.logger, signal }
    );
    const sent = cancelled ? await Promise.race([
      sending,
      new Promise(
        (resolve) => setTimeout(
          () => resolve({ ok: false, attempts: 1, error: "Slack did not answer in time" }),
          budget + 100
        ).unref()
      )
    ]) : await sending;
    if (sent.ok) deps.logger.info(`Slack: ${status} message sent`);
    else if (inputs["fail-on-error"] && status === "success") throw new ActionFailedError(sent.error);
    else
      deps.logger.warning(
        `${sent.error}${inputs["fail-on-error"] ? "" : " (set 'fail-on-error: true' to fail the step)"}`
      );
  }
  if (error instanceof Error) throw error;
  if (error !== void 0) throw new Error("deploy failed with a non-Error value");
  if (!result?.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.deploy.version} failed: ${result?.error ?? "unknown error"}` + (result?.rolledBack ? "; rolled back automatically, every host serves its previous version" : "")
    );
  }
  return result;
}
var deployAction = {
  name: "deploy",
  readInputs: readInputs2,
  run: async (inputs, ctx) => {
    await run(inputs, {
      ...ctx,
      probe: httpProbe,
      fetch: proxiedFetch(),
      connect: sshConnector(inputs, ctx)
    });
  }
};
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main.js.map
