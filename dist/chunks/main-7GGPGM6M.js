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
  run,
  runSwarm
} from "./chunk-XBGVHS2S.js";
import "./chunk-FTUPWEIF.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-QSE327G7.js";
import "./chunk-WH6ICNVD.js";
import "./chunk-2IGDHGST.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run,
  runSwarm
};
//# sourceMappingURL=main-7GGPGM6M.js.map
