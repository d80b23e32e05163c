import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  rollback
} from "../chunks/chunk-W7557AH2.js";
import "../chunks/chunk-AOXKP56M.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-F64FB5DN.js";
import "../chunks/chunk-MP66DXHM.js";
import {
  runAction
} from "../chunks/chunk-WSTNXCOB.js";
import "../chunks/chunk-44GE43UW.js";

// actions/rollback/index.ts
await runAction(rollback);
//# sourceMappingURL=index.js.map
