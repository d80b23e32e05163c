import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  VERSION_FORM,
  readGateInputs
} from "./chunk-L7I5A2WB.js";
import {
  ConfigurationError,
  messages
} from "./chunk-4YTAKGCH.js";

// packages/release/src/inputs.ts
var APP = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
var SAFE_SEGMENT = /^(?!\.{1,2}$)(?!-)[A-Za-z0-9._-]+$/;
var HEALTH_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/;
var forms = {
  app: "a name of lower-case letters, digits and _ . - (starting with a letter or digit, at most 64)",
  version: VERSION_FORM,
  deployPath: "an absolute path of letters, digits and . _ - / without '..' segments",
  sharedPaths: "relative paths of letters, digits and . _ - / without '..' segments",
  ports: "one port (in-place) or two distinct ports blue,green (blue-green), each 1-65535",
  healthPath: "a path starting with '/'",
  socket: "an absolute path of letters, digits and . _ - / without '..' segments",
  caddyAdmin: "host:port (e.g. localhost:2019), unix//<absolute path>, or off"
};
var ADMIN_HOST = /^([A-Za-z0-9][A-Za-z0-9.-]{0,252}|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/;
function caddyEndpoint(text) {
  if (text === "off") return { kind: "off" };
  if (text.startsWith("unix/")) {
    const path = text.slice("unix/".length);
    return isSafePath(path, true) ? { kind: "unix", path } : void 0;
  }
  const [, host = "", port = ""] = ADMIN_HOST.exec(text) ?? [];
  const number = Number(port);
  if (host === "" || number < 1 || number > 65535) return void 0;
  return { kind: "tcp", address: text, host: host.replace(/^\[|\]$/g, ""), port: number };
}
function isSafePath(path, absolute) {
  if (absolute !== path.startsWith("/")) return false;
  const segments = path.split("/").filter((s, i) => !(absolute && i === 0));
  return segments.length > 0 && segments.every((s) => SAFE_SEGMENT.test(s));
}
var STACK = /^[a-z0-9][a-z0-9_-]{0,62}$/;
var stackForms = {
  stack: "a stack name of lower-case letters, digits, _ and - (starting with a letter or digit, at most 63)",
  deployPath: "an absolute path, or one under '~/', of letters, digits and . _ - / without '..' segments"
};
function checkSwarmDeployPath(text) {
  const path = text.replace(/\/+$/, "");
  if (!isSafePath(path.startsWith("~/") ? path.slice(1) : path, true))
    throw new ConfigurationError(messages.invalidInput("deploy-path", stackForms.deployPath, text));
  return path;
}
function readAppInputs(read) {
  const app = read.string("app", { required: true, pattern: APP, accepted: forms.app });
  const deployPath = (read.string("deploy-path") ?? `/opt/${app}`).replace(/\/+$/, "");
  if (!isSafePath(deployPath, true))
    throw new ConfigurationError(messages.invalidInput("deploy-path", forms.deployPath, deployPath));
  return { app, "deploy-path": deployPath };
}
function readHealthInputs(read) {
  const path = read.string("health-path", {
    required: true,
    pattern: HEALTH_PATH,
    accepted: forms.healthPath
  });
  const enabled = read.boolean("health-check");
  return { enabled, path, url: read.url("health-url"), ...readGateInputs(read) };
}
var STOP_CHECK_S = 5;
function readSwitchInputs(read, commandTimeoutMs) {
  const stop = read.requiredDuration("stop-timeout", { minMs: 1e3, maxMs: 6e5 });
  if (stop + STOP_CHECK_S * 1e3 > commandTimeoutMs)
    throw new ConfigurationError(
      messages.invalidInput(
        "stop-timeout",
        `a duration at least ${STOP_CHECK_S}s shorter than 'command-timeout'`,
        read.string("stop-timeout") ?? ""
      )
    );
  return {
    drain: read.requiredDuration("drain", { maxMs: 6e5 }),
    "stop-timeout": stop,
    soak: read.requiredDuration("soak", { maxMs: 6 * 36e5 }),
    "lock-timeout": read.requiredDuration("lock-timeout", { maxMs: 6 * 36e5 }),
    "break-stale-lock-after": read.duration("break-stale-lock-after", { minMs: 6e4 })
  };
}

export {
  forms,
  caddyEndpoint,
  isSafePath,
  STACK,
  stackForms,
  checkSwarmDeployPath,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs
};
//# sourceMappingURL=chunk-LKV7BFOS.js.map
