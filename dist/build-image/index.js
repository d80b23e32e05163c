import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildImage
} from "../chunks/chunk-VDEJCQZN.js";
import "../chunks/chunk-TOOBFSFF.js";
import {
  runAction
} from "../chunks/chunk-4YOJ2OHT.js";
import "../chunks/chunk-T7SGHLAT.js";

// actions/build-image/index.ts
await runAction(buildImage);
//# sourceMappingURL=index.js.map
