import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:zlib
var m = __require("node:zlib");
var crc32 = m.crc32;
var Deflate = m.Deflate;
var Inflate = m.Inflate;
var Gzip = m.Gzip;
var Gunzip = m.Gunzip;
var DeflateRaw = m.DeflateRaw;
var InflateRaw = m.InflateRaw;
var Unzip = m.Unzip;
var BrotliCompress = m.BrotliCompress;
var BrotliDecompress = m.BrotliDecompress;
var deflate = m.deflate;
var deflateSync = m.deflateSync;
var gzip = m.gzip;
var gzipSync = m.gzipSync;
var deflateRaw = m.deflateRaw;
var deflateRawSync = m.deflateRawSync;
var unzip = m.unzip;
var unzipSync = m.unzipSync;
var inflate = m.inflate;
var inflateSync = m.inflateSync;
var gunzip = m.gunzip;
var gunzipSync = m.gunzipSync;
var inflateRaw = m.inflateRaw;
var inflateRawSync = m.inflateRawSync;
var brotliCompress = m.brotliCompress;
var brotliCompressSync = m.brotliCompressSync;
var brotliDecompress = m.brotliDecompress;
var brotliDecompressSync = m.brotliDecompressSync;
var createDeflate = m.createDeflate;
var createInflate = m.createInflate;
var createDeflateRaw = m.createDeflateRaw;
var createInflateRaw = m.createInflateRaw;
var createGzip = m.createGzip;
var createGunzip = m.createGunzip;
var createUnzip = m.createUnzip;
var createBrotliCompress = m.createBrotliCompress;
var createBrotliDecompress = m.createBrotliDecompress;
var constants = m.constants;
var codes = m.codes;
var Z_NO_FLUSH = m.Z_NO_FLUSH;
var Z_PARTIAL_FLUSH = m.Z_PARTIAL_FLUSH;
var Z_SYNC_FLUSH = m.Z_SYNC_FLUSH;
var Z_FULL_FLUSH = m.Z_FULL_FLUSH;
var Z_FINISH = m.Z_FINISH;
var Z_BLOCK = m.Z_BLOCK;
var Z_OK = m.Z_OK;
var Z_STREAM_END = m.Z_STREAM_END;
var Z_NEED_DICT = m.Z_NEED_DICT;
var Z_ERRNO = m.Z_ERRNO;
var Z_STREAM_ERROR = m.Z_STREAM_ERROR;
var Z_DATA_ERROR = m.Z_DATA_ERROR;
var Z_MEM_ERROR = m.Z_MEM_ERROR;
var Z_BUF_ERROR = m.Z_BUF_ERROR;
var Z_VERSION_ERROR = m.Z_VERSION_ERROR;
var Z_NO_COMPRESSION = m.Z_NO_COMPRESSION;
var Z_BEST_SPEED = m.Z_BEST_SPEED;
var Z_BEST_COMPRESSION = m.Z_BEST_COMPRESSION;
var Z_DEFAULT_COMPRESSION = m.Z_DEFAULT_COMPRESSION;
var Z_FILTERED = m.Z_FILTERED;
var Z_HUFFMAN_ONLY = m.Z_HUFFMAN_ONLY;
var Z_RLE = m.Z_RLE;
var Z_FIXED = m.Z_FIXED;
var Z_DEFAULT_STRATEGY = m.Z_DEFAULT_STRATEGY;
var ZLIB_VERNUM = m.ZLIB_VERNUM;
var DEFLATE = m.DEFLATE;
var INFLATE = m.INFLATE;
var GZIP = m.GZIP;
var GUNZIP = m.GUNZIP;
var DEFLATERAW = m.DEFLATERAW;
var INFLATERAW = m.INFLATERAW;
var UNZIP = m.UNZIP;
var Z_MIN_WINDOWBITS = m.Z_MIN_WINDOWBITS;
var Z_MAX_WINDOWBITS = m.Z_MAX_WINDOWBITS;
var Z_DEFAULT_WINDOWBITS = m.Z_DEFAULT_WINDOWBITS;
var Z_MIN_CHUNK = m.Z_MIN_CHUNK;
var Z_MAX_CHUNK = m.Z_MAX_CHUNK;
var Z_DEFAULT_CHUNK = m.Z_DEFAULT_CHUNK;
var Z_MIN_MEMLEVEL = m.Z_MIN_MEMLEVEL;
var Z_MAX_MEMLEVEL = m.Z_MAX_MEMLEVEL;
var Z_DEFAULT_MEMLEVEL = m.Z_DEFAULT_MEMLEVEL;
var Z_MIN_LEVEL = m.Z_MIN_LEVEL;
var Z_MAX_LEVEL = m.Z_MAX_LEVEL;
var Z_DEFAULT_LEVEL = m.Z_DEFAULT_LEVEL;

export {
  crc32,
  deflateRaw,
  createGzip,
  createGunzip,
  constants
};
//# sourceMappingURL=chunk-7XI47VG2.js.map
