import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  pushedUpToDate,
  run,
  updateVersionFiles,
  versionTag
} from "./chunk-ZL56F2YB.js";
import "./chunk-SQCFZHKV.js";
import "./chunk-44GE43UW.js";
export {
  pushedUpToDate,
  run,
  updateVersionFiles,
  versionTag
};
//# sourceMappingURL=main-4M7CWVWO.js.map
