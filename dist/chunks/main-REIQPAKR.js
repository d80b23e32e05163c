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
} from "./chunk-ZTNDD5WD.js";
import "./chunk-OAQHEV3Z.js";
import "./chunk-A7UED572.js";
import "./chunk-U3ICJHKM.js";
import "./chunk-Z4MGR53W.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-U44EMAIO.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-REIQPAKR.js.map
