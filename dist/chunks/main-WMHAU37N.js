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
} from "./chunk-JGGM4AUY.js";
import "./chunk-Y5UXTO7J.js";
import "./chunk-423SUDOQ.js";
import "./chunk-72MLZKGF.js";
import "./chunk-E2F63VLZ.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-WMHAU37N.js.map
