import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-36FE7I7M.js";
import "../chunks/chunk-REVZBGQK.js";
import "../chunks/chunk-ZEKC6BGE.js";
import "../chunks/chunk-IVNYV6EM.js";
import "../chunks/chunk-UTT5LDS6.js";
import "../chunks/chunk-DK67BDBL.js";
import "../chunks/chunk-I47K7BQV.js";
import {
  runAction
} from "../chunks/chunk-AHUOZDGJ.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
