import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  deployAction,
  deployNotice,
  run
} from "./chunk-4NQIF4WL.js";
import "./chunk-UMZWQN7N.js";
import "./chunk-XP36FDHU.js";
import "./chunk-CXVBHUFG.js";
import "./chunk-MWEWEZXK.js";
import "./chunk-I3HFYHVG.js";
import "./chunk-UTT5LDS6.js";
import "./chunk-O2Y42EOP.js";
import "./chunk-44GE43UW.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-T6YAOFG6.js.map
