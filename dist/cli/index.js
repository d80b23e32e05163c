import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  ConfigurationError,
  ConsoleLogger,
  InputReader,
  SecretRegistry,
  loadYaml,
  runAction
} from "../chunks/chunk-4ETXKYPN.js";
import "../chunks/chunk-44GE43UW.js";

// packages/cli/src/index.ts
import { fileURLToPath } from "node:url";

// packages/cli/src/cli.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
async function loadActionYaml(root2, name) {
  const { parse } = await loadYaml();
  const dir = name === "deploy" ? "" : name;
  return parse(readFileSync(join(root2, dir, "action.yml"), "utf8"));
}
function terminalSummary(markdown) {
  const text = markdown.replace(/```mermaid\n[\s\S]*?```\n?/g, "(chart: in the GitHub job summary)\n").replace(/<br>/g, " / ").replace(/<\/?(?:details|summary)>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").trim();
  return `
\u2500\u2500 summary \u2500\u2500
${text}
`;
}
function parseFlags(args) {
  const flags = /* @__PURE__ */ new Map();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("--") || arg === "--")
      throw new ConfigurationError(
        `Unexpected argument ${JSON.stringify(arg)}: inputs are given as --name value`
      );
    const eq = arg.indexOf("=");
    let name;
    let value;
    if (eq > 2) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      const next = args[i + 1];
      if (next === void 0) throw new ConfigurationError(`Flag --${name} needs a value`);
      value = next;
      i += 1;
    }
    const previous = flags.get(name);
    flags.set(name, previous === void 0 ? value : `${previous}
${value}`);
  }
  return flags;
}
function usage(actions2) {
  return [
    "Usage: deploy-kit <action> [--<input> <value> ...]",
    "       deploy-kit <action> --help",
    "",
    `Actions: ${[...actions2.keys()].join(", ")}`,
    "Inputs and defaults are those of <action>/action.yml. Outputs are printed as name=value lines.",
    "Any input can also come from DEPLOY_KIT_<INPUT> (ssh-key: DEPLOY_KIT_SSH_KEY): use that for secrets."
  ].join("\n");
}
var TERMINAL_CONTEXT = {
  "github.token": { env: "GITHUB_TOKEN", otherwise: "" },
  "github.api_url": { env: "GITHUB_API_URL", otherwise: "https://api.github.com" }
};
var EXPRESSION = /\$\{\{\s*([\w.]+)\s*\}\}/g;
function cliDefault(value, env) {
  return value.replace(EXPRESSION, (_whole, expression) => {
    const context = TERMINAL_CONTEXT[expression];
    return context ? env[context.env] ?? context.otherwise : "";
  });
}
function defaultHelp(value) {
  const terminal = value.replace(EXPRESSION, (_whole, expression) => {
    const context = TERMINAL_CONTEXT[expression];
    return context ? `$${context.env}${context.otherwise ? ` or ${context.otherwise}` : ""}` : "''";
  });
  return terminal === value ? value : `${value}; here ${terminal}`;
}
function inputHelp(name, spec) {
  const lines = [`deploy-kit ${name}: ${spec.description ?? ""}`, "", "Inputs:"];
  for (const [input, def] of Object.entries(spec.inputs ?? {})) {
    const dflt = def.default !== void 0 && def.default !== "" ? ` (default ${defaultHelp(String(def.default))})` : "";
    lines.push(`  --${input}${def.required ? " (required)" : ""}${dflt}`, `      ${def.description ?? ""}`);
  }
  return lines.join("\n");
}
function cliEnvName(input) {
  return `DEPLOY_KIT_${input.replace(/-/g, "_").toUpperCase()}`;
}
async function cliRuntime(name, args, io2) {
  const spec = await loadActionYaml(io2.root, name);
  const declared = spec.inputs ?? {};
  const flags = parseFlags(args);
  for (const flag of flags.keys()) {
    if (!(flag in declared)) {
      throw new ConfigurationError(`Unknown input --${flag} for ${name}; see 'deploy-kit ${name} --help'`);
    }
  }
  const secrets = new SecretRegistry();
  return {
    // Flags first, then DEPLOY_KIT_<INPUT> from the environment (the way to pass a key or token
    // without putting it on the command line, where `ps` shows it), then action.yml's default.
    inputs: (input) => flags.get(input) ?? io2.env[cliEnvName(input)] ?? (declared[input]?.default === void 0 ? void 0 : cliDefault(String(declared[input].default), io2.env)),
    logger: new ConsoleLogger(secrets, io2.stderr, io2.env.DEPLOY_KIT_DEBUG === "true"),
    secrets,
    setOutput: (output, value) => io2.stdout(secrets.redact(`${output}=${value}`)),
    // The job summary, readable in a terminal: tables as they are, HTML and charts left out.
    appendSummary: (markdown) => io2.stderr(secrets.redact(terminalSummary(markdown))),
    env: io2.env
  };
}
function dryRun(definition, runtime, name) {
  if (!definition.plan)
    throw new ConfigurationError(
      `--dry-run is not supported by ${name} (deploy-ssh and deploy-swarm support it)`
    );
  const inputs = definition.readInputs(new InputReader(runtime.inputs, runtime.secrets), runtime.env);
  return { kind: "plan", text: runtime.secrets.redact(definition.plan(inputs).join("\n")) };
}
async function resolveCommand(argv, actions2, io2) {
  const [name, ...args] = argv;
  if (name === void 0 || name === "--help" || name === "-h") {
    return { kind: "help", text: usage(actions2), exitCode: name ? 0 : 2 };
  }
  const load = actions2.get(name);
  if (!load)
    return { kind: "help", text: `Unknown action ${JSON.stringify(name)}

${usage(actions2)}`, exitCode: 2 };
  if (args.includes("--help") || args.includes("-h")) {
    return { kind: "help", text: inputHelp(name, await loadActionYaml(io2.root, name)), exitCode: 0 };
  }
  const dry = args.includes("--dry-run");
  const definition = await load();
  const runtime = await cliRuntime(
    name,
    args.filter((a) => a !== "--dry-run"),
    io2
  );
  if (dry) return dryRun(definition, runtime, name);
  return { kind: "run", definition, runtime };
}

