import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  versionTag
} from "../chunks/chunk-Q2ENWDAU.js";
import {
  runAction
} from "../chunks/chunk-72MLZKGF.js";
import "../chunks/chunk-E2F63VLZ.js";

// actions/version-tag/index.ts
await runAction(versionTag);
//# sourceMappingURL=index.js.map
