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
} from "./chunk-QJZMISNI.js";
import "./chunk-K7JXDEN6.js";
import "./chunk-AOXKP56M.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-F64FB5DN.js";
import "./chunk-MP66DXHM.js";
import "./chunk-WSTNXCOB.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-G2OVRHXS.js.map
