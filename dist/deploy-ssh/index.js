import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deploySsh
} from "../chunks/chunk-GJJ4K6UX.js";
import "../chunks/chunk-B6N4FCB5.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-EI24YCEG.js";
import "../chunks/chunk-OCELNUWC.js";
import {
  runAction
} from "../chunks/chunk-Q4CEHKTD.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy-ssh/index.ts
await runAction(deploySsh);
//# sourceMappingURL=index.js.map
