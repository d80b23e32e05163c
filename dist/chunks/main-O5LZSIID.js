import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  pushedUpToDate,
  run,
  updateVersionFiles,
  versionTag
} from "./chunk-Q2ENWDAU.js";
import "./chunk-72MLZKGF.js";
import "./chunk-E2F63VLZ.js";
export {
  pushedUpToDate,
  run,
  updateVersionFiles,
  versionTag
};
//# sourceMappingURL=main-O5LZSIID.js.map
