import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:os
var m = __require("node:os");
var arch = m.arch;
var availableParallelism = m.availableParallelism;
var cpus = m.cpus;
var endianness = m.endianness;
var freemem = m.freemem;
var getPriority = m.getPriority;
var homedir = m.homedir;
var hostname = m.hostname;
var loadavg = m.loadavg;
var networkInterfaces = m.networkInterfaces;
var platform = m.platform;
var release = m.release;
var setPriority = m.setPriority;
var tmpdir = m.tmpdir;
var totalmem = m.totalmem;
var type = m.type;
var userInfo = m.userInfo;
var uptime = m.uptime;
var version = m.version;
var machine = m.machine;
var constants = m.constants;
var EOL = m.EOL;
var devNull = m.devNull;

export {
  availableParallelism,
  homedir,
  tmpdir
};
//# sourceMappingURL=chunk-PO4T6QVY.js.map
