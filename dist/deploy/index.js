import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-A3T2NDPS.js";
import "../chunks/chunk-IKPH462O.js";
import "../chunks/chunk-2ABG5XSI.js";
import "../chunks/chunk-Y2IB6SBM.js";
import "../chunks/chunk-ZWLBSAKJ.js";
import "../chunks/chunk-6HBM42E5.js";
import "../chunks/chunk-UTT5LDS6.js";
import {
  runAction
} from "../chunks/chunk-RVRCPDAG.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
