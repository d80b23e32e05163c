import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-4GLEKTCW.js";
import "../chunks/chunk-56MXLS74.js";
import "../chunks/chunk-K7JXDEN6.js";
import "../chunks/chunk-VMHEDB52.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-65SQ6VXD.js";
import "../chunks/chunk-MP66DXHM.js";
import {
  runAction
} from "../chunks/chunk-WSTNXCOB.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
