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
} from "./chunk-BWUITJLS.js";
import "./chunk-7RE4T5BC.js";
import "./chunk-YB7HLBOR.js";
import "./chunk-6YZHAXC5.js";
import "./chunk-GYO5NYOH.js";
import "./chunk-TKNBST5O.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-W6NXZ3DR.js";
import "./chunk-E2F63VLZ.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-RBMAVEOD.js.map
