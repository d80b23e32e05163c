import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  deployAction
} from "../chunks/chunk-VRMFOVSW.js";
import "../chunks/chunk-ANM4FYNW.js";
import "../chunks/chunk-23B7H6Z7.js";
import "../chunks/chunk-ITCYVJKG.js";
import "../chunks/chunk-FIYGEWNB.js";
import "../chunks/chunk-XDTEMV7W.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-3MATCT7G.js";
import "../chunks/chunk-WZXCNAIN.js";

// actions/deploy/index.ts
await runAction(deployAction);
//# sourceMappingURL=index.js.map
