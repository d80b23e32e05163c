import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  COMPOSE_RESERVED_KEYS,
  blueGreenPhases,
  composeEnvPairs,
  composeEnvValueProblem,
  deployRelease,
  inPlacePhases
} from "./chunk-46SEIOBS.js";
import {
  readSshInputs
} from "./chunk-KWED25CX.js";
import {
  SLOTS_FILE,
  hostsOutput,
  hostsReport,
  planComposeSlots,
  runInfo
} from "./chunk-BA7FOPEO.js";
import {
  REGISTRY_HOST,
  imageReferenceForm,
  isImageReference,
  registryOf
} from "./chunk-DDO7YCBF.js";
import {
  httpProbe
} from "./chunk-XBAXORWF.js";
import {
  assertTrustedEvent
} from "./chunk-UYDZ6KH6.js";
import {
  formatTarget,
  parseTarget,
  sshConnector
} from "./chunk-HK3VMSLK.js";
import {
  createHash
} from "./chunk-4FENUKYM.js";
import {
  loadYaml
} from "./chunk-7GAFFOY6.js";
import {
  caddyEndpoint,
  forms,
  isSafePath,
  readAppInputs,
  readHealthInputs,
  readSwitchInputs
} from "./chunk-LKV7BFOS.js";
import {
  VERSION
} from "./chunk-L7I5A2WB.js";
import {
  isAbsolute,
  resolve
} from "./chunk-7BJK7U2H.js";
import {
  formatMs,
  hasControlCharacter
} from "./chunk-LAOQIHUA.js";
import {
  existsSync,
  readFileSync,
  statSync
} from "./chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  messages
} from "./chunk-4YTAKGCH.js";

