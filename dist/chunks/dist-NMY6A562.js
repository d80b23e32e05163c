import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  require_dist
} from "./chunk-YM6IWKZV.js";
import "./chunk-M65TMEGL.js";
import "./chunk-44GE43UW.js";
export default require_dist();
//# sourceMappingURL=dist-NMY6A562.js.map
