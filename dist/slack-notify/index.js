import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-BNPCXL3Y.js";
import "../chunks/chunk-ZEKC6BGE.js";
import "../chunks/chunk-HY4W7E6U.js";
import "../chunks/chunk-IVNYV6EM.js";
import "../chunks/chunk-UTT5LDS6.js";
import "../chunks/chunk-DK67BDBL.js";
import "../chunks/chunk-I47K7BQV.js";
import {
  runAction
} from "../chunks/chunk-AHUOZDGJ.js";
import "../chunks/chunk-44GE43UW.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
