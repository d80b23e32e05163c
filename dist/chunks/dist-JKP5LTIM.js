import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  require_dist
} from "./chunk-V3MRMHUK.js";
import "./chunk-SAFEIOJR.js";
import "./chunk-KVN67TDL.js";
export default require_dist();
//# sourceMappingURL=dist-JKP5LTIM.js.map
