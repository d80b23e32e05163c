import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  STATUS_FORM,
  parseBodyExpectation,
  parseStatusRanges
} from "./chunk-62URBDRV.js";
import {
  ConfigurationError,
  messages
} from "./chunk-4YTAKGCH.js";

// packages/release/src/gate-inputs.ts
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
var VERSION_FORM = "letters, digits and . _ + - (starting with a letter or digit, at most 128)";
function readGateInputs(read) {
  const statusText = read.string("health-expect-status", { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status)
    throw new ConfigurationError(messages.invalidInput("health-expect-status", STATUS_FORM, statusText));
  const bodyText = read.string("health-expect-body");
  const body = bodyText === void 0 ? void 0 : parseBodyExpectation(bodyText);
  if (bodyText !== void 0 && !body)
    throw new ConfigurationError(
      messages.invalidInput("health-expect-body", "a substring, or a valid /regex/flags", bodyText)
    );
  return {
    intervalMs: read.requiredDuration("health-interval", { minMs: 100, maxMs: 6e5 }),
    timeoutMs: read.requiredDuration("health-timeout", { minMs: 1e3, maxMs: 36e5 }),
    successThreshold: read.requiredInt("health-success-threshold", { min: 1, max: 100 }),
    expect: {
      status,
      body,
      version: read.string("health-expect-version", { pattern: VERSION, accepted: VERSION_FORM })
    }
  };
}
function gateOptions(health, url) {
  return {
    urls: [url],
    method: "GET",
    headers: [],
    expect: { ...health.expect, followRedirects: false },
    intervalMs: health.intervalMs,
    requestTimeoutMs: Math.min(5e3, Math.max(1e3, health.intervalMs)),
    timeoutMs: health.timeoutMs,
    successThreshold: health.successThreshold,
    failureThreshold: 3,
    soakMs: 0,
    insecureTls: false
  };
}

export {
  VERSION,
  VERSION_FORM,
  readGateInputs,
  gateOptions
};
//# sourceMappingURL=chunk-L7I5A2WB.js.map
