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
} from "./chunk-ULQHW6NU.js";
import "./chunk-ZY5BEMQY.js";
import "./chunk-4ETXKYPN.js";
import "./chunk-44GE43UW.js";
export {
  hostsOutput,
  run,
  sshRun
};
//# sourceMappingURL=main-RQ7O3TYX.js.map
