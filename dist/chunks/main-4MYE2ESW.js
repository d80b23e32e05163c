import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildImage,
  run
} from "./chunk-RFX27IAY.js";
import "./chunk-ICUKPFSA.js";
import "./chunk-4MSZQCLY.js";
import "./chunk-44GE43UW.js";
export {
  buildImage,
  run
};
//# sourceMappingURL=main-4MYE2ESW.js.map
