import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  rollback
} from "../chunks/chunk-BT6RUTPB.js";
import "../chunks/chunk-CXVBHUFG.js";
import "../chunks/chunk-MWEWEZXK.js";
import "../chunks/chunk-I3HFYHVG.js";
import "../chunks/chunk-UTT5LDS6.js";
import {
  runAction
} from "../chunks/chunk-O2Y42EOP.js";
import "../chunks/chunk-44GE43UW.js";

// actions/rollback/index.ts
await runAction(rollback);
//# sourceMappingURL=index.js.map
