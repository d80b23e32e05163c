import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  deploySsh
} from "../chunks/chunk-7KS36CVJ.js";
import "../chunks/chunk-7DGHKNKJ.js";
import "../chunks/chunk-S6LFSBGA.js";
import "../chunks/chunk-ZXF2BBUD.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-XQ2C46RI.js";
import "../chunks/chunk-WZXCNAIN.js";

// actions/deploy-ssh/index.ts
await runAction(deploySsh);
//# sourceMappingURL=index.js.map
