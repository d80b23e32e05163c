import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  readSshConnectionInputs
} from "./chunk-HK3VMSLK.js";

// packages/core/src/limit.ts
async function eachLimited(items, limit, failFast, work) {
  const queue = items.entries();
  let stop = false;
  const worker = async () => {
    for (let entry = queue.next(); !stop && !entry.done; entry = queue.next()) {
      const [index, item] = entry.value;
      const ok = await work(item, index);
      if (!ok && failFast) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

// packages/ssh/src/fleet-inputs.ts
function readSshInputs(read) {
  const connection = readSshConnectionInputs(read);
  const commandTimeout = read.requiredDuration("command-timeout", { minMs: 1e3, maxMs: 6 * 36e5 });
  const maxParallel = read.int("max-parallel", { min: 1, max: 1e3 });
  return {
    ...connection,
    "command-timeout": commandTimeout,
    "max-parallel": maxParallel ?? connection.hosts.length,
    "fail-fast": read.boolean("fail-fast")
  };
}

export {
  eachLimited,
  readSshInputs
};
//# sourceMappingURL=chunk-KWED25CX.js.map
