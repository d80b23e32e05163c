import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  chmod,
  mkdir,
  mkdtemp,
  promisify,
  rename,
  rm,
  stat
} from "../chunks/chunk-IRVY53NY.js";
import {
  sha256Of
} from "../chunks/chunk-4BDXDLYS.js";
import {
  eachLimited,
  readSshInputs
} from "../chunks/chunk-KWED25CX.js";
import {
  pipeline
} from "../chunks/chunk-ET4UPRW3.js";
import {
  tmpdir
} from "../chunks/chunk-PO4T6QVY.js";
import {
  execFile
} from "../chunks/chunk-46KUD6QG.js";
import {
  ENTER_TOOL,
  runScript
} from "../chunks/chunk-EYRIIDT7.js";
import {
  lineEcho
} from "../chunks/chunk-MP5WS7JU.js";
import {
  Transform
} from "../chunks/chunk-QAPLTP4I.js";
import {
  assertTrustedEvent
} from "../chunks/chunk-UYDZ6KH6.js";
import {
  SshError,
  formatTarget,
  sshConnector
} from "../chunks/chunk-HK3VMSLK.js";
import {
  scriptArgv
} from "../chunks/chunk-V3BPVXA7.js";
import {
  createHash
} from "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative,
  resolve
} from "../chunks/chunk-7BJK7U2H.js";
import {
  createReadStream,
  createWriteStream,
  statSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  CancelledError,
  ConfigurationError,
  Summary,
  errorMessage,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/ssh/src/transfer.ts
var execFileAsync = promisify(execFile);
var ENTER = `${ENTER_TOOL}dk_enter "$1" "$2" || exit 125
case $3 in /*) p=$3 ;; *) p=./$3 ;; esac
`;
var UPLOAD_SCRIPT = `set -eu
${ENTER}parent=$(dirname "$p")
mkdir -p "$parent"
tmp=$(mktemp "$parent/.dk-upload.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"
sum=$(sha256sum < "$tmp")
sum=\${sum%% *}
if [ "$sum" != "$4" ]; then echo "deploy-kit: checksum mismatch for $3: sent $4, received $sum" >&2; exit 3; fi
if [ "$5" = dir ]; then
  mkdir -p "$p"
  tar -xf "$tmp" -C "$p"
else
  chmod "$6" "$tmp"
  mv -f "$tmp" "$p"
fi`;
var DOWNLOAD_SCRIPT = `set -eu
${ENTER}if [ -d "$p" ]; then
  tmp=$(mktemp "\${TMPDIR:-/tmp}/dk-download.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  tar -cf "$tmp" -C "$p" .
  cat "$tmp"
  sum=$(sha256sum < "$tmp")
  echo "dk-sum dir \${sum%% *}" >&2
elif [ -f "$p" ]; then
  cat "$p"
  sum=$(sha256sum < "$p")
  echo "dk-sum file \${sum%% *}" >&2
else
  echo "deploy-kit: $3 is not a file or directory on the host" >&2
  exit 3
fi`;
function lastLine(text) {
  return text.trim().split("\n").pop() ?? "";
}
async function upload(conn, pair, options) {
  const info = await stat(pair.local);
  const staging = info.isDirectory() ? await mkdtemp(join(tmpdir(), "dk-upload-")) : void 0;
  try {
    const source = staging ? join(staging, "tree.tar") : pair.local;
    if (staging) await execFileAsync("tar", ["-cf", source, "-C", pair.local, "."]);
    const sum = await sha256Of(createReadStream(source));
    const size = (await stat(source)).size;
    const mode = (info.mode & 4095).toString(8);
    const result = await conn.exec(
      scriptArgv("dk-upload", UPLOAD_SCRIPT, [
        options.workingDirectory,
        "create",
        pair.remote,
        sum,
        staging ? "dir" : "file",
        mode
      ]),
      { stdin: createReadStream(source), timeoutMs: options.timeoutMs, signal: options.signal }
    );
    if (result.code !== 0)
      throw new ActionFailedError(
        `upload ${pair.local} \u2192 ${pair.remote} failed (exit ${result.code ?? result.signal ?? "?"}): ${lastLine(result.stderr)}`
      );
    return size;
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}
async function download(conn, pair, options) {
  await mkdir(dirname(pair.local), { recursive: true });
  const staging = await mkdtemp(join(dirname(pair.local), ".dk-download-"));
  try {
    const received = join(staging, "data");
    const hash = createHash("sha256");
    let size = 0;
    const sink = createWriteStream(received);
    const counting = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      }
    });
    const written = pipeline(counting, sink);
    const result = await conn.exec(
      scriptArgv("dk-download", DOWNLOAD_SCRIPT, [options.workingDirectory, "keep", pair.remote]),
      {
        stdout: counting,
        timeoutMs: options.timeoutMs,
        signal: options.signal
      }
    );
    await written;
    const marker = /^dk-sum (file|dir) ([0-9a-f]{64})$/.exec(lastLine(result.stderr));
    if (result.code !== 0 || !marker)
      throw new ActionFailedError(
        `download ${pair.remote} \u2192 ${pair.local} failed (exit ${result.code ?? result.signal ?? "?"}): ${lastLine(result.stderr)}`
      );
    const sum = hash.digest("hex");
    if (sum !== marker[2])
      throw new ActionFailedError(
        `download ${pair.remote} \u2192 ${pair.local}: checksum mismatch (host ${marker[2] ?? "?"}, received ${sum})`
      );
    if (marker[1] === "dir") {
      await mkdir(pair.local, { recursive: true });
      await execFileAsync("tar", ["-xf", received, "-C", pair.local]);
    } else {
      await chmod(received, 420);
      await rename(received, pair.local);
    }
    return size;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

// actions/ssh-run/inputs.ts
var SHELLS = ["sh", "bash"];
var MIB = 1024 * 1024;
var SIZE = /^(\d+)\s*(B|K|KB|KiB|M|MB|MiB)?$/i;
var SIZE_FORM = "a size in bytes, or with K/KiB or M/MiB (1MiB at most)";
var PATH_FORM = "a path without control characters, .. segments or a leading -";
var PAIR_FORM = `local:remote lines, each side ${PATH_FORM}`;
function checkPath(input, path, whole, form = PATH_FORM) {
  const bad = path === "" || // Control characters (a newline would end a line of the remote protocol or the log).
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f]/.test(path) || path.startsWith("-") || path.split("/").includes("..");
  if (bad) throw new ConfigurationError(messages.invalidInput(input, form, whole));
  return path;
}
function parsePairs(name, text = "") {
  const pairs = [];
  for (const line of text.split(/\r?\n/)) {
    const item = line.trim();
    if (item === "") continue;
    const drive = /^[A-Za-z]:[\\/]/.test(item) ? 2 : 0;
    const colon = item.indexOf(":", drive);
    if (colon < 0) throw new ConfigurationError(messages.invalidInput(name, PAIR_FORM, item));
    pairs.push({
      local: checkPath(name, item.slice(0, colon).trim(), item, PAIR_FORM),
      remote: checkPath(name, item.slice(colon + 1).trim(), item, PAIR_FORM)
    });
  }
  return pairs;
}
function parseSize(name, text) {
  const match = SIZE.exec(text);
  const unit = (match?.[2] ?? "B").toUpperCase();
  const bytes = Number(match?.[1] ?? NaN) * (unit.startsWith("M") ? MIB : unit.startsWith("K") ? 1024 : 1);
  if (!match || !Number.isSafeInteger(bytes) || bytes > MIB)
    throw new ConfigurationError(messages.invalidInput(name, SIZE_FORM, text));
  return bytes;
}
function readInputs(read) {
  const ssh = readSshInputs(read);
  const env = read.keyValues("env", { secret: true, multiline: true });
  const script = read.string("script", { raw: true }) ?? "";
  const upload2 = parsePairs("upload", read.string("upload", { raw: true }));
  const download2 = parsePairs("download", read.string("download", { raw: true }));
  if (script.trim() === "" && upload2.length === 0 && download2.length === 0)
    throw new ConfigurationError(
      messages.requiredInput("script", "the commands to run (or at least one 'upload' or 'download' pair)")
    );
  const directory = read.string("working-directory") ?? "";
  return {
    ...ssh,
    script,
    "script-stop": read.boolean("script-stop"),
    shell: read.enum("shell", SHELLS),
    "working-directory": directory === "" ? "" : checkPath("working-directory", directory, directory),
    env,
    upload: upload2,
    download: download2,
    "capture-limit": parseSize(
      "capture-limit",
      read.string("capture-limit", { required: true, accepted: SIZE_FORM })
    ),
    "allow-untrusted-event": read.boolean("allow-untrusted-event")
  };
}

