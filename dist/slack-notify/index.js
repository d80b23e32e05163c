import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-NQK2LI7W.js";
import "../chunks/chunk-A7A3PM6L.js";
import "../chunks/chunk-IHXTWCIQ.js";
import "../chunks/chunk-Y5UXTO7J.js";
import "../chunks/chunk-423SUDOQ.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-72MLZKGF.js";
import "../chunks/chunk-E2F63VLZ.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
