import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:util
var m = __require("node:util");
var _errnoException = m._errnoException;
var _exceptionWithHostPort = m._exceptionWithHostPort;
var _extend = m._extend;
var callbackify = m.callbackify;
var debug = m.debug;
var debuglog = m.debuglog;
var deprecate = m.deprecate;
var format = m.format;
var styleText = m.styleText;
var formatWithOptions = m.formatWithOptions;
var getSystemErrorMap = m.getSystemErrorMap;
var getSystemErrorName = m.getSystemErrorName;
var inherits = m.inherits;
var inspect = m.inspect;
var isArray = m.isArray;
var isBoolean = m.isBoolean;
var isBuffer = m.isBuffer;
var isDeepStrictEqual = m.isDeepStrictEqual;
var isNull = m.isNull;
var isNullOrUndefined = m.isNullOrUndefined;
var isNumber = m.isNumber;
var isString = m.isString;
var isSymbol = m.isSymbol;
var isUndefined = m.isUndefined;
var isRegExp = m.isRegExp;
var isObject = m.isObject;
var isDate = m.isDate;
var isError = m.isError;
var isFunction = m.isFunction;
var isPrimitive = m.isPrimitive;
var log = m.log;
var promisify = m.promisify;
var stripVTControlCharacters = m.stripVTControlCharacters;
var toUSVString = m.toUSVString;
var types = m.types;
var parseEnv = m.parseEnv;

// builtin:node:fs/promises
var m2 = __require("node:fs/promises");
var access = m2.access;
var copyFile = m2.copyFile;
var cp = m2.cp;
var open = m2.open;
var opendir = m2.opendir;
var rename = m2.rename;
var truncate = m2.truncate;
var rm = m2.rm;
var rmdir = m2.rmdir;
var mkdir = m2.mkdir;
var readdir = m2.readdir;
var readlink = m2.readlink;
var symlink = m2.symlink;
var lstat = m2.lstat;
var stat = m2.stat;
var statfs = m2.statfs;
var link = m2.link;
var unlink = m2.unlink;
var chmod = m2.chmod;
var lchmod = m2.lchmod;
var lchown = m2.lchown;
var chown = m2.chown;
var utimes = m2.utimes;
var lutimes = m2.lutimes;
var realpath = m2.realpath;
var mkdtemp = m2.mkdtemp;
var writeFile = m2.writeFile;
var appendFile = m2.appendFile;
var readFile = m2.readFile;
var watch = m2.watch;
var constants = m2.constants;

export {
  promisify,
  open,
  rename,
  rm,
  mkdir,
  stat,
  chmod,
  mkdtemp
};
//# sourceMappingURL=chunk-IRVY53NY.js.map
