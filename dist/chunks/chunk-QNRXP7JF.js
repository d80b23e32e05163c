import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  VERSION,
  forms,
  hostsOutput,
  hostsReport,
  listRollbackCandidates,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs,
  rollbackRelease,
  runInfo
} from "./chunk-UTFQE2BV.js";
import {
  httpProbe
} from "./chunk-DK67BDBL.js";
import {
  readSshInputs,
  sshConnector
} from "./chunk-I47K7BQV.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  assertTrustedEvent,
  hasControlCharacter,
  messages
} from "./chunk-AHUOZDGJ.js";

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
  return {
    ...ssh,
    ...readAppInputs(read),
    to: read.string("to", { pattern: VERSION, accepted: forms.version }),
    reason,
    list: read.boolean("list"),
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
async function run(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  const config = rollbackConfig(inputs, deps.env);
  const connect = await sshConnector(inputs, deps);
  const ioDeps = { logger, clock: deps.clock, signal: deps.signal, connect, probe: deps.probe };
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
    await run(inputs, { ...ctx, probe: httpProbe });
  }
};

export {
  rollbackConfig,
  candidatesTable,
  buildSummary,
  run,
  rollback
};
//# sourceMappingURL=chunk-QNRXP7JF.js.map
