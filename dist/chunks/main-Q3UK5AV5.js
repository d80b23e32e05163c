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
} from "./chunk-MGOWE4GO.js";
import "./chunk-FMAWIE3O.js";
import "./chunk-O3ZV57Y3.js";
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
//# sourceMappingURL=main-Q3UK5AV5.js.map
