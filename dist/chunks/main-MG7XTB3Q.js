import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  dbBackup,
  run
} from "./chunk-72RFRRC6.js";
import "./chunk-Z4MGR53W.js";
import "./chunk-U44EMAIO.js";
import "./chunk-44GE43UW.js";
export {
  dbBackup,
  run
};
//# sourceMappingURL=main-MG7XTB3Q.js.map
