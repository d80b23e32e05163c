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
} from "./chunk-MDZ2V3U7.js";
import "./chunk-2ABG5XSI.js";
import "./chunk-Y2IB6SBM.js";
import "./chunk-ZWLBSAKJ.js";
import "./chunk-6HBM42E5.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-RVRCPDAG.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-FO3JUODS.js.map
