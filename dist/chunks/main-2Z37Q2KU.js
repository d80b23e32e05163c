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
} from "./chunk-BPXB474L.js";
import "./chunk-6LATA2SS.js";
import "./chunk-UZOAZQUQ.js";
import "./chunk-6P6KWFJV.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-2Z37Q2KU.js.map
