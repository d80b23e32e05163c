import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  healthGate
} from "../chunks/chunk-GVBOMFNZ.js";
import "../chunks/chunk-7SBLHLKM.js";
import {
  runAction
} from "../chunks/chunk-2LXKV5NM.js";
import "../chunks/chunk-T7SGHLAT.js";

// actions/health-gate/index.ts
await runAction(healthGate);
//# sourceMappingURL=index.js.map
