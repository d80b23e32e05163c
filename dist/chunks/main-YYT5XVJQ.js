import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
} from "./chunk-RTAHCNHL.js";
import "./chunk-BHPO5THJ.js";
import "./chunk-ETZBVM2F.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-Y2F3RJPH.js";
import "./chunk-RSOQ3YHB.js";
import "./chunk-SQCFZHKV.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-YYT5XVJQ.js.map
