import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  ConfigurationError,
  errorMessage
} from "./chunk-4YTAKGCH.js";

// node_modules/proxy-from-env/index.js
var DEFAULT_PORTS = {
  ftp: 21,
  gopher: 70,
  http: 80,
  https: 443,
  ws: 80,
  wss: 443
};
function parseUrl(urlString) {
  try {
    return new URL(urlString);
  } catch {
    return null;
  }
}
function getProxyForUrl(url) {
  var parsedUrl = (typeof url === "string" ? parseUrl(url) : url) || {};
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
    const loaded = await import("./undici-UD4RGGHG.js");
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
    const loaded2 = await import("./dist-JKP5LTIM.js");
    const { HttpsProxyAgent } = exportsOf(loaded2);
    return { agent: new HttpsProxyAgent(proxy.url), proxy };
  }
  const loaded = await import("./dist-HXGQP3M2.js");
  const { HttpProxyAgent } = exportsOf(loaded);
  return { agent: new HttpProxyAgent(proxy.url), proxy };
}

export {
  proxiedFetch,
  proxyAgent
};
//# sourceMappingURL=chunk-V76VFPBF.js.map
