import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:stream/promises
var m = __require("node:stream/promises");
var finished = m.finished;
var pipeline = m.pipeline;

export {
  finished,
  pipeline
};
//# sourceMappingURL=chunk-ET4UPRW3.js.map
