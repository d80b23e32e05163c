import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deploySsh
} from "../chunks/chunk-UMZWQN7N.js";
import "../chunks/chunk-CXVBHUFG.js";
import "../chunks/chunk-MWEWEZXK.js";
import "../chunks/chunk-I3HFYHVG.js";
import "../chunks/chunk-UTT5LDS6.js";
import {
  runAction
} from "../chunks/chunk-O2Y42EOP.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy-ssh/index.ts
await runAction(deploySsh);
//# sourceMappingURL=index.js.map
