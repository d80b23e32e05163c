import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:fs
var m = __require("node:fs");
var appendFile = m.appendFile;
var appendFileSync = m.appendFileSync;
var access = m.access;
var accessSync = m.accessSync;
var chown = m.chown;
var chownSync = m.chownSync;
var chmod = m.chmod;
var chmodSync = m.chmodSync;
var close = m.close;
var closeSync = m.closeSync;
var copyFile = m.copyFile;
var copyFileSync = m.copyFileSync;
var cp = m.cp;
var cpSync = m.cpSync;
var createReadStream = m.createReadStream;
var createWriteStream = m.createWriteStream;
var exists = m.exists;
var existsSync = m.existsSync;
var fchown = m.fchown;
var fchownSync = m.fchownSync;
var fchmod = m.fchmod;
var fchmodSync = m.fchmodSync;
var fdatasync = m.fdatasync;
var fdatasyncSync = m.fdatasyncSync;
var fstat = m.fstat;
var fstatSync = m.fstatSync;
var fsync = m.fsync;
var fsyncSync = m.fsyncSync;
var ftruncate = m.ftruncate;
var ftruncateSync = m.ftruncateSync;
var futimes = m.futimes;
var futimesSync = m.futimesSync;
var lchown = m.lchown;
var lchownSync = m.lchownSync;
var lchmod = m.lchmod;
var lchmodSync = m.lchmodSync;
var link = m.link;
var linkSync = m.linkSync;
var lstat = m.lstat;
var lstatSync = m.lstatSync;
var lutimes = m.lutimes;
var lutimesSync = m.lutimesSync;
var mkdir = m.mkdir;
var mkdirSync = m.mkdirSync;
var mkdtemp = m.mkdtemp;
var mkdtempSync = m.mkdtempSync;
var open = m.open;
var openSync = m.openSync;
var openAsBlob = m.openAsBlob;
var readdir = m.readdir;
var readdirSync = m.readdirSync;
var read = m.read;
var readSync = m.readSync;
var readv = m.readv;
var readvSync = m.readvSync;
var readFile = m.readFile;
var readFileSync = m.readFileSync;
var readlink = m.readlink;
var readlinkSync = m.readlinkSync;
var realpath = m.realpath;
var realpathSync = m.realpathSync;
var rename = m.rename;
var renameSync = m.renameSync;
var rm = m.rm;
var rmSync = m.rmSync;
var rmdir = m.rmdir;
var rmdirSync = m.rmdirSync;
var stat = m.stat;
var statfs = m.statfs;
var statSync = m.statSync;
var statfsSync = m.statfsSync;
var symlink = m.symlink;
var symlinkSync = m.symlinkSync;
var truncate = m.truncate;
var truncateSync = m.truncateSync;
var unwatchFile = m.unwatchFile;
var unlink = m.unlink;
var unlinkSync = m.unlinkSync;
var utimes = m.utimes;
var utimesSync = m.utimesSync;
var watch = m.watch;
var watchFile = m.watchFile;
var writeFile = m.writeFile;
var writeFileSync = m.writeFileSync;
var write = m.write;
var writeSync = m.writeSync;
var writev = m.writev;
var writevSync = m.writevSync;
var Dirent = m.Dirent;
var Stats = m.Stats;
var _toUnixTimestamp = m._toUnixTimestamp;
var Dir = m.Dir;
var opendir = m.opendir;
var opendirSync = m.opendirSync;
var F_OK = m.F_OK;
var R_OK = m.R_OK;
var W_OK = m.W_OK;
var X_OK = m.X_OK;
var constants = m.constants;

export {
  chmodSync,
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  constants
};
//# sourceMappingURL=chunk-KEZBYRRG.js.map
