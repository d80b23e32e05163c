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
} from "./chunk-XDS26DUG.js";
import "./chunk-EDMJGZTU.js";
import "./chunk-BHPO5THJ.js";
import "./chunk-RAJRVHR2.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-Y2F3RJPH.js";
import "./chunk-BYUGA5L3.js";
import "./chunk-SQCFZHKV.js";
import "./chunk-44GE43UW.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-S3QFNNOY.js.map
