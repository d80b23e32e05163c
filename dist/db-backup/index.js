import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  dbBackup
} from "../chunks/chunk-SF3ZACZF.js";
import "../chunks/chunk-DXUKTJT7.js";
import {
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// actions/db-backup/index.ts
await runAction(dbBackup);
//# sourceMappingURL=index.js.map
