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
} from "./chunk-Z2QJW2JH.js";
import "./chunk-NZ7GAGGJ.js";
import "./chunk-V2TNG5UX.js";
import "./chunk-UTFQE2BV.js";
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
//# sourceMappingURL=main-RHM7NKMF.js.map
