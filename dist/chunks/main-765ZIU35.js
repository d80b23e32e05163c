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
} from "./chunk-YKSYMFB5.js";
import "./chunk-FMAWIE3O.js";
import "./chunk-CMD7OX64.js";
import "./chunk-6LATA2SS.js";
import "./chunk-UZOAZQUQ.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-6P6KWFJV.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-765ZIU35.js.map
