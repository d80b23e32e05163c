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
} from "./chunk-7G4BWTGA.js";
import "./chunk-QDNJCAXU.js";
import "./chunk-4DZBI4IU.js";
import "./chunk-A7Y45NIY.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-HRGGUMBG.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
};
//# sourceMappingURL=main-I2GLJPYI.js.map
