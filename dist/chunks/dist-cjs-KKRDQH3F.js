import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  require_dist_cjs
} from "./chunk-RC2PGDX3.js";
import "./chunk-2OGZIP2U.js";
import "./chunk-KVN67TDL.js";
export default require_dist_cjs();
//# sourceMappingURL=dist-cjs-KKRDQH3F.js.map
