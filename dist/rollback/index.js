import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  rollback
} from "../chunks/chunk-3AX5NJHD.js";
import "../chunks/chunk-A7UED572.js";
import "../chunks/chunk-U3ICJHKM.js";
import "../chunks/chunk-Z4MGR53W.js";
import "../chunks/chunk-UTT5LDS6.js";
import {
  runAction
} from "../chunks/chunk-U44EMAIO.js";
import "../chunks/chunk-44GE43UW.js";

// actions/rollback/index.ts
await runAction(rollback);
//# sourceMappingURL=index.js.map
