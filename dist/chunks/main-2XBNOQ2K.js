import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  run,
  updateVersionFiles,
  versionTag
} from "./chunk-2Y2EVQXQ.js";
import "./chunk-W6NXZ3DR.js";
import "./chunk-E2F63VLZ.js";
export {
  run,
  updateVersionFiles,
  versionTag
};
//# sourceMappingURL=main-2XBNOQ2K.js.map
