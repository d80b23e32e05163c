import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-Y3CH4WXB.js";
import "../chunks/chunk-J5IPZS34.js";
import "../chunks/chunk-H3HJHABY.js";
import "../chunks/chunk-EJMI76FF.js";
import "../chunks/chunk-HY4W7E6U.js";
import "../chunks/chunk-6R7XDGV4.js";
import "../chunks/chunk-WEUF3XU5.js";
import "../chunks/chunk-DXUKTJT7.js";
import {
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
