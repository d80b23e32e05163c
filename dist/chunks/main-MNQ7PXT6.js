import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
} from "./chunk-IGDS5PZY.js";
import "./chunk-H3HJHABY.js";
import "./chunk-EJMI76FF.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-WEUF3XU5.js";
import "./chunk-DXUKTJT7.js";
import "./chunk-4ETXKYPN.js";
import "./chunk-44GE43UW.js";
export {
  REQUEST_TIMEOUT_MS,
  notifyInfo,
  run,
  slackNotify
};
//# sourceMappingURL=main-MNQ7PXT6.js.map
