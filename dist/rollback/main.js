import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  HostDeploy,
  connectFleet,
  historyStatus,
  inspectHost,
  recordCancelled,
  switchFleet,
  withLockedFleet
} from "../chunks/chunk-46SEIOBS.js";
import {
  readSshInputs
} from "../chunks/chunk-KWED25CX.js";
import "../chunks/chunk-7XI47VG2.js";
import "../chunks/chunk-ET4UPRW3.js";
import "../chunks/chunk-PO4T6QVY.js";
import "../chunks/chunk-7HPFKMMW.js";
import "../chunks/chunk-46KUD6QG.js";
import {
  hostsOutput,
  hostsReport,
  runInfo
} from "../chunks/chunk-BA7FOPEO.js";
import "../chunks/chunk-EYRIIDT7.js";
import "../chunks/chunk-DDO7YCBF.js";
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
  sshConnector
} from "../chunks/chunk-HK3VMSLK.js";
import "../chunks/chunk-V3BPVXA7.js";
import "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  STACK,
  checkSwarmDeployPath,
  forms,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs,
  stackForms
} from "../chunks/chunk-LKV7BFOS.js";
import {
  VERSION,
  readGateInputs
} from "../chunks/chunk-L7I5A2WB.js";
import "../chunks/chunk-7BJK7U2H.js";
import "../chunks/chunk-62URBDRV.js";
import "../chunks/chunk-V76VFPBF.js";
import {
  hasControlCharacter
} from "../chunks/chunk-LAOQIHUA.js";
import "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  CancelledError,
  ConfigurationError,
  Summary,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/release/src/types.ts
var DEFAULT_HAPROXY_SOCKET = "/run/haproxy/admin.sock";
var DEFAULT_CADDY_ADMIN = "localhost:2019";

