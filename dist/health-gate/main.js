import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  httpProbe
} from "../chunks/chunk-XBAXORWF.js";
import {
  percentile,
  runGate
} from "../chunks/chunk-TCGQHLN7.js";
import {
  assertTrustedEvent
} from "../chunks/chunk-UYDZ6KH6.js";
import {
  formatTarget,
  readSshConnectionInputs,
  sshConnector
} from "../chunks/chunk-HK3VMSLK.js";
import "../chunks/chunk-V3BPVXA7.js";
import "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  STATUS_FORM,
  parseBodyExpectation,
  parseStatusRanges
} from "../chunks/chunk-62URBDRV.js";
import "../chunks/chunk-V76VFPBF.js";
import {
  formatMs,
  redactUrl
} from "../chunks/chunk-LAOQIHUA.js";
import "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// actions/health-gate/inputs.ts
var METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
function readInputs(read) {
  const ssh = readSshConnectionInputs(read, { optional: true });
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
    "success-threshold": read.requiredInt("success-threshold", { min: 1, max: 100 }),
    "failure-threshold": read.requiredInt("failure-threshold", { min: 1, max: 100 }),
    soak: read.requiredDuration("soak", { maxMs: 6 * 36e5 }),
    "follow-redirects": read.boolean("follow-redirects"),
    "insecure-tls": read.boolean("insecure-tls"),
    "allow-untrusted-event": read.boolean("allow-untrusted-event"),
    ssh
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
        `${inputs.method} ${redactUrl(new URL(t.url))}${t.via ? ` via ${t.via}` : ""}`,
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
function mergeResults(results, hosts) {
  const failed = results.find((r) => !r.healthy);
  const decisive = failed ?? results.reduce((a, b) => b.elapsedMs > a.elapsedMs ? b : a);
  const targets = results.flatMap((r, i) => r.targets.map((t) => ({ ...t, via: hosts[i] })));
  const latencies = targets.flatMap(
    (t) => t.attempts.filter((a) => a.status !== void 0).map((a) => a.latencyMs)
  );
  return {
    ...decisive,
    attempts: Math.max(...results.map((r) => r.attempts)),
    elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    failedUrl: failed ? failed.failedUrl : void 0,
    targets
  };
}
async function run(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  const shown = inputs.url.map((u) => redactUrl(u)).join(", ");
  logger.info(`Probing ${shown} every ${formatMs(inputs.interval)} (deadline ${formatMs(inputs.timeout)})`);
  const lastLine = /* @__PURE__ */ new Map();
  const options = {
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
  };
  const gate = (via, extra = {}) => runGate(
    { ...options, ...extra },
    {
      probe: deps.probe,
      clock: deps.clock,
      signal: deps.signal,
      onAttempt: (a) => {
        const key = `${via}${a.url}`;
        const line = `${statusLabel(a.status)}${a.ok ? " \u2713" : ` \u2717 ${a.reason ?? ""}`}`;
        if (line === lastLine.get(key) && a.attempt % 10 !== 0) return;
        lastLine.set(key, line);
        logger.info(`  #${a.attempt} ${via}${redactUrl(new URL(a.url))} \u2192 ${line} (${a.latencyMs}ms)`);
      }
    }
  );
  let result;
  if (!inputs.ssh) {
    result = await gate("");
  } else {
    const conns = [];
    try {
      for (const target of inputs.ssh.hosts)
        conns.push({ label: formatTarget(target), shell: await deps.connect(target) });
      const results = await Promise.all(
        conns.map(
          ({ label, shell }) => gate(`[${label}] `, { connect: (host, port) => shell.forward(host, port) })
        )
      );
      result = mergeResults(
        results,
        conns.map((c) => c.label)
      );
    } finally {
      for (const { shell } of conns) shell.close();
    }
  }
  deps.setOutput("healthy", result.healthy);
  deps.setOutput("attempts", result.attempts);
  deps.setOutput("elapsed-ms", result.elapsedMs);
  deps.setOutput("last-status", result.lastStatus);
  deps.setOutput("latency-p50-ms", result.latencyP50Ms);
  deps.setOutput("latency-p95-ms", result.latencyP95Ms);
  deps.writeSummary(buildSummary(result, inputs));
  if (!result.healthy) {
    const failed = result.targets.find((t) => !t.healthy && t.url === result.failedUrl) ?? result.targets[0];
    const body = failed?.last?.body ?? "";
    if (body) {
      logger.info(`Last response body (first ${BODY_EXCERPT} characters):`);
      logger.untrusted(body.slice(0, BODY_EXCERPT));
    }
    throw new ActionFailedError(
      `Health gate failed for ${failed ? redactUrl(new URL(failed.url)) : "?"}${failed?.via ? ` (probed from ${failed.via})` : ""}: ${describeOutcome(result, inputs)}; last status ${statusLabel(failed?.last?.status)}${failed?.lastReason ? ` (${failed.lastReason})` : ""}, ${result.attempts} attempts in ${(result.elapsedMs / 1e3).toFixed(1)}s`
    );
  }
  logger.info(`Healthy after ${result.attempts} attempts in ${(result.elapsedMs / 1e3).toFixed(1)}s`);
  return result;
}
var healthGate = {
  name: "health-gate",
  readInputs,
  run: async (inputs, ctx) => {
    const { ssh } = inputs;
    const connect = ssh ? sshConnector(ssh, ctx) : () => {
      throw new ActionFailedError("health-gate probes from a host only with 'hosts' set");
    };
    await run(inputs, { ...ctx, probe: httpProbe, connect });
  }
};
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main.js.map
