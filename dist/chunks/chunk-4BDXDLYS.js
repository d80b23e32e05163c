import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  createHash
} from "./chunk-4FENUKYM.js";

// packages/core/src/hash.ts
async function sha256Of(stream) {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest("hex");
}

export {
  sha256Of
};
//# sourceMappingURL=chunk-4BDXDLYS.js.map
