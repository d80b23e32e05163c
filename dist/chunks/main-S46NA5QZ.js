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
} from "./chunk-HC2TG6WL.js";
import "./chunk-DK67BDBL.js";
import "./chunk-I47K7BQV.js";
import "./chunk-AHUOZDGJ.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-S46NA5QZ.js.map
