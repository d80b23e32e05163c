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
} from "./chunk-VRMFOVSW.js";
import "./chunk-ANM4FYNW.js";
import "./chunk-23B7H6Z7.js";
import "./chunk-ITCYVJKG.js";
import "./chunk-FIYGEWNB.js";
import "./chunk-XDTEMV7W.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-3MATCT7G.js";
import "./chunk-WZXCNAIN.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-JCRCY2M5.js.map
