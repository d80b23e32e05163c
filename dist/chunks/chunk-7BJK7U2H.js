import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:path
var m = __require("node:path");
var resolve = m.resolve;
var normalize = m.normalize;
var isAbsolute = m.isAbsolute;
var join = m.join;
var relative = m.relative;
var toNamespacedPath = m.toNamespacedPath;
var dirname = m.dirname;
var basename = m.basename;
var extname = m.extname;
var format = m.format;
var parse = m.parse;
var matchesGlob = m.matchesGlob;
var sep = m.sep;
var delimiter = m.delimiter;
var win32 = m.win32;
var posix = m.posix;
var _makeLong = m._makeLong;

export {
  resolve,
  isAbsolute,
  join,
  relative,
  dirname,
  basename
};
//# sourceMappingURL=chunk-7BJK7U2H.js.map
