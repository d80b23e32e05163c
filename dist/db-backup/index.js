import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  dbBackup
} from "../chunks/chunk-4FZMRKPF.js";
import "../chunks/chunk-423SUDOQ.js";
import {
  runAction
} from "../chunks/chunk-72MLZKGF.js";
import "../chunks/chunk-E2F63VLZ.js";

// actions/db-backup/index.ts
await runAction(dbBackup);
//# sourceMappingURL=index.js.map
