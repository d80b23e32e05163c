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
} from "./chunk-4WZ2HUFC.js";
import "./chunk-KVIA6GSQ.js";
import "./chunk-QDNJCAXU.js";
import "./chunk-4DZBI4IU.js";
import "./chunk-A7Y45NIY.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-HRGGUMBG.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-OVOKJQ6N.js.map
