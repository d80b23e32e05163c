import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:string_decoder
var m = __require("node:string_decoder");
var StringDecoder = m.StringDecoder;

export {
  StringDecoder
};
//# sourceMappingURL=chunk-33M3YSFO.js.map
