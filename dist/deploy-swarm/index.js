import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deploySwarm
} from "../chunks/chunk-MCC5OXD3.js";
import "../chunks/chunk-GPE2VFBB.js";
import "../chunks/chunk-HY4W7E6U.js";
import "../chunks/chunk-IVNYV6EM.js";
import "../chunks/chunk-UTT5LDS6.js";
import "../chunks/chunk-DK67BDBL.js";
import "../chunks/chunk-I47K7BQV.js";
import {
  runAction
} from "../chunks/chunk-AHUOZDGJ.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy-swarm/index.ts
await runAction(deploySwarm);
//# sourceMappingURL=index.js.map
