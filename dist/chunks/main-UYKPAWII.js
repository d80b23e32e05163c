import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  deployAction,
  deployNotice,
  run
} from "./chunk-5NDHVKIT.js";
import "./chunk-5FNKOLHI.js";
import "./chunk-MGUX7ERZ.js";
import "./chunk-O54VXFFQ.js";
import "./chunk-46MKSHRA.js";
import "./chunk-TOOBFSFF.js";
import "./chunk-4YOJ2OHT.js";
import "./chunk-T7SGHLAT.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-UYKPAWII.js.map
