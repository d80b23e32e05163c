import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildSummary,
  healthGate,
  mergeResults,
  run
} from "./chunk-GVBOMFNZ.js";
import "./chunk-7SBLHLKM.js";
import "./chunk-2LXKV5NM.js";
import "./chunk-T7SGHLAT.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-PEASS62X.js.map