// packages/release/src/rollback.ts
var HISTORY_LINES = 2e3;
var rollbackMessages = {
  nothingLive: (host, path) => `${host}: nothing is live under ${path}; there is nothing to roll back`,
  nothingBefore: (host, current) => `${host}: no successful release preceded ${current} in the history; there is nothing to roll back to. Nothing was changed.`,
  notCandidate: (host, version, why, candidates) => `${host}: cannot roll back to ${version}: ${why}. Candidates: ${candidates.length > 0 ? candidates.join(", ") : "none"}. Nothing was changed.`,
  disagree: (choices) => `The hosts disagree on the release before the live one (${choices}); name the version with 'to'. Nothing was changed.`,
  unsupportedMode: (host, version, mode) => `${host}: ${version} was deployed in ${mode} mode, which this rollback cannot switch yet. Nothing was changed.`
};
function rollbackCandidates(inspection) {
  const present = new Set(inspection.releases.map((r) => r.name));
  const latest = /* @__PURE__ */ new Map();
  for (const entry of inspection.history) if (entry.status === "success") latest.set(entry.version, entry);
  return [...latest.values()].filter(
    (e) => e.version !== inspection.current && present.has(e.version) && inspection.manifests.has(e.version)
  ).sort((a, b) => b.time.localeCompare(a.time)).map((e) => ({ version: e.version, time: e.time, actor: e.actor, status: e.status, event: e.event }));
}
function planRollback(label, inspection, options) {
  const current = inspection.current;
  if (!current) return { kind: "refuse", message: rollbackMessages.nothingLive(label, options.deployPath) };
  const { history } = inspection;
  if (options.to === void 0 && history.some(
    (e) => e.event === "rollback" && e.status === "success" && e.runId === options.runId && e.version === current
  )) {
    return { kind: "unchanged", version: current, why: `this run already rolled back to ${current}` };
  }
  let target = options.to;
  if (target === void 0) {
    const deployedCurrent = history.findLast(
      (e) => e.event === "deploy" && e.status === "success" && e.version === current
    );
    target = deployedCurrent?.previous;
    if (!target) return { kind: "refuse", message: rollbackMessages.nothingBefore(label, current) };
  }
  if (target === current) return { kind: "unchanged", version: current, why: `${current} is already live` };
  const candidates = rollbackCandidates(inspection).map((c) => c.version);
  const refuse = (why) => ({
    kind: "refuse",
    message: rollbackMessages.notCandidate(label, target, why, candidates)
  });
  if (!history.some((e) => e.version === target && e.status === "success"))
    return refuse("it never went live successfully here");
  if (!inspection.releases.some((r) => r.name === target))
    return refuse("it is not on the host any more (pruned)");
  const manifest = inspection.manifests.get(target);
  if (!manifest) return refuse("its release is incomplete (no manifest)");
  return { kind: "switch", from: current, to: target, manifest };
}
function rollbackActivation(manifest, config) {
  return {
    app: config.app,
    version: manifest.version,
    deployPath: config.deployPath,
    strategy: manifest.strategy,
    ports: manifest.ports,
    proxy: manifest.proxy,
    proxyTestCommand: manifest.proxyTestCommand,
    proxyReloadCommand: manifest.proxyReloadCommand,
    haproxySocket: manifest.haproxySocket ?? DEFAULT_HAPROXY_SOCKET,
    caddyAdmin: manifest.caddyAdmin ?? DEFAULT_CADDY_ADMIN,
    drainMs: config.drainMs,
    stopTimeoutMs: config.stopTimeoutMs,
    health: config.health,
    soakMs: config.soakMs,
    hooks: {},
    run: config.run
  };
}
function commonCandidates(inspections) {
  const [first, ...rest] = inspections.map(rollbackCandidates);
  return (first ?? []).filter((c) => rest.every((list) => list.some((o) => o.version === c.version)));
}
async function listRollbackCandidates(config, targets, deps) {
  const remotes = await connectFleet(targets, config, deps);
  try {
    const inspections = await Promise.all(
      remotes.map((r) => inspectHost(r, config.deployPath, HISTORY_LINES))
    );
    return { current: inspections.map((i) => i.current), candidates: commonCandidates(inspections) };
  } finally {
    for (const remote of remotes) remote.conn.close();
  }
}
function describePlans(plans) {
  return plans.map(
    ({ label, plan }) => `${label} \u2192 ${plan.kind === "switch" ? plan.to : plan.kind === "unchanged" ? plan.version : "?"}`
  ).join(", ");
}
async function rollbackRelease(config, targets, deps) {
  const started = deps.clock.now();
  const logger = deps.logger;
  return withLockedFleet(
    targets,
    { ...config, lockVersion: config.to ?? "previous", lockAction: "rollback" },
    deps,
    async (remotes) => {
      const plans = await Promise.all(
        remotes.map(async (remote) => {
          const inspection = await inspectHost(remote, config.deployPath, HISTORY_LINES);
          const plan = planRollback(remote.label, inspection, { ...config, runId: config.run.runId });
          return { remote, label: remote.label, inspection, plan };
        })
      );
      const inspections = plans.map((p) => p.inspection);
      const refusals = plans.flatMap(({ plan }) => plan.kind === "refuse" ? [plan.message] : []);
      if (refusals.length > 0) throw new ActionFailedError(refusals.join("\n"));
      const targetVersions = new Set(
        plans.map(
          ({ plan }) => plan.kind === "switch" ? plan.to : plan.kind === "unchanged" ? plan.version : ""
        )
      );
      if (targetVersions.size > 1)
        throw new ActionFailedError(rollbackMessages.disagree(describePlans(plans)));
      const [version] = targetVersions;
      const hosts = plans.map(({ remote, inspection, plan }) => {
        if (plan.kind !== "switch") return void 0;
        const host = HostDeploy.rollback(
          remote,
          rollbackActivation(plan.manifest, config),
          plan.manifest,
          deps
        );
        if (!host)
          throw new ActionFailedError(
            rollbackMessages.unsupportedMode(remote.label, plan.to, plan.manifest.mode)
          );
        host.inspection = inspection;
        return host;
      });
      plans.forEach(({ label, plan }) => {
        if (plan.kind === "unchanged") logger.info(`${label}: ${plan.why}; nothing to do`);
      });
      const switching = hosts.filter((h) => h !== void 0);
      let failure;
      try {
        failure = await switchFleet(
          switching,
          { ...config, rollbackOnFailure: true, logger },
          (host) => logger.group(
            `${host.host.label}: roll back ${host.previous ?? "?"} \u2192 ${host.targetVersion}`,
            () => host.activate()
          )
        );
        await Promise.all(
          switching.map(
            (h) => h.record({
              event: "rollback",
              version: h.targetVersion,
              previous: h.previous,
              slot: h.slot,
              status: historyStatus(h),
              reason: config.reason,
              error: h.error
            })
          )
        );
      } catch (error) {
        if (error instanceof CancelledError) await recordCancelled(switching, "rollback", config.reason);
        throw error;
      }
      const fromVersion = inspections[0]?.current;
      const outcomes = plans.map(({ label, inspection, plan }, i) => {
        const host = hosts[i];
        if (host) return host.outcome();
        return {
          host: label,
          status: "unchanged",
          version: plan.kind === "unchanged" ? plan.version : "",
          previous: inspection.current,
          durationMs: 0,
          phases: []
        };
      });
      return {
        ok: failure === void 0,
        rolledBack: failure !== void 0 && switching.every((h) => !h.switched),
        hosts: outcomes,
        durationMs: deps.clock.now() - started,
        error: failure,
        version: failure === void 0 ? version : fromVersion,
        fromVersion,
        candidates: commonCandidates(inspections)
      };
    }
  );
}

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
    ...readSwitchInputs(read, ssh["command-timeout"]),
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
    stopTimeoutMs: inputs["stop-timeout"],
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
  const { listStackVersions, POLL_MS, rollbackStack, servicesOutput, swarmSummary } = await import("../chunks/src-HQB344IW.js");
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
  buildSummary,
  candidatesTable,
  rollback,
  rollbackConfig,
  run,
  runSwarm
};
//# sourceMappingURL=main.js.map
