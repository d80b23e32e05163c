import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  POLL_MS,
  deployStack,
  renderStack,
  repositoryOf,
  servicesOutput,
  swarmSummary
} from "../chunks/chunk-Z3UECYBA.js";
import {
  runInfo
} from "../chunks/chunk-BA7FOPEO.js";
import "../chunks/chunk-EYRIIDT7.js";
import {
  REGISTRY_HOST
} from "../chunks/chunk-DDO7YCBF.js";
import "../chunks/chunk-MP5WS7JU.js";
import "../chunks/chunk-QAPLTP4I.js";
import {
  httpProbe
} from "../chunks/chunk-XBAXORWF.js";
import "../chunks/chunk-TCGQHLN7.js";
import {
  assertTrustedEvent
} from "../chunks/chunk-UYDZ6KH6.js";
import {
  formatTarget,
  readSshConnectionInputs,
  sshConnector
} from "../chunks/chunk-HK3VMSLK.js";
import "../chunks/chunk-V3BPVXA7.js";
import "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  loadYaml
} from "../chunks/chunk-7GAFFOY6.js";
import {
  STACK,
  checkSwarmDeployPath,
  forms,
  stackForms
} from "../chunks/chunk-LKV7BFOS.js";
import {
  VERSION,
  readGateInputs
} from "../chunks/chunk-L7I5A2WB.js";
import {
  dirname,
  isAbsolute,
  relative,
  resolve
} from "../chunks/chunk-7BJK7U2H.js";
import "../chunks/chunk-62URBDRV.js";
import "../chunks/chunk-V76VFPBF.js";
import {
  formatMs,
  hasControlCharacter
} from "../chunks/chunk-LAOQIHUA.js";
import {
  existsSync,
  readFileSync,
  realpathSync,
  statSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// actions/deploy-swarm/inputs.ts
var COMPOSE_FILE_LIMIT = 1024 * 1024;
var swarmForms = {
  composeFile: "one or more compose files on the runner (relative to the workspace), each up to 1 MB",
  manifest: `a JSON file {"<name>": "<image>@sha256:\u2026"} written by build-image's manifest-name`,
  registry: "a registry host[:port]",
  username: "a registry user name without spaces"
};
function insideWorkspace(workspace, path) {
  let real;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(realpathSync(workspace), real);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
function readComposeFiles(read, workspace) {
  const items = read.list("compose-file", { accepted: swarmForms.composeFile });
  const names = items.length > 0 ? items : ["compose.yaml"];
  return names.map((name) => {
    const full = isAbsolute(name) ? name : resolve(workspace, name);
    if (hasControlCharacter(name) || name.startsWith("-") || !existsSync(full) || !statSync(full).isFile())
      throw new ConfigurationError(messages.invalidInput("compose-file", swarmForms.composeFile, name));
    if (!isAbsolute(name) && !insideWorkspace(workspace, full))
      throw new ConfigurationError(`Input 'compose-file': ${name} is outside the workspace`);
    if (statSync(full).size > COMPOSE_FILE_LIMIT)
      throw new ConfigurationError(`Input 'compose-file': ${name} is larger than 1 MB`);
    return { path: name, full, text: readFileSync(full, "utf8") };
  });
}
function readManifest(path, workspace) {
  const full = isAbsolute(path) ? path : resolve(workspace, path);
  let entries;
  try {
    entries = Object.entries(JSON.parse(readFileSync(full, "utf8")));
  } catch {
    throw new ConfigurationError(messages.invalidInput("image-manifest", swarmForms.manifest, path));
  }
  const map = /* @__PURE__ */ new Map();
  for (const [name, ref] of entries) {
    if (typeof ref !== "string" || !/^[^@\s]+@sha256:[a-f0-9]{64}$/.test(ref))
      throw new ConfigurationError(
        `Input 'image-manifest': entry ${JSON.stringify(name)} is not a reference pinned to a digest (name@sha256:\u2026)`
      );
    map.set(repositoryOf(ref), ref);
  }
  return map;
}
async function readInputs(read, env = process.env) {
  const ssh = readSshConnectionInputs(read);
  const password = read.string("registry-password", { secret: true, raw: true });
  const envPairs = read.keyValues("env", { secret: true });
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const stack = read.string("stack", { required: true, pattern: STACK, accepted: stackForms.stack });
  const sha = env.GITHUB_SHA ?? "";
  const version = read.string("version", { pattern: VERSION, accepted: forms.version }) ?? (sha ? sha.slice(0, 7) : void 0);
  if (!version)
    throw new ConfigurationError(
      messages.requiredInput(
        "version",
        `${forms.version} (default: the short commit SHA, but GITHUB_SHA is not set)`
      )
    );
  const deployPath = checkSwarmDeployPath(
    read.string("deploy-path", { required: true, accepted: stackForms.deployPath })
  );
  const registry = read.string("registry", { pattern: REGISTRY_HOST, accepted: swarmForms.registry });
  const username = read.string("registry-username", {
    pattern: /^\S{1,256}$/,
    accepted: swarmForms.username
  });
  if (username === void 0 !== (password === void 0))
    throw new ConfigurationError(
      "Inputs 'registry-username' and 'registry-password' go together: set both or neither"
    );
  if (username !== void 0 && registry === void 0)
    throw new ConfigurationError(messages.requiredInput("registry", `${swarmForms.registry}, to log in to`));
  const manifestPath = read.string("image-manifest");
  const healthUrl = read.url("health-url");
  const gate = readGateInputs(read);
  const files = readComposeFiles(read, workspace);
  const vars = new Map(envPairs);
  const { parse } = await loadYaml();
  const rendered = renderStack(
    stack,
    files.map((f) => ({ path: f.path, text: f.text })),
    (name) => vars.get(name) ?? env[name],
    (text) => parse(text, { merge: true }),
    (key, path, kind) => {
      const base = dirname(files[0]?.full ?? workspace);
      const full = isAbsolute(path) ? path : resolve(base, path);
      if (!insideWorkspace(workspace, full))
        throw new ConfigurationError(
          `Input 'compose-file': ${kind} ${key} reads ${path}, which is not a file inside the workspace`
        );
      return readFileSync(full);
    }
  );
  const rollbackOnFailure = read.boolean("rollback-on-failure");
  const onRollback = read.string("on-rollback-command");
  if (onRollback !== void 0 && !rollbackOnFailure)
    throw new ConfigurationError(
      "Input 'on-rollback-command' runs after a failed deploy re-deployed the previous version, which 'rollback-on-failure: false' turns off"
    );
  return {
    ...ssh,
    "command-timeout": read.requiredDuration("command-timeout", { minMs: 1e3 }),
    stack,
    "compose-file": files.map((f) => f.path),
    rendered,
    env: envPairs,
    version,
    manifest: manifestPath === void 0 ? /* @__PURE__ */ new Map() : readManifest(manifestPath, workspace),
    ...username !== void 0 && password !== void 0 && registry !== void 0 ? { registry: { registry, username, password } } : {},
    prune: read.boolean("prune"),
    timeout: read.requiredDuration("timeout", { minMs: 1e4, maxMs: 6 * 36e5 }),
    ...healthUrl ? { health: { enabled: true, path: healthUrl.pathname, url: healthUrl, ...gate } } : {},
    "rollback-on-failure": rollbackOnFailure,
    "lock-timeout": read.requiredDuration("lock-timeout", { maxMs: 6 * 36e5 }),
    "deploy-path": deployPath,
    "allow-untrusted-event": read.boolean("allow-untrusted-event"),
    // Each read by name (the action.yml check scans for literal reader calls).
    hooks: {
      migrate: read.string("migrate-command"),
      postSwitch: read.string("post-switch-command"),
      onFailure: read.string("on-failure-command"),
      onRollback
    }
  };
}

// actions/deploy-swarm/plan.ts
function swarmPlan(inputs) {
  const { rendered } = inputs;
  const dir = `${inputs["deploy-path"]}/stacks/${inputs.stack}`;
  const { hooks } = inputs;
  const steps = [
    `take the lock ${dir}/.deploy-kit/lock (${inputs["lock-timeout"] ? `waits up to ${formatMs(inputs["lock-timeout"])}` : "fails at once if another deploy holds it"}); read ${dir}/history.jsonl`,
    ...hooks.migrate ? [`migrate, in ${dir}, before anything is deployed: ${hooks.migrate}`] : [],
    `docker stack deploy --with-registry-auth${inputs.prune ? " --prune" : ""} ${inputs.stack}${inputs.registry ? ` (login as ${inputs.registry.username} to ${inputs.registry.registry} in a temporary config, password on stdin)` : ""}`,
    `wait until every service runs the new spec with its replicas (deadline ${formatMs(inputs.timeout)})`,
    inputs.health ? `gate ${inputs.health.url.href}` : "no health-url gate",
    ...hooks.postSwitch ? [`post-switch, in ${dir}: ${hooks.postSwitch}`] : [],
    `record ${dir}/versions/${inputs.version}.yml and history.jsonl on every reachable manager listed`
  ];
  return [
    `Plan: deploy stack ${inputs.stack} ${inputs.version} (dry run: nothing connects, nothing changes)`,
    "",
    `managers: ${inputs.hosts.map(formatTarget).join(", ")} (the first reachable manager is used)`,
    `compose files: ${inputs["compose-file"].join(", ")}${inputs.env.length ? `; variables from env: ${inputs.env.map(([k]) => k).join(", ")}` : ""}`,
    ...rendered.unset.map((name) => `warning: ${name} is not set; the compose file gets an empty string`),
    "",
    "services:",
    ...rendered.services.map(
      (s) => `  ${s.name}: ${s.image} \u2192 pinned to ${inputs.manifest.size ? "its image-manifest digest, or " : ""}the digest the manager pulls; update ${s.hostPorts ? "stop-first (publishes a host-mode port)" : "start-first"}, failure_action rollback unless set`
    ),
    ...rendered.files.map((f) => `  ${f.kind} ${f.key} \u2192 ${f.name}`),
    "",
    "On the manager:",
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
    inputs["rollback-on-failure"] ? "  on failure: re-deploy the previous recorded version of the whole stack, wait for it; the step fails" : "  on failure: the step fails; the stack is left as Swarm has it",
    ...hooks.onRollback ? [`  after a re-deploy of the previous version, in ${dir}: ${hooks.onRollback}`] : [],
    ...hooks.onFailure ? [`  after a failure, in ${dir}: ${hooks.onFailure}`] : []
  ];
}

// actions/deploy-swarm/main.ts
function swarmConfig(inputs, env) {
  return {
    stack: inputs.stack,
    version: inputs.version,
    deployPath: inputs["deploy-path"],
    manifest: inputs.manifest,
    registry: inputs.registry,
    prune: inputs.prune,
    timeoutMs: inputs.timeout,
    health: inputs.health,
    rollbackOnFailure: inputs["rollback-on-failure"],
    lockTimeoutMs: inputs["lock-timeout"],
    commandTimeoutMs: inputs["command-timeout"],
    pollMs: POLL_MS,
    run: runInfo(env),
    hooks: inputs.hooks,
    env: inputs.env
  };
}
async function run(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  for (const name of inputs.rendered.unset)
    logger.warning(
      `${name} is not set (in 'env' or the job's environment): the compose file gets an empty string`
    );
  const config = swarmConfig(inputs, deps.env);
  logger.info(
    `Deploying stack ${inputs.stack} ${inputs.version}: ${inputs.rendered.services.map((s) => s.name).join(", ")}`
  );
  const result = await deployStack(inputs.rendered, inputs.hosts, config, {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: sshConnector(inputs, deps),
    probe: deps.probe
  });
  deps.setOutput("version", inputs.version);
  deps.setOutput("previous-version", result.previous ?? "");
  deps.setOutput("rolled-back", result.rolledBack);
  deps.setOutput("services", servicesOutput(result));
  deps.setOutput("duration-ms", result.durationMs);
  deps.writeSummary(swarmSummary(`deploy-swarm ${inputs.stack} ${inputs.version}`, result));
  if (!result.ok)
    throw new ActionFailedError(
      `Deploy of stack ${inputs.stack} ${inputs.version} failed: ${result.error ?? "unknown error"}` + (result.rolledBack ? `; the whole stack runs ${result.previous ?? "its previous version"} again` : "")
    );
  logger.info(
    `Deployed stack ${inputs.stack} ${inputs.version} in ${(result.durationMs / 1e3).toFixed(1)}s`
  );
  return result;
}
var deploySwarm = {
  name: "deploy-swarm",
  readInputs,
  plan: swarmPlan,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe });
  }
};
export {
  deploySwarm,
  run,
  swarmConfig
};
//# sourceMappingURL=main.js.map
