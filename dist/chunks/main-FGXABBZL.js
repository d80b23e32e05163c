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
} from "./chunk-3NMYYZY6.js";
import "./chunk-YL66QWTF.js";
import "./chunk-HZ6RTSW3.js";
import "./chunk-GFDE43JM.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-RNF3P2RN.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
};
//# sourceMappingURL=main-FGXABBZL.js.map
