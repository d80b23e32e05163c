import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-STMZV3JC.js";
import "../chunks/chunk-YB7HLBOR.js";
import "../chunks/chunk-6YZHAXC5.js";
import "../chunks/chunk-GYO5NYOH.js";
import "../chunks/chunk-TKNBST5O.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-W6NXZ3DR.js";
import "../chunks/chunk-E2F63VLZ.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
