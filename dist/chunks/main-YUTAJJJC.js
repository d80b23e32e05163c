import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction,
  deployNotice,
  run
} from "./chunk-36FE7I7M.js";
import "./chunk-REVZBGQK.js";
import "./chunk-ZEKC6BGE.js";
import "./chunk-IVNYV6EM.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-DK67BDBL.js";
import "./chunk-I47K7BQV.js";
import "./chunk-AHUOZDGJ.js";
import "./chunk-44GE43UW.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-YUTAJJJC.js.map