// packages/cli/src/index.ts
var actions = /* @__PURE__ */ new Map([
  ["health-gate", async () => (await import("../chunks/main-NRO7QWOM.js")).healthGate],
  ["deploy-ssh", async () => (await import("../chunks/main-3W3I2OMF.js")).deploySsh],
  ["deploy-swarm", async () => (await import("../chunks/main-NPOSSL6Z.js")).deploySwarm],
  ["rollback", async () => (await import("../chunks/main-B33EA3PV.js")).rollback],
  ["slack-notify", async () => (await import("../chunks/main-MNQ7PXT6.js")).slackNotify],
  ["deploy", async () => (await import("../chunks/main-EFJGL6LO.js")).deployAction],
  ["build-image", async () => (await import("../chunks/main-BZGVVOOK.js")).buildImage],
  ["trivy-scan", async () => (await import("../chunks/main-4U5G45A7.js")).trivyScan],
  ["version-tag", async () => (await import("../chunks/main-CSV7S5CS.js")).versionTag],
  ["ssh-run", async () => (await import("../chunks/main-HLOT7PSW.js")).sshRun],
  ["db-backup", async () => (await import("../chunks/main-EUW7EJNT.js")).dbBackup]
]);
var root = fileURLToPath(new URL("../../", import.meta.url));
var io = {
  stdout: (line) => process.stdout.write(`${line}
`),
  stderr: (line) => process.stderr.write(`${line}
`),
  env: process.env,
  root
};
try {
  const command = await resolveCommand(process.argv.slice(2), actions, io);
  if (command.kind === "help") {
    io.stderr(command.text);
    process.exit(command.exitCode);
  }
  if (command.kind === "plan") {
    io.stdout(command.text);
    process.exit(0);
  }
  await runAction(command.definition, command.runtime);
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  io.stderr(`error: ${error.message}`);
  process.exit(1);
}
//# sourceMappingURL=index.js.map
