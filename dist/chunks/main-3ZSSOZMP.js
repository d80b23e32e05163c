import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  buildSummary,
  deploy,
  deploySsh,
  run
} from "./chunk-EY3IRY3F.js";
import "./chunk-35RTTU5E.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-WEUF3XU5.js";
import "./chunk-ZY5BEMQY.js";
import "./chunk-4ETXKYPN.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  run
};
//# sourceMappingURL=main-3ZSSOZMP.js.map
