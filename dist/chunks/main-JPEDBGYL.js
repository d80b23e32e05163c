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
} from "./chunk-3AX5NJHD.js";
import "./chunk-A7UED572.js";
import "./chunk-U3ICJHKM.js";
import "./chunk-Z4MGR53W.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-U44EMAIO.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
};
//# sourceMappingURL=main-JPEDBGYL.js.map
