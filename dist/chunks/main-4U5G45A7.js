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
} from "./chunk-TZCHWWSD.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-4ETXKYPN.js";
import "./chunk-44GE43UW.js";
export {
  fileSlug,
  run,
  trivyScan
};
//# sourceMappingURL=main-4U5G45A7.js.map
