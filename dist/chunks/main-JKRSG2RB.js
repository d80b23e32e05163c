import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deploySwarm,
  run,
  swarmConfig
} from "./chunk-YPNQOODM.js";
import "./chunk-MINMODIY.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-AOXKP56M.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-F64FB5DN.js";
import "./chunk-MP66DXHM.js";
import "./chunk-WSTNXCOB.js";
import "./chunk-44GE43UW.js";
export {
  deploySwarm,
  run,
  swarmConfig
};
//# sourceMappingURL=main-JKRSG2RB.js.map
