import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  rollback
} from "../chunks/chunk-CKNQTAEA.js";
import "../chunks/chunk-ITCYVJKG.js";
import "../chunks/chunk-FIYGEWNB.js";
import "../chunks/chunk-XDTEMV7W.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-3MATCT7G.js";
import "../chunks/chunk-WZXCNAIN.js";

// actions/rollback/index.ts
await runAction(rollback);
//# sourceMappingURL=index.js.map
