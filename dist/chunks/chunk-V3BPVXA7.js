import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);

// packages/ssh/src/quote.ts
function shellQuote(arg) {
  if (arg.includes("\0")) throw new Error("An argument for a remote command contains a NUL byte");
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
function commandLine(argv) {
  if (argv.length === 0) throw new Error("Empty remote command");
  return argv.map(shellQuote).join(" ");
}
function scriptArgv(name, script, args = []) {
  return ["sh", "-c", script, name, ...args];
}

export {
  commandLine,
  scriptArgv
};
//# sourceMappingURL=chunk-V3BPVXA7.js.map
