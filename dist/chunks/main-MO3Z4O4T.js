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
} from "./chunk-5WR3VPF7.js";
import "./chunk-B6N4FCB5.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-EI24YCEG.js";
import "./chunk-OCELNUWC.js";
import "./chunk-Q4CEHKTD.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run,
  runSwarm
};
//# sourceMappingURL=main-MO3Z4O4T.js.map
