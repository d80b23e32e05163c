import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  dbBackup
} from "../chunks/chunk-R7HDIKRO.js";
import "../chunks/chunk-XDTEMV7W.js";
import {
  runAction
} from "../chunks/chunk-3MATCT7G.js";
import "../chunks/chunk-WZXCNAIN.js";

// actions/db-backup/index.ts
await runAction(dbBackup);
//# sourceMappingURL=index.js.map
