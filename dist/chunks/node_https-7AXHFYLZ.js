import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:https
var m = __require("node:https");
var node_https_default = m;
var Agent = m.Agent;
var globalAgent = m.globalAgent;
var Server = m.Server;
var createServer = m.createServer;
var get = m.get;
var request = m.request;
export {
  Agent,
  Server,
  createServer,
  node_https_default as default,
  get,
  globalAgent,
  request
};
//# sourceMappingURL=node_https-7AXHFYLZ.js.map
