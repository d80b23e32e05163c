import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  versionTag
} from "../chunks/chunk-T63RNFTD.js";
import {
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// actions/version-tag/index.ts
await runAction(versionTag);
//# sourceMappingURL=index.js.map
