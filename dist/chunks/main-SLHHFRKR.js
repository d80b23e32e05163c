import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildSummary,
  deploy,
  deploySsh,
  releaseConfig,
  run
} from "./chunk-3NOC5ZHF.js";
import "./chunk-IHXTWCIQ.js";
import "./chunk-Y5UXTO7J.js";
import "./chunk-423SUDOQ.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-72MLZKGF.js";
import "./chunk-E2F63VLZ.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  releaseConfig,
  run
};
//# sourceMappingURL=main-SLHHFRKR.js.map
