import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildSummary,
  healthGate,
  run
} from "./chunk-LFRMMJ6X.js";
import "./chunk-MYMDNNEU.js";
import "./chunk-2LXKV5NM.js";
import "./chunk-T7SGHLAT.js";
export {
  buildSummary,
  healthGate,
  run
};
//# sourceMappingURL=main-75NUENXJ.js.map
