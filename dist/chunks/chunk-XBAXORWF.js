import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  proxyAgent
} from "./chunk-V76VFPBF.js";
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:http
var m = __require("node:http");
var node_http_default = m;
var _connectionListener = m._connectionListener;
var METHODS = m.METHODS;
var STATUS_CODES = m.STATUS_CODES;
var Agent = m.Agent;
var ClientRequest = m.ClientRequest;
var IncomingMessage = m.IncomingMessage;
var OutgoingMessage = m.OutgoingMessage;
var Server = m.Server;
var ServerResponse = m.ServerResponse;
var createServer = m.createServer;
var validateHeaderName = m.validateHeaderName;
var validateHeaderValue = m.validateHeaderValue;
var get = m.get;
var request = m.request;
var setMaxIdleHTTPParsers = m.setMaxIdleHTTPParsers;

// packages/health/src/probe.ts
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
async function requestOnce(request2, url, method, deadline) {
  const transport = url.protocol === "https:" ? (await import("./node_https-7AXHFYLZ.js")).default : node_http_default;
  const proxied = request2.connect ? void 0 : await proxyAgent(url);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const headers = { "user-agent": "deploy-kit-health-gate", accept: "*/*" };
    for (const header of request2.headers) headers[header.name.toLowerCase()] = header.value;
    let settled = false;
    const finish = (response) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request2.signal?.removeEventListener("abort", onAbort);
      resolve({ url: url.href, latencyMs: latency(), ...response });
    };
    const { connect } = request2;
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const req = transport.request(url, {
      method,
      headers,
      rejectUnauthorized: !request2.insecureTls,
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
      finish({ headers: {}, body: "", error: `no response within ${request2.timeoutMs}ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish({ headers: {}, body: "", error: "cancelled" });
      req.destroy();
    };
    request2.signal?.addEventListener("abort", onAbort, { once: true });
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
var httpProbe = async (request2) => {
  const deadline = performance.now() + request2.timeoutMs;
  let url = request2.url;
  let method = request2.method;
  let total = 0;
  for (let hop = 0; ; hop += 1) {
    const response = await requestOnce(request2, url, method, deadline);
    total += response.latencyMs;
    const location = response.headers.location;
    if (!request2.followRedirects || response.status === void 0 || !REDIRECTS.has(response.status) || typeof location !== "string") {
      return { ...response, latencyMs: total };
    }
    if (hop >= MAX_REDIRECTS)
      return { ...response, latencyMs: total, error: `more than ${MAX_REDIRECTS} redirects` };
    url = new URL(location, url);
    if (response.status === 303) method = "GET";
  }
};

export {
  request,
  httpProbe
};
//# sourceMappingURL=chunk-XBAXORWF.js.map
