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
} from "./chunk-ANM4FYNW.js";
import "./chunk-ITCYVJKG.js";
import "./chunk-FIYGEWNB.js";
import "./chunk-XDTEMV7W.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-3MATCT7G.js";
import "./chunk-WZXCNAIN.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  releaseConfig,
  run
};
//# sourceMappingURL=main-3HRTIFKF.js.map
