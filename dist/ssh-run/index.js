import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  sshRun
} from "../chunks/chunk-YFYO3TFV.js";
import "../chunks/chunk-DXUKTJT7.js";
import {
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// actions/ssh-run/index.ts
await runAction(sshRun);
//# sourceMappingURL=index.js.map
