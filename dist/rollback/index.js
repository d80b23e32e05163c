import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  rollback
} from "../chunks/chunk-5WR3VPF7.js";
import "../chunks/chunk-B6N4FCB5.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-EI24YCEG.js";
import "../chunks/chunk-OCELNUWC.js";
import {
  runAction
} from "../chunks/chunk-Q4CEHKTD.js";
import "../chunks/chunk-44GE43UW.js";

// actions/rollback/index.ts
await runAction(rollback);
//# sourceMappingURL=index.js.map
