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
} from "./chunk-UCLPS5YH.js";
import "./chunk-EI24YCEG.js";
import "./chunk-OCELNUWC.js";
import "./chunk-Q4CEHKTD.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-XPMHXMS2.js.map
