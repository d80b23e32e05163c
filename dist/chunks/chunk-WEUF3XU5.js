import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  percentile,
  proxyAgent,
  throwIfCancelled
} from "./chunk-4ETXKYPN.js";

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
    const [, source = "", flags = ""] = match;
    return { regex: new RegExp(source, flags.replace(/[gy]/g, "")) };
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
  const lastTarget = targets[targets.length - 1];
  if (!lastTarget) throw new Error("runGate needs at least one URL");
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  let soakStarted;
  let round = 0;
  const finish = (outcome, failed) => {
    const latencies = targets.flatMap(
      (t) => t.report.attempts.filter((a) => a.status !== void 0).map((a) => a.latencyMs)
    );
    const decisive = failed ?? lastTarget;
    for (const t of targets) t.report.healthy = outcome === "healthy" || t.up && t !== failed;
    return {
      healthy: outcome === "healthy",
      outcome,
      failedUrl: failed?.report.url,
      attempts: round,
      elapsedMs: clock.now() - started,
      // The last status received: a probe the deadline cut short saw none, and must not hide it.
      lastStatus: decisive.report.attempts.findLast((a) => a.status !== void 0)?.status ?? 0,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      targets: targets.map((t) => t.report)
    };
  };
  for (; ; ) {
    throwIfCancelled(signal);
    const roundStart = clock.now();
    const soaking = soakStarted !== void 0;
    const remaining = soaking ? options.requestTimeoutMs : deadline - roundStart;
    if (remaining <= 0) return finish("timeout", targets.find((t) => !t.up) ?? targets[0]);
    round += 1;
    const responses = await Promise.all(
      targets.map(async (target) => ({
        target,
        response: await deps.probe({
          url: new URL(target.report.url),
          method: options.method,
          headers: options.headers,
          timeoutMs: Math.min(options.requestTimeoutMs, remaining),
          followRedirects: options.expect.followRedirects,
          insecureTls: options.insecureTls,
          signal,
          ...options.connect ? { connect: options.connect } : {}
        })
      }))
    );
    throwIfCancelled(signal);
    for (const { target, response } of responses) {
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
      if (response.status !== void 0 || target.report.last === void 0) target.report.last = response;
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
async function requestOnce(request, url, method, deadline) {
  const transport = url.protocol === "https:" ? (await import("node:https")).default : http;
  const proxied = request.connect ? void 0 : await proxyAgent(url);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
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
    const { connect } = request;
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const req = transport.request(url, {
      method,
      headers,
      rejectUnauthorized: !request.insecureTls,
      // `agent: false` would make Node ignore createConnection; without a tunnel, a fresh agent
      // gives a fresh connection per probe.
      ...connect ? {
        createConnection: (_options, done) => {
          connect(url.hostname, port).then(
            (stream) => done(null, stream),
            (error) => done(
              error instanceof Error ? error : new Error(String(error)),
              void 0
            )
          );
          return void 0;
        }
      } : { agent: proxied?.agent ?? false }
    });
    const timeoutMs = Math.max(1, deadline - performance.now());
    const timer = setTimeout(() => {
      finish({ headers: {}, body: "", error: `no response within ${request.timeoutMs}ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish({ headers: {}, body: "", error: "cancelled" });
      req.destroy();
    };
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.on(
      "error",
      (error) => finish({
        headers: {},
        body: "",
        error: proxied ? `${describeError(error)} (through the HTTP proxy ${proxied.proxy.label})` : describeError(error)
      })
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

export {
  STATUS_FORM,
  parseStatusRanges,
  parseBodyExpectation,
  runGate,
  httpProbe
};
//# sourceMappingURL=chunk-WEUF3XU5.js.map
