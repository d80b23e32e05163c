import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:stream
var m = __require("node:stream");
var length = m.length;
var name = m.name;
var prototype = m.prototype;
var isDestroyed = m.isDestroyed;
var isDisturbed = m.isDisturbed;
var isErrored = m.isErrored;
var isReadable = m.isReadable;
var isWritable = m.isWritable;
var Readable = m.Readable;
var Writable = m.Writable;
var Duplex = m.Duplex;
var Transform = m.Transform;
var PassThrough = m.PassThrough;
var duplexPair = m.duplexPair;
var pipeline = m.pipeline;
var addAbortSignal = m.addAbortSignal;
var finished = m.finished;
var destroy = m.destroy;
var compose = m.compose;
var setDefaultHighWaterMark = m.setDefaultHighWaterMark;
var getDefaultHighWaterMark = m.getDefaultHighWaterMark;
var Stream = m.Stream;
var _isArrayBufferView = m._isArrayBufferView;
var _isUint8Array = m._isUint8Array;
var _uint8ArrayToBuffer = m._uint8ArrayToBuffer;

export {
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough
};
//# sourceMappingURL=chunk-64E243HZ.js.map
