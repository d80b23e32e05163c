import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
} from "./chunk-LDRR2BV3.js";
import "./chunk-O3ZV57Y3.js";
import "./chunk-6LATA2SS.js";
import "./chunk-UZOAZQUQ.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-6P6KWFJV.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
};
//# sourceMappingURL=main-UC6DM2ZY.js.map
