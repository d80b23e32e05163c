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
} from "./chunk-R7UALSBJ.js";
import "./chunk-FFW2A5OT.js";
import "./chunk-FMAWIE3O.js";
import "./chunk-O3ZV57Y3.js";
import "./chunk-6LATA2SS.js";
import "./chunk-UZOAZQUQ.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-6P6KWFJV.js";
import "./chunk-44GE43UW.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-QUX3OMTD.js.map
