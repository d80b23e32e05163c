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
} from "./chunk-UAY5SYJZ.js";
import "./chunk-NMN7X7E3.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-RAJRVHR2.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-Y2F3RJPH.js";
import "./chunk-BYUGA5L3.js";
import "./chunk-SQCFZHKV.js";
import "./chunk-44GE43UW.js";
export {
  deploySwarm,
  run,
  swarmConfig
};
//# sourceMappingURL=main-LB476IEP.js.map
