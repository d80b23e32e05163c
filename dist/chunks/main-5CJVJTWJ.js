import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildImage,
  run
} from "./chunk-OQ6GXZEZ.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-AHUOZDGJ.js";
import "./chunk-44GE43UW.js";
export {
  buildImage,
  run
};
//# sourceMappingURL=main-5CJVJTWJ.js.map
