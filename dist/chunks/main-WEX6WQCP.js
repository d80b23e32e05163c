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
} from "./chunk-M34OAKDW.js";
import "./chunk-BAHJE2I5.js";
import "./chunk-YB7HLBOR.js";
import "./chunk-WOLP4D3T.js";
import "./chunk-FQBGHF2V.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-W6NXZ3DR.js";
import "./chunk-E2F63VLZ.js";
export {
  deployAction,
  deployNotice,
  run
};
//# sourceMappingURL=main-WEX6WQCP.js.map
