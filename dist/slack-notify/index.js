import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-MGOWE4GO.js";
import "../chunks/chunk-FMAWIE3O.js";
import "../chunks/chunk-O3ZV57Y3.js";
import "../chunks/chunk-6LATA2SS.js";
import "../chunks/chunk-UZOAZQUQ.js";
import "../chunks/chunk-UTT5LDS6.js";
import {
  runAction
} from "../chunks/chunk-6P6KWFJV.js";
import "../chunks/chunk-44GE43UW.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
