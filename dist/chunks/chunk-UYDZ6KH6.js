import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  ConfigurationError,
  messages
} from "./chunk-4YTAKGCH.js";

// packages/core/src/event.ts
function repoOf(side) {
  if (typeof side !== "object" || side === null) return void 0;
  const repo = side.repo;
  return typeof repo?.full_name === "string" ? repo.full_name : void 0;
}
function isUntrustedEvent(event) {
  if (event.name === "pull_request_target") return true;
  if (event.name !== "pull_request") return false;
  const pr = event.payload.pull_request;
  const head = repoOf(pr?.head);
  const base = repoOf(pr?.base);
  return head !== void 0 && base !== void 0 && head !== base;
}
function assertTrustedEvent(event, allowUntrusted) {
  if (!allowUntrusted && isUntrustedEvent(event)) {
    throw new ConfigurationError(messages.untrustedEvent(event.name));
  }
}

export {
  assertTrustedEvent
};
//# sourceMappingURL=chunk-UYDZ6KH6.js.map
