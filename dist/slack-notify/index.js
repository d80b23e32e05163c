import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  slackNotify
} from "../chunks/chunk-SWJ52XMV.js";
import "../chunks/chunk-Z7JT7N2X.js";
import "../chunks/chunk-7DGHKNKJ.js";
import "../chunks/chunk-S6LFSBGA.js";
import "../chunks/chunk-ZXF2BBUD.js";
import "../chunks/chunk-JXNH3KLR.js";
import {
  runAction
} from "../chunks/chunk-XQ2C46RI.js";
import "../chunks/chunk-WZXCNAIN.js";

// actions/slack-notify/index.ts
await runAction(slackNotify);
//# sourceMappingURL=index.js.map
