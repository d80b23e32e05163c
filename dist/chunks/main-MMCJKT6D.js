import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  fileSlug,
  run,
  trivyScan
} from "./chunk-QAPATM7M.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-2IGDHGST.js";
import "./chunk-44GE43UW.js";
export {
  fileSlug,
  run,
  trivyScan
};
//# sourceMappingURL=main-MMCJKT6D.js.map
