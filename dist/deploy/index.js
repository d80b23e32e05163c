import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-DWJEX4OY.js";
import "../chunks/chunk-2AOYOMBF.js";
import "../chunks/chunk-ADA3PFMJ.js";
import "../chunks/chunk-FTUPWEIF.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-QSE327G7.js";
import "../chunks/chunk-WH6ICNVD.js";
import {
  runAction
} from "../chunks/chunk-2IGDHGST.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
