import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-MVETNTAJ.js";
import "../chunks/chunk-5VYMEVQN.js";
import "../chunks/chunk-B6N4FCB5.js";
import "../chunks/chunk-ICUKPFSA.js";
import "../chunks/chunk-EI24YCEG.js";
import "../chunks/chunk-OCELNUWC.js";
import {
  runAction
} from "../chunks/chunk-Q4CEHKTD.js";
import "../chunks/chunk-44GE43UW.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
