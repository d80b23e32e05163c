import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  STACK,
  VERSION,
  checkSwarmDeployPath,
  forms,
  hostsOutput,
  hostsReport,
  listRollbackCandidates,
  readAppInputs,
  readGateInputs,
  readHealthInputs,
  readSwitchInputs,
  rollbackRelease,
  runInfo,
  stackForms
} from "./chunk-EJMI76FF.js";
import {
  httpProbe
} from "./chunk-WEUF3XU5.js";
import {
  readSshInputs,
  sshConnector
} from "./chunk-DXUKTJT7.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  assertTrustedEvent,
  hasControlCharacter,
  messages
} from "./chunk-4ETXKYPN.js";

// actions/rollback/inputs.ts
var REASON_MAX = 500;
function readInputs(read) {
  const ssh = readSshInputs(read);
  const reason = (read.string("reason") ?? "").trim();
  if (reason.length > REASON_MAX || hasControlCharacter(reason)) {
    throw new ConfigurationError(
      messages.invalidInput("reason", `one line of at most ${REASON_MAX} characters`, reason.slice(0, 80))
    );
  }
  const mode = read.enum("mode", ["release", "swarm"]);
  const to = read.string("to", { pattern: VERSION, accepted: forms.version });
  const list = read.boolean("list");
  if (mode === "swarm") {
    const url = read.url("health-url");
    const gate = readGateInputs(read);
    return {
      ...ssh,
      mode,
      stack: read.string("stack", { required: true, pattern: STACK, accepted: stackForms.stack }),
      "deploy-path": checkSwarmDeployPath(read.string("deploy-path") ?? "~/.deploy-kit"),
      to,
      reason,
      list,
      ...url ? { health: { enabled: true, path: url.pathname, url, ...gate } } : {},
      "lock-timeout": read.requiredDuration("lock-timeout", { maxMs: 6 * 36e5 }),
      "allow-untrusted-event": read.boolean("allow-untrusted-event")
    };
  }
  return {
    ...ssh,
    mode,
    ...readAppInputs(read),
    to,
    reason,
    list,
    health: readHealthInputs(read),
    ...readSwitchInputs(read),
    "allow-untrusted-event": read.boolean("allow-untrusted-event")
  };
}

