import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  fileSlug,
  run,
  trivyScan
} from "./chunk-OYL6ASOQ.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-3MATCT7G.js";
import "./chunk-WZXCNAIN.js";
export {
  fileSlug,
  run,
  trivyScan
};
//# sourceMappingURL=main-ZRNUHQDQ.js.map