// actions/ssh-run/main.ts
var TAIL = 1024;
function localPairs(pairs, input, workspace) {
  return pairs.map((pair) => {
    const local = resolve(workspace, pair.local);
    const outside = relative(workspace, local).startsWith("..");
    if (!isAbsolute(pair.local) && outside)
      throw new ConfigurationError(
        messages.invalidInput(input, "a local path inside the workspace, or an absolute one", pair.local)
      );
    return { local, remote: pair.remote };
  });
}
function hostDir(target) {
  return formatTarget(target).replace(/[^A-Za-z0-9._-]/g, "_");
}
function capture(limit) {
  const chunks = [];
  let size = 0;
  let more = false;
  return {
    add(text) {
      const bytes = Buffer.from(text, "utf8");
      if (size + bytes.length > limit) more = true;
      const kept = bytes.subarray(0, Math.max(0, limit - size));
      chunks.push(kept);
      size += kept.length;
    },
    // A cut inside a multi-byte character decodes to U+FFFD; the notice says it was cut.
    text: () => Buffer.concat(chunks).toString("utf8"),
    truncated: () => more
  };
}
async function runOnHost(conn, inputs, pairs, deps, prefix) {
  const { logger } = deps;
  const transfer = {
    workingDirectory: inputs["working-directory"],
    timeoutMs: inputs["command-timeout"],
    signal: deps.signal
  };
  for (const pair of pairs.upload) {
    const bytes = await upload(conn, pair, transfer);
    logger.info(`${prefix}uploaded ${pair.local} \u2192 ${pair.remote} (${bytes} bytes, SHA-256 checked)`);
  }
  const stdout = capture(inputs["capture-limit"]);
  let code = 0;
  let signal = null;
  if (inputs.script.trim() !== "") {
    const echo = lineEcho(logger, 200, prefix);
    try {
      const result = await runScript(conn, {
        script: inputs.script,
        env: inputs.env,
        shell: inputs.shell,
        workingDirectory: inputs["working-directory"],
        stop: inputs["script-stop"],
        timeoutMs: inputs["command-timeout"],
        signal: deps.signal,
        onOutput: (text, stream) => {
          if (stream === "stdout") stdout.add(text);
          echo.write(text);
        }
      });
      code = result.code;
      signal = result.signal ?? null;
    } finally {
      echo.end();
    }
  }
  const base = { exitCode: code, signal, stdout: stdout.text(), truncated: stdout.truncated() };
  if (code !== 0)
    return {
      ...base,
      status: "failed",
      error: signal ? `the script was killed by SIG${signal}` : `the script exited with ${code ?? "?"}`
    };
  for (const pair of pairs.download) {
    const bytes = await download(conn, pair, transfer);
    logger.info(`${prefix}downloaded ${pair.remote} \u2192 ${pair.local} (${bytes} bytes, SHA-256 checked)`);
  }
  return { ...base, status: "ok", error: null };
}
function hostsOutput(runs) {
  return JSON.stringify(
    runs.map((r) => ({
      host: r.host,
      status: r.status,
      exitCode: r.exitCode,
      signal: r.signal,
      durationMs: r.durationMs,
      stdoutTail: r.stdout.slice(-TAIL),
      error: r.error
    }))
  );
}
function buildSummary(runs, ok) {
  return new Summary().heading(
    `ssh-run: ${ok ? "\u2705 succeeded" : "\u274C failed"} on ${runs.filter((r) => r.status === "ok").length}/${runs.length} host(s)`
  ).table(
    ["host", "status", "exit code", "duration", "last line of stdout", "error"],
    runs.map((r) => [
      r.host,
      r.status,
      r.exitCode ?? (r.signal ? `SIG${r.signal}` : ""),
      `${(r.durationMs / 1e3).toFixed(1)}s`,
      r.stdout.trimEnd().split("\n").pop() ?? "",
      r.error ?? ""
    ])
  );
}
async function run(inputs, deps) {
  const { logger, clock } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  const workspace = deps.env.GITHUB_WORKSPACE ?? process.cwd();
  const uploads = localPairs(inputs.upload, "upload", workspace);
  const downloads = localPairs(inputs.download, "download", workspace);
  for (const pair of uploads) {
    try {
      statSync(pair.local);
    } catch {
      throw new ConfigurationError(`Input 'upload': ${pair.local} does not exist on the runner`);
    }
  }
  const connectTo = sshConnector(inputs, deps);
  const several = inputs.hosts.length > 1;
  const runs = inputs.hosts.map((target) => ({
    host: formatTarget(target),
    status: "skipped",
    exitCode: null,
    signal: null,
    durationMs: 0,
    stdout: "",
    truncated: false,
    error: null
  }));
  await eachLimited(inputs.hosts, inputs["max-parallel"], inputs["fail-fast"], async (target, index) => {
    const started = clock.now();
    const label = formatTarget(target);
    const prefix = several ? `[${label}] ` : "";
    const perHost = several ? downloads.map((p) => ({
      local: join(p.local, hostDir(target), basename(p.remote)),
      remote: p.remote
    })) : downloads;
    let conn;
    let outcome;
    try {
      conn = await connectTo(target);
      outcome = await runOnHost(conn, inputs, { upload: uploads, download: perHost }, deps, prefix);
    } catch (error) {
      if (error instanceof CancelledError || deps.signal.aborted) throw error;
      const timedOut = error instanceof SshError && error.kind === "timeout" && conn !== void 0;
      outcome = {
        status: timedOut ? "timeout" : "failed",
        exitCode: null,
        signal: null,
        stdout: "",
        truncated: false,
        error: timedOut ? `timed out after ${Math.round(inputs["command-timeout"] / 1e3)}s (command-timeout); its processes were stopped` : errorMessage(error)
      };
    } finally {
      conn?.close();
    }
    const result = { host: label, durationMs: clock.now() - started, ...outcome };
    runs[index] = result;
    if (result.status !== "ok") logger.error(`${label}: ${result.error ?? result.status}`);
    return result.status === "ok";
  });
  const ok = runs.every((r) => r.status === "ok");
  const first = runs.find((r) => r.status !== "ok" && r.exitCode !== null && r.exitCode !== 0);
  const single = runs.length === 1 ? runs[0] : void 0;
  deps.setOutput("stdout", single?.stdout ?? "");
  deps.setOutput("exit-code", first?.exitCode ?? (ok ? 0 : ""));
  deps.setOutput("hosts", hostsOutput(runs));
  deps.writeSummary(buildSummary(runs, ok));
  const cut = runs.find((r) => r.truncated);
  if (cut)
    logger.warning(
      `The stdout of ${cut.host} was longer than capture-limit (${inputs["capture-limit"]} bytes): the 'stdout' output holds its start`
    );
  if (!ok) {
    const failed = runs.filter((r) => r.status !== "ok");
    throw new ActionFailedError(
      `ssh-run failed on ${failed.length} of ${runs.length} host(s): ` + failed.map((r) => `${r.host} (${r.error ?? r.status})`).join("; ")
    );
  }
  logger.info(`Ran on ${runs.length} host(s)`);
  return runs;
}
var sshRun = {
  name: "ssh-run",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, ctx);
  }
};
export {
  hostsOutput,
  run,
  sshRun
};
//# sourceMappingURL=main.js.map
