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
} from "./chunk-GJJ4K6UX.js";
import "./chunk-B6N4FCB5.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-EI24YCEG.js";
import "./chunk-OCELNUWC.js";
import "./chunk-Q4CEHKTD.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  releaseConfig,
  run
};
//# sourceMappingURL=main-7GPKL2O5.js.map
