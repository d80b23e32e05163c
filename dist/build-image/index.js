import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildImage
} from "../chunks/chunk-QUZQC2EX.js";
import "../chunks/chunk-6R7XDGV4.js";
import {
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// actions/build-image/index.ts
await runAction(buildImage);
//# sourceMappingURL=index.js.map
