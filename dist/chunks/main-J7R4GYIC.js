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
} from "./chunk-2JDDXMVG.js";
import "./chunk-3MATCT7G.js";
import "./chunk-WZXCNAIN.js";
export {
  pushedUpToDate,
  run,
  updateVersionFiles,
  versionTag
};
//# sourceMappingURL=main-J7R4GYIC.js.map
