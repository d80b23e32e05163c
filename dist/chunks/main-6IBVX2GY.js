import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildSummary,
  healthGate,
  mergeResults,
  run
} from "./chunk-73YNY4UD.js";
import "./chunk-F64FB5DN.js";
import "./chunk-MP66DXHM.js";
import "./chunk-WSTNXCOB.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-6IBVX2GY.js.map
