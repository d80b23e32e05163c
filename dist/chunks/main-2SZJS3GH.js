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
} from "./chunk-WV33DVRI.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-O2Y42EOP.js";
import "./chunk-44GE43UW.js";
export {
  fileSlug,
  run,
  trivyScan
};
//# sourceMappingURL=main-2SZJS3GH.js.map
