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
} from "./chunk-5ZMN5M5M.js";
import "./chunk-5CAYACVV.js";
import "./chunk-P7PSUBLY.js";
import "./chunk-TRAHIR3A.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-HDEOZJ6Q.js";
import "./chunk-KDCKC7Y6.js";
import "./chunk-4MSZQCLY.js";
import "./chunk-44GE43UW.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-PEKO2WJJ.js.map
