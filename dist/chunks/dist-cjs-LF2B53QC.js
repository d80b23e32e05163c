import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  require_dist_cjs
} from "./chunk-UPQYDBG4.js";
import "./chunk-MU2OAWQT.js";
import "./chunk-WZXCNAIN.js";
export default require_dist_cjs();
//# sourceMappingURL=dist-cjs-LF2B53QC.js.map
