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
} from "./chunk-SRHLBQOO.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-XQ2C46RI.js";
import "./chunk-WZXCNAIN.js";
export {
  fileSlug,
  run,
  trivyScan
};
//# sourceMappingURL=main-KHN33CCQ.js.map
