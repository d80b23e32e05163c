import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  healthGate
} from "../chunks/chunk-JGGM4AUY.js";
import "../chunks/chunk-Y5UXTO7J.js";
import "../chunks/chunk-423SUDOQ.js";
import {
  runAction
} from "../chunks/chunk-72MLZKGF.js";
import "../chunks/chunk-E2F63VLZ.js";

// actions/health-gate/index.ts
await runAction(healthGate);
//# sourceMappingURL=index.js.map
