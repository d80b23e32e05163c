import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:child_process
var m = __require("node:child_process");
var _forkChild = m._forkChild;
var ChildProcess = m.ChildProcess;
var exec = m.exec;
var execFile = m.execFile;
var execFileSync = m.execFileSync;
var execSync = m.execSync;
var fork = m.fork;
var spawn = m.spawn;
var spawnSync = m.spawnSync;

export {
  execFile,
  spawn
};
//# sourceMappingURL=chunk-46KUD6QG.js.map
