import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  hostsOutput,
  run,
  sshRun
} from "./chunk-YFYO3TFV.js";
import "./chunk-DXUKTJT7.js";
import "./chunk-4ETXKYPN.js";
import "./chunk-44GE43UW.js";
export {
  hostsOutput,
  run,
  sshRun
};
//# sourceMappingURL=main-HLOT7PSW.js.map
