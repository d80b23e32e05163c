import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  dbBackup,
  run
} from "./chunk-EZOM2VRM.js";
import "./chunk-ZXF2BBUD.js";
import "./chunk-XQ2C46RI.js";
import "./chunk-WZXCNAIN.js";
export {
  dbBackup,
  run
};
//# sourceMappingURL=main-GIPSKD7S.js.map
