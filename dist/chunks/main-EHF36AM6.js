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
} from "./chunk-3N5TEI7Z.js";
import "./chunk-E2MSEY72.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-FTUPWEIF.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-QSE327G7.js";
import "./chunk-WH6ICNVD.js";
import "./chunk-2IGDHGST.js";
import "./chunk-44GE43UW.js";
export {
  deploySwarm,
  run,
  swarmConfig
};
//# sourceMappingURL=main-EHF36AM6.js.map
