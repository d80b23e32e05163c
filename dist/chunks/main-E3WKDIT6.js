import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildSummary,
  healthGate,
  mergeResults,
  run
} from "./chunk-X7A5JN3I.js";
import "./chunk-QSE327G7.js";
import "./chunk-WH6ICNVD.js";
import "./chunk-2IGDHGST.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  healthGate,
  mergeResults,
  run
};
//# sourceMappingURL=main-E3WKDIT6.js.map
