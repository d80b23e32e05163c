import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  dbBackup,
  run
} from "./chunk-5IRC6FYK.js";
import "./chunk-RSOQ3YHB.js";
import "./chunk-SQCFZHKV.js";
import "./chunk-44GE43UW.js";
export {
  dbBackup,
  run
};
//# sourceMappingURL=main-YWYAMRQA.js.map
