import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  dbBackup,
  run
} from "./chunk-R7HDIKRO.js";
import "./chunk-XDTEMV7W.js";
import "./chunk-3MATCT7G.js";
import "./chunk-WZXCNAIN.js";
export {
  dbBackup,
  run
};
//# sourceMappingURL=main-G36NFAV2.js.map
