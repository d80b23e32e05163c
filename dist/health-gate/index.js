import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  healthGate
} from "../chunks/chunk-5R5MF2UM.js";
import "../chunks/chunk-KABQD5LE.js";
import "../chunks/chunk-POC466TB.js";
import {
  runAction
} from "../chunks/chunk-DH3UXXU5.js";
import "../chunks/chunk-44GE43UW.js";

// actions/health-gate/index.ts
await runAction(healthGate);
//# sourceMappingURL=index.js.map