// actions/rollback/main.ts
function rollbackConfig(inputs, env) {
  return {
    app: inputs.app,
    deployPath: inputs["deploy-path"],
    to: inputs.to,
    reason: inputs.reason,
    health: inputs.health,
    drainMs: inputs.drain,
    soakMs: inputs.soak,
    lockTimeoutMs: inputs["lock-timeout"],
    breakStaleLockAfterMs: inputs["break-stale-lock-after"],
    commandTimeoutMs: inputs["command-timeout"],
    maxParallel: inputs["max-parallel"],
    failFast: inputs["fail-fast"],
    run: runInfo(env)
  };
}
function candidatesTable(summary, candidates) {
  return summary.table(
    ["version", "live since", "by", "how", "status"],
    candidates.map((c) => [c.version, c.time, c.actor, c.event, c.status])
  );
}
function buildSummary(inputs, result) {
  const icon = result.ok ? "\u2705" : "\u274C";
  const unchanged = result.hosts.every((h) => h.status === "unchanged");
  const summary = new Summary().heading(
    `rollback ${inputs.app}: ${icon} ${result.ok ? unchanged ? `${result.version ?? ""} already live` : `${result.fromVersion ?? "?"} \u2192 ${result.version ?? "?"}` : `failed; ${result.version ?? "?"} still live`}`
  );
  if (inputs.reason) summary.table(["reason"], [[inputs.reason]]);
  return hostsReport(summary, result.hosts, "from");
}
async function runSwarm(inputs, deps) {
  const { logger } = deps;
  const { listStackVersions, POLL_MS, rollbackStack, servicesOutput, swarmSummary } = await import("./src-346XDNDG.js");
  const config = {
    stack: inputs.stack,
    version: inputs.to ?? "previous",
    deployPath: inputs["deploy-path"],
    manifest: /* @__PURE__ */ new Map(),
    prune: true,
    timeoutMs: inputs["command-timeout"],
    health: inputs.health,
    rollbackOnFailure: false,
    lockTimeoutMs: inputs["lock-timeout"],
    commandTimeoutMs: inputs["command-timeout"],
    pollMs: POLL_MS,
    run: runInfo(deps.env),
    // deploy-swarm's hooks belong to a deploy; a rollback re-deploys a recorded version only.
    hooks: {},
    env: []
  };
  const swarmDeps = {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: deps.connect,
    probe: deps.probe
  };
  if (inputs.list) {
    const { history } = await listStackVersions(inputs.hosts, config, swarmDeps);
    const deployed = history.filter((h) => h.outcome === "deployed").reverse();
    const candidates = deployed.map((h) => ({
      version: h.version,
      time: h.time,
      actor: h.actor,
      event: h.action === "rollback" ? "rollback" : "deploy",
      status: "success"
    }));
    deps.setOutput("candidates", JSON.stringify(candidates));
    deps.setOutput("version", deployed[0]?.version ?? "");
    deps.setOutput("from-version", "");
    deps.writeSummary(
      candidatesTable(
        new Summary().heading(
          `rollback stack ${inputs.stack}: candidates (live: ${deployed[0]?.version ?? "nothing"})`
        ),
        candidates
      )
    );
    logger.info(
      `Recorded versions of ${inputs.stack}: ${candidates.map((c) => c.version).join(", ") || "none"}`
    );
    return history;
  }
  logger.info(
    `Rolling stack ${inputs.stack} back to ${inputs.to ?? "the previous version"}${inputs.reason ? ` (reason: ${inputs.reason})` : ""}`
  );
  const result = await rollbackStack(inputs.hosts, { to: inputs.to }, config, swarmDeps);
  deps.setOutput("version", result.ok ? result.version : result.previous ?? "");
  deps.setOutput("from-version", result.previous ?? "");
  deps.setOutput(
    "hosts",
    JSON.stringify([
      {
        host: result.manager,
        status: result.ok ? "success" : "failed",
        version: result.version,
        previous: result.previous ?? null,
        durationMs: result.durationMs,
        error: result.error ?? null,
        services: JSON.parse(servicesOutput(result))
      }
    ])
  );
  deps.setOutput("duration-ms", result.durationMs);
  deps.writeSummary(swarmSummary(`rollback stack ${inputs.stack}`, result));
  if (!result.ok)
    throw new ActionFailedError(
      `Rollback of stack ${inputs.stack} failed: ${result.error ?? "unknown error"}`
    );
  logger.info(
    `Rolled stack ${inputs.stack} back ${result.previous ?? "?"} \u2192 ${result.version} in ${(result.durationMs / 1e3).toFixed(1)}s`
  );
  return result;
}
async function run(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  if (inputs.mode === "swarm") return runSwarm(inputs, deps);
  const config = rollbackConfig(inputs, deps.env);
  const ioDeps = { logger, clock: deps.clock, signal: deps.signal, connect: deps.connect, probe: deps.probe };
  if (inputs.list) {
    const { current, candidates } = await listRollbackCandidates(config, inputs.hosts, ioDeps);
    deps.setOutput("candidates", JSON.stringify(candidates));
    deps.setOutput("version", current[0] ?? "");
    deps.setOutput("from-version", "");
    const summary = new Summary().heading(
      `rollback ${inputs.app}: candidates (live: ${current[0] ?? "nothing"})`
    );
    deps.writeSummary(candidatesTable(summary, candidates));
    logger.info(
      `Live: ${current.map((c) => c ?? "nothing").join(", ")}. Candidates: ${candidates.map((c) => c.version).join(", ") || "none"}`
    );
    return candidates;
  }
  logger.info(
    `Rolling back ${inputs.app} on ${inputs.hosts.length} host(s) to ${inputs.to ?? "the previous release"}` + (inputs.reason ? ` (reason: ${inputs.reason})` : "")
  );
  const result = await rollbackRelease(config, inputs.hosts, ioDeps);
  deps.setOutput("version", result.version ?? "");
  deps.setOutput("from-version", result.fromVersion ?? "");
  deps.setOutput("hosts", hostsOutput(result.hosts));
  deps.setOutput("candidates", JSON.stringify(result.candidates));
  deps.setOutput("duration-ms", result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (!result.ok) {
    throw new ActionFailedError(
      `Rollback failed: ${result.error ?? "unknown error"}` + (result.rolledBack ? `; every host still serves ${result.fromVersion ?? "its previous version"}` : "")
    );
  }
  if (result.hosts.every((h) => h.status === "unchanged"))
    logger.info(`${result.version ?? ""} is live; nothing to do`);
  else
    logger.info(
      `Rolled back ${result.fromVersion ?? "?"} \u2192 ${result.version ?? "?"} in ${(result.durationMs / 1e3).toFixed(1)}s`
    );
  return result;
}
var rollback = {
  name: "rollback",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe, connect: sshConnector(inputs, ctx) });
  }
};

export {
  rollbackConfig,
  candidatesTable,
  buildSummary,
  runSwarm,
  run,
  rollback
};
//# sourceMappingURL=chunk-JSODN45L.js.map
