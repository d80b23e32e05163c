import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildImage,
  run
} from "./chunk-VDEJCQZN.js";
import "./chunk-TOOBFSFF.js";
import "./chunk-4YOJ2OHT.js";
import "./chunk-T7SGHLAT.js";
export {
  buildImage,
  run
};
//# sourceMappingURL=main-H2DPVOVG.js.map
