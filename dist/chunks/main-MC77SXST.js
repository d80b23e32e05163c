import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildSummary,
  deploy,
  deploySsh,
  releaseConfig,
  run
} from "./chunk-IKPH462O.js";
import "./chunk-Y2IB6SBM.js";
import "./chunk-ZWLBSAKJ.js";
import "./chunk-6HBM42E5.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-RVRCPDAG.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  releaseConfig,
  run
};
//# sourceMappingURL=main-MC77SXST.js.map
