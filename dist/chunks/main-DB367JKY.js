import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  dbBackup,
  run
} from "./chunk-4FZMRKPF.js";
import "./chunk-423SUDOQ.js";
import "./chunk-72MLZKGF.js";
import "./chunk-E2F63VLZ.js";
export {
  dbBackup,
  run
};
//# sourceMappingURL=main-DB367JKY.js.map
