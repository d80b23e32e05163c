import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-ESGSPSPP.js";
import "../chunks/chunk-MGUX7ERZ.js";
import "../chunks/chunk-O54VXFFQ.js";
import "../chunks/chunk-46MKSHRA.js";
import "../chunks/chunk-TOOBFSFF.js";
import {
  runAction
} from "../chunks/chunk-4YOJ2OHT.js";
import "../chunks/chunk-T7SGHLAT.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
