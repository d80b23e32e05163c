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
} from "./chunk-XSX267RC.js";
import "./chunk-EKRCB47J.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-VMHEDB52.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-65SQ6VXD.js";
import "./chunk-MP66DXHM.js";
import "./chunk-WSTNXCOB.js";
import "./chunk-44GE43UW.js";
export {
  deploySwarm,
  run,
  swarmConfig
};
//# sourceMappingURL=main-4E7ORMZP.js.map
