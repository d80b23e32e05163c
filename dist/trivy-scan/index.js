import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  trivyScan
} from "../chunks/chunk-OYL6ASOQ.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-3MATCT7G.js";
import "../chunks/chunk-WZXCNAIN.js";

// actions/trivy-scan/index.ts
await runAction(trivyScan);
//# sourceMappingURL=index.js.map
