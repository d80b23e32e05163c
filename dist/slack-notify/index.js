import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-ZTNDD5WD.js";
import "../chunks/chunk-OAQHEV3Z.js";
import "../chunks/chunk-A7UED572.js";
import "../chunks/chunk-U3ICJHKM.js";
import "../chunks/chunk-Z4MGR53W.js";
import "../chunks/chunk-UTT5LDS6.js";
import {
  runAction
} from "../chunks/chunk-U44EMAIO.js";
import "../chunks/chunk-44GE43UW.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
