import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run,
  runSwarm
} from "./chunk-MVK76DPW.js";
import "./chunk-GPE2VFBB.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-IVNYV6EM.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-DK67BDBL.js";
import "./chunk-I47K7BQV.js";
import "./chunk-AHUOZDGJ.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run,
  runSwarm
};
//# sourceMappingURL=main-QW22UBA3.js.map
