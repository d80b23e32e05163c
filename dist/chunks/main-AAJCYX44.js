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
} from "./chunk-HN6XSYCI.js";
import "./chunk-ETZBVM2F.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-Y2F3RJPH.js";
import "./chunk-RSOQ3YHB.js";
import "./chunk-SQCFZHKV.js";
import "./chunk-44GE43UW.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  run
};
//# sourceMappingURL=main-AAJCYX44.js.map
