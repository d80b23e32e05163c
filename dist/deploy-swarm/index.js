import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deploySwarm
} from "../chunks/chunk-NAFRQ7MY.js";
import "../chunks/chunk-R66CD726.js";
import "../chunks/chunk-EJMI76FF.js";
import "../chunks/chunk-HY4W7E6U.js";
import "../chunks/chunk-6R7XDGV4.js";
import "../chunks/chunk-WEUF3XU5.js";
import "../chunks/chunk-DXUKTJT7.js";
import {
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy-swarm/index.ts
await runAction(deploySwarm);
//# sourceMappingURL=index.js.map
