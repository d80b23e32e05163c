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
} from "./chunk-BT6RUTPB.js";
import "./chunk-CXVBHUFG.js";
import "./chunk-MWEWEZXK.js";
import "./chunk-I3HFYHVG.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-O2Y42EOP.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
};
//# sourceMappingURL=main-BAVXJJPX.js.map
