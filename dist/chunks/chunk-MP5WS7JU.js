import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);

// packages/core/src/logger.ts
function lineEcho(logger, intervalMs = 200, prefix = "") {
  let buffer = "";
  let timer;
  const flush = (all) => {
    timer = void 0;
    const cut = all ? buffer.length : buffer.lastIndexOf("\n") + 1;
    if (cut === 0) return;
    const text = buffer.slice(0, cut).replace(/\n$/, "");
    buffer = buffer.slice(cut);
    logger.untrusted(prefix ? text.replace(/^/gm, prefix) : text);
  };
  return {
    write(text) {
      buffer += text;
      timer ??= setTimeout(() => flush(false), intervalMs);
    },
    end() {
      if (timer) clearTimeout(timer);
      flush(true);
    }
  };
}

export {
  lineEcho
};
//# sourceMappingURL=chunk-MP5WS7JU.js.map
