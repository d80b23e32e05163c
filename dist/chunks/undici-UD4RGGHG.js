import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  require_undici
} from "./chunk-YFCRIUPG.js";
import "./chunk-KVN67TDL.js";
export default require_undici();
//# sourceMappingURL=undici-UD4RGGHG.js.map
