import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deploySwarm
} from "../chunks/chunk-YPNQOODM.js";
import "../chunks/chunk-MINMODIY.js";
import "../chunks/chunk-HY4W7E6U.js";
import "../chunks/chunk-AOXKP56M.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-F64FB5DN.js";
import "../chunks/chunk-MP66DXHM.js";
import {
  runAction
} from "../chunks/chunk-WSTNXCOB.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy-swarm/index.ts
await runAction(deploySwarm);
//# sourceMappingURL=index.js.map
