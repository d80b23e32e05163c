import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  spawn
} from "./chunk-46KUD6QG.js";
import {
  StringDecoder
} from "./chunk-33M3YSFO.js";
import {
  CancelledError
} from "./chunk-4YTAKGCH.js";

// packages/core/src/exec.ts
var KEEP = 1024 * 1024;
var localExec = (argv, options = {}) => new Promise((resolve, reject) => {
  if (options.signal?.aborted) {
    reject(new CancelledError());
    return;
  }
  const [command = "", ...args] = argv;
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ["pipe", "pipe", "pipe"]
  });
  let stdout = "";
  let stderr = "";
  const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  const collect = (stream) => (chunk) => {
    const text = decoders[stream].write(chunk);
    if (stream === "stdout") stdout = (stdout + text).slice(-KEEP);
    else stderr = (stderr + text).slice(-KEEP);
    options.onOutput?.(text, stream);
  };
  child.stdout.on("data", collect("stdout"));
  child.stderr.on("data", collect("stderr"));
  const kill = () => {
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 2e3).unref();
  };
  const timer = options.timeoutMs ? setTimeout(kill, options.timeoutMs) : void 0;
  options.signal?.addEventListener("abort", kill, { once: true });
  child.on("error", (error) => {
    if (timer) clearTimeout(timer);
    reject(error);
  });
  child.on("close", (code, signal) => {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener("abort", kill);
    if (options.signal?.aborted) reject(new CancelledError());
    else resolve({ code, signal, stdout, stderr });
  });
  child.stdin.on("error", () => void 0);
  child.stdin.end(options.stdin ?? "");
});

export {
  localExec
};
//# sourceMappingURL=chunk-7HPFKMMW.js.map
