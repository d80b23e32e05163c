import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
} from "./chunk-2U4UFU7W.js";
import "./chunk-7DGHKNKJ.js";
import "./chunk-S6LFSBGA.js";
import "./chunk-ZXF2BBUD.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-XQ2C46RI.js";
import "./chunk-WZXCNAIN.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run
};
//# sourceMappingURL=main-KUXAJPZT.js.map
