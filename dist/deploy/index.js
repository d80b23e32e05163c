import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-RIZ3FSEU.js";
import "../chunks/chunk-HN6XSYCI.js";
import "../chunks/chunk-BHPO5THJ.js";
import "../chunks/chunk-ETZBVM2F.js";
import "../chunks/chunk-6R7XDGV4.js";
import "../chunks/chunk-Y2F3RJPH.js";
import "../chunks/chunk-RSOQ3YHB.js";
import {
  runAction
} from "../chunks/chunk-SQCFZHKV.js";
import "../chunks/chunk-44GE43UW.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