// actions/deploy-ssh/container-inputs.ts
var containerForms = {
  image: `${imageReferenceForm} (prefer a digest)`,
  manifest: `a JSON file {"<name>": "<image>@sha256:\u2026"} written by build-image's manifest-name`,
  runArgs: "engine run options, one argv item per line, starting with an option (not --name, --network, -p/--publish, --env-file, -d or --rm, which deploy-ssh sets)",
  registry: "a registry host[:port]",
  username: "a registry user name without spaces",
  composeFile: "a compose file (compose.yaml) on the runner, relative to the workspace, up to 1 MB",
  services: "compose service names ([a-zA-Z0-9][a-zA-Z0-9_.-]*)"
};
var RESERVED = /^(?:--name|--network|--net|-p|--publish|--publish-all|-P|--env-file|-d|--detach|--rm)(?:=|$)/;
function readManifest(path, app) {
  if (!existsSync(path))
    throw new ConfigurationError(messages.invalidInput("image-manifest", containerForms.manifest, path));
  let entries;
  try {
    entries = Object.entries(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    throw new ConfigurationError(messages.invalidInput("image-manifest", containerForms.manifest, path));
  }
  const chosen = entries.length === 1 ? entries[0] : entries.find(([name]) => name === app);
  if (!chosen || typeof chosen[1] !== "string")
    throw new ConfigurationError(
      `Input 'image-manifest': ${path} has ${entries.map(([n]) => n).join(", ") || "no entries"}; expected one entry, or one named '${app}'`
    );
  return chosen[1];
}
function readImageSource(read, app, required, mode) {
  const imageText = read.string("image");
  const manifestPath = read.string("image-manifest");
  const registry = read.string("registry", { pattern: REGISTRY_HOST, accepted: containerForms.registry });
  const username = read.string("registry-username", {
    pattern: /^\S{1,256}$/,
    accepted: containerForms.username
  });
  const password = read.string("registry-password", { secret: true });
  if (imageText !== void 0 && manifestPath !== void 0)
    throw new ConfigurationError(`mode ${mode} takes one of 'image' and 'image-manifest', not both`);
  if (required && imageText === void 0 && manifestPath === void 0)
    throw new ConfigurationError("mode container needs exactly one of 'image' and 'image-manifest'");
  const image = imageText ?? (manifestPath !== void 0 ? readManifest(manifestPath, app) : void 0);
  if (image !== void 0 && !isImageReference(image))
    throw new ConfigurationError(
      messages.invalidInput(
        imageText !== void 0 ? "image" : "image-manifest",
        containerForms.image,
        image
      )
    );
  if (username === void 0 !== (password === void 0))
    throw new ConfigurationError(
      "Inputs 'registry-username' and 'registry-password' go together: set both, or neither"
    );
  return { image, registry, username, password };
}
function readContainerInputs(read, mode, app) {
  const transfer = read.enum("image-transfer", ["registry", "ssh"]);
  const engine = read.enum("engine", ["docker", "podman"]);
  const containerPort = read.int("container-port", { min: 1, max: 65535 });
  const runArgs = (read.string("run-args") ?? "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  if (mode !== "container") {
    if (runArgs.length > 0 || containerPort !== void 0)
      throw new ConfigurationError("Inputs 'container-port' and 'run-args' need 'mode: container'");
    if (mode === "release" && (read.string("image") !== void 0 || read.string("image-manifest") !== void 0))
      throw new ConfigurationError(
        "Inputs 'image' and 'image-manifest' need 'mode: container' or 'mode: compose'"
      );
    if (mode === "compose" && transfer === "ssh")
      throw new ConfigurationError(
        "Input 'image-transfer' ssh is for mode container; in compose mode the host pulls the project's images"
      );
    return void 0;
  }
  const { image, registry, username, password } = readImageSource(read, app, true, mode);
  const [firstArg] = runArgs;
  if (firstArg !== void 0 && !firstArg.startsWith("-"))
    throw new ConfigurationError(messages.invalidInput("run-args", containerForms.runArgs, firstArg));
  for (const arg of runArgs) {
    if (RESERVED.test(arg) || hasControlCharacter(arg))
      throw new ConfigurationError(messages.invalidInput("run-args", containerForms.runArgs, arg));
  }
  if (image === void 0)
    throw new ConfigurationError(messages.requiredInput("image", containerForms.image));
  return { image, transfer, engine, containerPort, registry, username, password, runArgs };
}
var SERVICE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
var COMPOSE_FILE_LIMIT = 1024 * 1024;
async function readComposeInputs(read, mode, app, env, workspace, rollout) {
  const file = read.string("compose-file");
  const services = read.list("services", { item: SERVICE, accepted: containerForms.services });
  if (mode !== "compose") {
    if (file !== void 0 || services.length > 0)
      throw new ConfigurationError("Inputs 'compose-file' and 'services' need 'mode: compose'");
    return void 0;
  }
  if (file === void 0)
    throw new ConfigurationError(messages.requiredInput("compose-file", containerForms.composeFile));
  const path = isAbsolute(file) ? file : resolve(workspace, file);
  let content;
  try {
    if (statSync(path).size > COMPOSE_FILE_LIMIT) throw new Error("too large");
    content = readFileSync(path, "utf8");
  } catch {
    throw new ConfigurationError(messages.invalidInput("compose-file", containerForms.composeFile, file));
  }
  const engine = read.enum("engine", ["docker", "podman"]);
  const { image, registry, username, password } = readImageSource(read, app, false, mode);
  for (const [key, value] of env) {
    if (COMPOSE_RESERVED_KEYS.includes(key))
      throw new ConfigurationError(
        `Input 'env': ${key} is written by deploy-ssh in compose mode (VERSION, IMAGE); choose another name`
      );
    const problem = composeEnvValueProblem(value);
    if (problem)
      throw new ConfigurationError(
        `Input 'env': the value of ${key} has ${problem}, which a compose env file cannot hold`
      );
  }
  if (username !== void 0 && registry === void 0 && image === void 0)
    throw new ConfigurationError(
      messages.requiredInput("registry", `${containerForms.registry}, to log in to for the project's images`)
    );
  const [blue, green] = rollout.ports;
  const blueGreen = rollout.strategy === "blue-green" && blue !== void 0 && green !== void 0;
  const yaml = blueGreen ? await loadYaml() : void 0;
  return {
    content,
    sha256: createHash("sha256").update(content).digest("hex"),
    services,
    engine,
    // Checked here, before any host: a file blue-green cannot run twice is refused with nothing changed.
    rollout: blueGreen && yaml ? {
      strategy: "blue-green",
      ...planComposeSlots(
        content,
        {
          named: services,
          ports: [blue, green],
          engine,
          env: composeEnvPairs(image, rollout.version, env)
        },
        yaml
      )
    } : { strategy: "in-place" },
    image,
    registry: registry ?? (image ? registryOf(image) : void 0),
    username,
    password
  };
}

// actions/deploy-ssh/inputs.ts
function readHooks(read, ssh) {
  const migrate = read.string("migrate-command");
  const hooks = {
    postSwitch: read.string("post-switch-command"),
    onFailure: read.string("on-failure-command"),
    onRollback: read.string("on-rollback-command")
  };
  const migrateHostText = read.string("migrate-host");
  let migrateHost;
  if (migrateHostText !== void 0) {
    if (!migrate)
      throw new ConfigurationError("Input 'migrate-host' needs 'migrate-command': it names where that runs");
    const wanted = parseTarget("migrate-host", migrateHostText, {
      user: ssh.hosts[0]?.user ?? "",
      port: ssh.hosts[0]?.port ?? 22
    });
    const match = ssh.hosts.find((h) => h.host === wanted.host && h.port === wanted.port && h.user === wanted.user) ?? (/[@:]/.test(migrateHostText) ? void 0 : ssh.hosts.find((h) => h.host === wanted.host));
    if (!match)
      throw new ConfigurationError(
        messages.invalidInput("migrate-host", "one of the hosts in 'hosts'", migrateHostText)
      );
    migrateHost = formatTarget(match);
  }
  return migrate ? { ...hooks, migrate: { command: migrate, host: migrateHost } } : hooks;
}
function readHaproxySocket(read) {
  const socket = read.string("haproxy-socket", { required: true, accepted: forms.socket });
  if (!isSafePath(socket, true))
    throw new ConfigurationError(messages.invalidInput("haproxy-socket", forms.socket, socket));
  return socket;
}
function readCaddyAdmin(read) {
  const admin = read.string("caddy-admin", { required: true, accepted: forms.caddyAdmin });
  if (caddyEndpoint(admin) === void 0)
    throw new ConfigurationError(messages.invalidInput("caddy-admin", forms.caddyAdmin, admin));
  return admin;
}
var NGINX_TEST = "nginx -t";
var NGINX_RELOAD = "nginx -s reload";
function readProxyCommands(read, proxy, ssh) {
  const test = read.string("proxy-test-command", {
    required: true,
    accepted: "a command that validates the proxy configuration"
  });
  const reload = read.string("proxy-reload-command", {
    required: true,
    accepted: "a command that reloads the proxy"
  });
  if (proxy === "nginx") {
    const sudo = ssh.hosts.every((h) => h.user === "root") ? "" : "sudo -n ";
    return {
      proxyTestCommand: test === NGINX_TEST ? `${sudo}${test}` : test,
      proxyReloadCommand: reload === NGINX_RELOAD ? `${sudo}${reload}` : reload
    };
  }
  const caddy = proxy === "caddy";
  return {
    proxyTestCommand: caddy && test === NGINX_TEST ? "caddy validate --config /etc/caddy/Caddyfile" : test,
    proxyReloadCommand: caddy && reload === NGINX_RELOAD ? "caddy reload --config /etc/caddy/Caddyfile" : reload
  };
}
async function readInputs(read, env = process.env) {
  const ssh = readSshInputs(read);
  const envPairs = read.keyValues("env", { secret: true });
  const mode = read.enum("mode", ["release", "container", "compose"]);
  const { app, "deploy-path": deployPath } = readAppInputs(read);
  const sha = env.GITHUB_SHA ?? "";
  const version = read.string("version", { pattern: VERSION, accepted: forms.version }) ?? (sha ? sha.slice(0, 7) : void 0);
  if (!version)
    throw new ConfigurationError(
      messages.requiredInput(
        "version",
        `${forms.version} (default: the short commit SHA, but GITHUB_SHA is not set)`
      )
    );
  const proxy = read.enum("proxy", ["nginx", "caddy", "haproxy", "none"]);
  const strategyText = read.string("strategy");
  if (strategyText !== void 0 && strategyText !== "blue-green" && strategyText !== "in-place") {
    throw new ConfigurationError(
      messages.invalidInput(
        "strategy",
        "blue-green or in-place (empty: blue-green with a proxy, else in-place)",
        strategyText
      )
    );
  }
  const strategy = strategyText ?? (proxy === "none" ? "in-place" : "blue-green");
  const portItems = read.list("ports", { item: /^\d{1,5}$/, accepted: forms.ports });
  const ports = portItems.map(Number);
  const wanted = strategy === "blue-green" ? 2 : 1;
  if (ports.length !== wanted && !(strategy === "in-place" && ports.length === 0) || ports.some((p) => p < 1 || p > 65535) || new Set(ports).size !== ports.length) {
    throw new ConfigurationError(
      messages.invalidInput("ports", `${forms.ports}; ${strategy} needs ${wanted}`, portItems.join(","))
    );
  }
  if (strategy === "blue-green" && proxy === "none") {
    throw new ConfigurationError(
      "Input 'strategy' blue-green needs a proxy to switch: set 'proxy: nginx' (or haproxy, caddy), or use 'strategy: in-place'"
    );
  }
  const health = readHealthInputs(read);
  const startCommand = read.string("start-command");
  const restartCommand = read.string("restart-command");
  const container = readContainerInputs(read, mode, app);
  const compose = await readComposeInputs(read, mode, app, envPairs, env.GITHUB_WORKSPACE ?? process.cwd(), {
    strategy,
    ports,
    version
  });
  if (container || compose) {
    for (const name of [
      "start-command",
      "stop-command",
      "restart-command",
      "build-command",
      "shared-paths"
    ]) {
      if (read.string(name) !== void 0)
        throw new ConfigurationError(
          `Input '${name}' is for mode release; in ${mode} mode the image's own command runs`
        );
    }
    if (container && strategy === "in-place" && ports.length !== 1)
      throw new ConfigurationError(
        messages.requiredInput(
          "ports",
          "the host port the container's app is reached on (in-place container mode)"
        )
      );
  } else if (strategy === "blue-green" && !startCommand) {
    throw new ConfigurationError(
      messages.requiredInput(
        "start-command",
        "the command that starts the app on $PORT in the release directory (blue-green)"
      )
    );
  }
  if (health.enabled && strategy === "in-place" && ports.length === 0) {
    throw new ConfigurationError(
      messages.requiredInput(
        "ports",
        "the app's port, to gate the release on health-path (or set 'health-check: false')"
      )
    );
  }
  const sharedPaths = read.list("shared-paths");
  for (const p of sharedPaths) {
    if (!isSafePath(p, false))
      throw new ConfigurationError(messages.invalidInput("shared-paths", forms.sharedPaths, p));
  }
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const sourceText = read.string("source", { required: true, accepted: "a directory or tarball to upload" });
  const switchInputs = readSwitchInputs(read, ssh["command-timeout"]);
  const common = {
    app,
    version,
    deployPath,
    strategy,
    ports,
    proxy,
    ...readProxyCommands(read, proxy, ssh),
    haproxySocket: readHaproxySocket(read),
    caddyAdmin: readCaddyAdmin(read),
    drainMs: switchInputs.drain,
    stopTimeoutMs: switchInputs["stop-timeout"],
    health,
    soakMs: switchInputs.soak,
    hooks: readHooks(read, ssh),
    run: runInfo(env),
    env: envPairs,
    keepReleases: read.requiredInt("keep-releases", { min: 1, max: 100 }),
    rollbackOnFailure: read.boolean("rollback-on-failure"),
    lockTimeoutMs: switchInputs["lock-timeout"],
    breakStaleLockAfterMs: switchInputs["break-stale-lock-after"],
    commandTimeoutMs: ssh["command-timeout"],
    maxParallel: ssh["max-parallel"],
    failFast: ssh["fail-fast"]
  };
  const exclude = read.list("exclude");
  const compression = read.enum("upload-compression", ["none", "gzip"]);
  const buildCommand = read.string("build-command");
  const stopCommand = read.string("stop-command");
  let deploy2;
  if (container) deploy2 = { ...common, mode: "container", container };
  else if (compose) deploy2 = { ...common, mode: "compose", compose };
  else {
    const source = isAbsolute(sourceText) ? sourceText : resolve(workspace, sourceText);
    if (!existsSync(source))
      throw new ConfigurationError(
        messages.invalidInput("source", "an existing directory or tarball", sourceText)
      );
    deploy2 = {
      ...common,
      mode: "release",
      source,
      exclude,
      upload: { compression },
      sharedPaths,
      buildCommand,
      startCommand,
      stopCommand,
      restartCommand
    };
  }
  return { ...ssh, deploy: deploy2, "allow-untrusted-event": read.boolean("allow-untrusted-event") };
}

// actions/deploy-ssh/plan.ts
function installSteps(deploy2, release) {
  const keys = deploy2.env.map(([k]) => k).join(", ");
  const envFile = deploy2.env.length ? [`write the env file (0600): ${keys}`] : [];
  switch (deploy2.mode) {
    case "compose": {
      const { compose } = deploy2;
      const { rollout } = compose;
      const slots = rollout.strategy === "blue-green" ? `, ${SLOTS_FILE} (${rollout.services.map((s) => `${s}-blue/${s}-green`).join(", ")}; in place: ${rollout.inPlace.join(", ") || "none"})` : "";
      const pulled = rollout.strategy === "in-place" ? compose.services : [];
      return [
        `write ${release}/compose.yaml (sha256 ${compose.sha256.slice(0, 12)}\u2026)${slots} and its .env (0600: VERSION${compose.image ? ", IMAGE" : ""}${keys ? `, ${keys}` : ""}), then rename into place`,
        `${compose.engine === "docker" ? "docker compose" : "podman-compose"} -p ${deploy2.app} pull${pulled.length ? ` ${pulled.join(" ")}` : ""}${compose.username ? ` (login as ${compose.username}, password on stdin)` : ""}`
      ];
    }
    case "container": {
      const { container } = deploy2;
      return [
        container.transfer === "registry" ? `pull ${container.image} with ${container.engine}${container.username ? ` (login as ${container.username}, password on stdin)` : ""}` : `stream ${container.image} from the runner over SSH unless the host has it (${container.engine} load)`,
        ...envFile
      ];
    }
    case "release":
      return [
        `upload ${deploy2.source} as one tar stream${deploy2.exclude.length ? ` (excluding ${deploy2.exclude.join(", ")})` : ""} \u2192 ${release} (SHA-256 checked on the host, then renamed into place)`,
        ...deploy2.sharedPaths.length ? [`link shared paths: ${deploy2.sharedPaths.join(", ")}`] : [],
        ...deploy2.buildCommand ? [`build in ${release}: ${deploy2.buildCommand}`] : [],
        ...envFile
      ];
  }
}
function restartStep(deploy2, release) {
  switch (deploy2.mode) {
    case "compose": {
      const { services } = deploy2.compose;
      return `compose up -d --remove-orphans in ${release}${services.length ? ` (${services.join(", ")})` : ""}`;
    }
    case "container":
      return "replace the container";
    case "release":
      return deploy2.restartCommand ? `restart: ${deploy2.restartCommand}` : deploy2.startCommand ? `restart the supervised process: ${deploy2.startCommand}` : "nothing restarts (no restart-command or start-command)";
  }
}
function deployPlan(inputs, order = { blueGreen: blueGreenPhases, inPlace: inPlacePhases }) {
  const { deploy: deploy2 } = inputs;
  const hostKeys = inputs.hostKeys.kind === "fingerprints" ? `host keys pinned: ${inputs.hostKeys.pins.map((p) => p.fingerprint).join(", ")}` : inputs.hostKeys.kind === "known-hosts" ? "host keys checked against known-hosts" : "host keys NOT verified (insecure-skip-host-key-check)";
  const path = deploy2.deployPath;
  const release = `${path}/releases/${deploy2.version}`;
  const container = deploy2.mode === "container";
  const blueGreen = deploy2.strategy === "blue-green";
  const { health, hooks } = deploy2;
  const gate = health.enabled ? `GET http://127.0.0.1:<port>${health.path} through the SSH connection, every ${formatMs(health.intervalMs)}, ${health.successThreshold} successes within ${formatMs(health.timeoutMs)}` : "off (health-check: false): only the process start is checked";
  const lines = [
    `Plan: deploy ${deploy2.app} ${deploy2.version} (dry run: nothing connects, nothing changes)`,
    "",
    `hosts: ${inputs.hosts.map(formatTarget).join(", ")} (${deploy2.maxParallel} at a time, fail-fast ${String(deploy2.failFast)}); ${hostKeys}`,
    `mode ${deploy2.mode}, strategy ${deploy2.strategy}${blueGreen ? ` behind ${deploy2.proxy}, ports ${deploy2.ports.join("/")}` : deploy2.ports.length ? `, port ${deploy2.ports[0]}` : ""}`,
    "",
    "On each host:"
  ];
  const steps = [
    `connect (host key checked before authentication), take the lock ${path}/.deploy-kit/lock (${deploy2.lockTimeoutMs ? `waits up to ${formatMs(deploy2.lockTimeoutMs)}` : "fails at once if another deploy holds it"})`,
    `inspect ${path}: the live release, the slots, ${path}/.deploy-kit/history.jsonl`,
    ...installSteps(deploy2, release)
  ];
  const where = container ? "in a throwaway container of the new image" : `in ${release}`;
  if (hooks.migrate)
    steps.push(
      `migrate, once per deploy, on ${hooks.migrate.host ?? "the first host"} only, before any host switches, ${where}: ${hooks.migrate.command}`
    );
  const shared = {
    "post-switch": `post-switch, ${where}: ${hooks.postSwitch ?? ""}`,
    soak: `soak ${formatMs(deploy2.soakMs)}${health.url ? ` watching ${health.url.href}` : ""}`
  };
  if (blueGreen) {
    const stopCommand = deploy2.mode === "release" ? deploy2.stopCommand : void 0;
    const caddyApi = deploy2.proxy === "caddy" && deploy2.caddyAdmin !== "off";
    const described = {
      ...shared,
      start: deploy2.mode === "release" ? `start in the idle slot on its port: ${deploy2.startCommand ?? "(start-command)"} (in a session of its own, once the port is free)` : deploy2.mode === "compose" ? `update the in-place services if their definition changed, then compose up -d --force-recreate the idle slot's services beside the old ones` : `run the container in the idle slot on its port`,
      gate: container ? `gate: ${gate}` : `gate: ${gate}, while the started process runs and owns the port`,
      switch: deploy2.proxy === "haproxy" ? `switch through HAProxy's runtime API (${deploy2.haproxySocket}): backend ${deploy2.app}, the new server ready, the old one draining; no reload` : caddyApi ? `switch through Caddy's admin API (${deploy2.caddyAdmin}): the reverse_proxy to ${deploy2.app}'s ports points at the new slot, ${path}/.deploy-kit/upstream.conf written; if the API does not answer: ${deploy2.proxyTestCommand}, ${deploy2.proxyReloadCommand}` : `switch: rewrite ${path}/.deploy-kit/upstream.conf, ${deploy2.proxyTestCommand}, ${deploy2.proxyReloadCommand}`,
      drain: deploy2.proxy === "haproxy" ? `drain until the old server has no session (at most ${formatMs(deploy2.drainMs)}), then put it in maintenance` : caddyApi ? `drain until Caddy has no request in flight to the old slot (at most ${formatMs(deploy2.drainMs)})` : `drain ${formatMs(deploy2.drainMs)} (where an old slot serves)`,
      "stop-old": deploy2.mode === "compose" ? `stop and remove the old slot's containers (SIGTERM, SIGKILL after ${formatMs(deploy2.stopTimeoutMs)})` : `stop the old slot${stopCommand ? `: ${stopCommand}, then` : ":"} SIGTERM, SIGKILL after ${formatMs(deploy2.stopTimeoutMs)}`
    };
    steps.push(...order.blueGreen(deploy2).map((phase) => described[phase]));
  } else {
    const described = {
      ...shared,
      switch: `switch: ${path}/current \u2192 releases/${deploy2.version} (atomic rename)`,
      restart: restartStep(deploy2, release),
      gate: `gate: ${gate}`
    };
    steps.push(...order.inPlace(deploy2).map((phase) => described[phase]));
  }
  steps.push(`record the outcome in history.jsonl, keep ${deploy2.keepReleases} releases, release the lock`);
  lines.push(...steps.map((step, i) => `  ${i + 1}. ${step}`));
  lines.push(
    "",
    deploy2.rollbackOnFailure ? "Any failure before the switch leaves the live release untouched; after it, every switched host is switched back." : "rollback-on-failure is off: a failure after the switch leaves the new release in place."
  );
  if (hooks.onRollback)
    lines.push(`On each host switched back, in the release switched away from: ${hooks.onRollback}`);
  if (hooks.onFailure)
    lines.push(`On each host a failed deploy touched, in the release live then: ${hooks.onFailure}`);
  return lines;
}

// actions/deploy-ssh/main.ts
function buildSummary(inputs, result) {
  const icon = result.ok ? "\u2705" : result.rolledBack ? "\u21A9\uFE0F" : "\u274C";
  const summary = new Summary().heading(
    `deploy-ssh ${inputs.deploy.app} ${inputs.deploy.version}: ${icon} ${result.ok ? "deployed" : result.rolledBack ? "rolled back" : "failed"}`
  );
  return hostsReport(summary, result.hosts);
}
async function deploy(inputs, deps) {
  const { logger } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  const config = inputs.deploy;
  logger.info(
    `Deploying ${config.app} ${config.version} to ${inputs.hosts.length} host(s), ${config.strategy}${config.proxy !== "none" ? ` behind ${config.proxy}` : ""}`
  );
  const result = await deployRelease(config, inputs.hosts, {
    logger,
    clock: deps.clock,
    signal: deps.signal,
    connect: deps.connect,
    probe: deps.probe
  });
  const first = result.hosts[0];
  deps.setOutput("version", config.version);
  deps.setOutput("previous-version", first?.previous ?? "");
  deps.setOutput("release-path", `${config.deployPath}/releases/${config.version}`);
  deps.setOutput("slot", first?.slot ?? "");
  deps.setOutput("rolled-back", result.rolledBack);
  deps.setOutput("hosts", hostsOutput(result.hosts));
  deps.setOutput("duration-ms", result.durationMs);
  deps.writeSummary(buildSummary(inputs, result));
  if (result.ok) logger.info(`Deployed ${config.version} in ${(result.durationMs / 1e3).toFixed(1)}s`);
  return result;
}
async function run(inputs, deps) {
  const result = await deploy(inputs, deps);
  if (!result.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.deploy.version} failed: ${result.error ?? "unknown error"}` + (result.rolledBack ? "; every host serves its previous version" : "")
    );
  }
  return result;
}
var deploySsh = {
  name: "deploy-ssh",
  readInputs,
  plan: (inputs) => deployPlan(inputs),
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, probe: httpProbe, connect: sshConnector(inputs, ctx) });
  }
};

export {
  readInputs,
  buildSummary,
  deploy,
  run,
  deploySsh
};
//# sourceMappingURL=chunk-4OFUT7VB.js.map
