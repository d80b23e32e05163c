import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  CANCELLED_STEP_MS,
  DeployLock,
  PhaseRecorder,
  RemoteHost,
  timeline
} from "./chunk-BA7FOPEO.js";
import {
  imageReferenceForm,
  isImageReference,
  registryOf
} from "./chunk-DDO7YCBF.js";
import {
  runGate
} from "./chunk-TCGQHLN7.js";
import {
  createHash
} from "./chunk-4FENUKYM.js";
import {
  loadYaml,
  mapStrings
} from "./chunk-7GAFFOY6.js";
import {
  gateOptions
} from "./chunk-L7I5A2WB.js";
import {
  formatMs
} from "./chunk-LAOQIHUA.js";
import {
  ActionFailedError,
  CancelledError,
  ConfigurationError,
  Summary,
  errorMessage,
  isCancelled
} from "./chunk-4YTAKGCH.js";

// packages/swarm/src/render.ts
var SERVICE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
var SERVICE_FORM = "compose service names of letters, digits, _ . - (starting with a letter or digit)";
var isMap = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var VARIABLE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^}])*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g;
function interpolate(text, lookup, where, seen) {
  return text.replace(
    VARIABLE,
    (_m, dollar, braced, op, arg, bare, bad) => {
      if (dollar) return "$";
      if (bad !== void 0)
        throw new ConfigurationError(
          `${where}: invalid interpolation ${JSON.stringify(`$${bad}`)}; write \${NAME}, \${NAME:-default} or \${NAME:?message} (or $$ for a literal $)`
        );
      const name = braced ?? bare ?? "";
      const value = lookup(name);
      const empty = value === void 0 || value === "";
      switch (op) {
        case ":-":
          return empty ? arg ?? "" : value;
        case "-":
          return value ?? arg ?? "";
        case ":?":
        case "?":
          if (op === ":?" ? empty : value === void 0)
            throw new ConfigurationError(
              `${where}: required variable ${name} is ${value === void 0 ? "not set" : "empty"}${arg ? `: ${arg}` : ""} (set it in 'env' or the job's environment)`
            );
          return value ?? "";
        case ":+":
          return empty ? "" : arg ?? "";
        case "+":
          return value === void 0 ? "" : arg ?? "";
        default:
          if (value === void 0 && !seen.unset.includes(name)) seen.unset.push(name);
          return value ?? "";
      }
    }
  );
}
function interpolateDocument(doc, lookup, file, seen) {
  return mapStrings(doc, (text, path) => interpolate(text, lookup, `${file}: ${path}`, seen));
}
function mergeDocuments(docs) {
  const merge = (a, b) => {
    if (isMap(a) && isMap(b)) {
      const out = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
      return out;
    }
    return b;
  };
  return docs.reduce((acc, d) => merge(acc, d), {});
}
var UPDATE_DEFAULTS = { parallelism: 1, failure_action: "rollback", monitor: "10s" };
function publishesHostPort(service) {
  const ports = service.ports;
  return Array.isArray(ports) && ports.some((p) => isMap(p) && p.mode === "host");
}
function renderStack(stack, files, lookup, parse, readFile) {
  const seen = { unset: [] };
  const docs = files.map(({ path, text }) => {
    let parsed;
    try {
      parsed = parse(text);
    } catch (error) {
      throw new ConfigurationError(
        `Input 'compose-file': ${path} is not valid YAML: ${error.message.split("\n")[0]}`
      );
    }
    if (!isMap(parsed))
      throw new ConfigurationError(
        `Input 'compose-file': ${path} is not a compose file (a mapping with 'services')`
      );
    return interpolateDocument(parsed, lookup, path, seen);
  });
  const doc = mergeDocuments(docs);
  const servicesDoc = doc.services;
  if (!isMap(servicesDoc) || Object.keys(servicesDoc).length === 0)
    throw new ConfigurationError(
      `Input 'compose-file': no services in ${files.map((f) => f.path).join(", ")}`
    );
  const services = [];
  for (const [name, value] of Object.entries(servicesDoc)) {
    if (!SERVICE.test(name))
      throw new ConfigurationError(
        `Input 'compose-file': service ${JSON.stringify(name)} is not ${SERVICE_FORM}`
      );
    if (!isMap(value)) throw new ConfigurationError(`Input 'compose-file': service ${name} is not a mapping`);
    if (value.build !== void 0 && value.image === void 0)
      throw new ConfigurationError(
        `Input 'compose-file': service ${name} has 'build' but no 'image'; a swarm runs images from a registry (build them with build-image)`
      );
    const image = value.image;
    if (typeof image !== "string" || !isImageReference(image))
      throw new ConfigurationError(
        `Input 'compose-file': service ${name}: 'image' must be ${imageReferenceForm}, got ${JSON.stringify(image)}`
      );
    services.push({ name, image, hostPorts: publishesHostPort(value) });
  }
  const stackFiles = [];
  for (const kind of ["config", "secret"]) {
    const section = doc[`${kind}s`];
    if (section === void 0) continue;
    if (!isMap(section)) throw new ConfigurationError(`Input 'compose-file': '${kind}s' is not a mapping`);
    for (const [key, def] of Object.entries(section)) {
      if (!SERVICE.test(key))
        throw new ConfigurationError(
          `Input 'compose-file': ${kind} ${JSON.stringify(key)} is not a valid name`
        );
      if (!isMap(def)) throw new ConfigurationError(`Input 'compose-file': ${kind} ${key} is not a mapping`);
      if (def.external) continue;
      if (typeof def.file !== "string")
        throw new ConfigurationError(
          `Input 'compose-file': ${kind} ${key} needs 'file' (or 'external: true'); deploy-swarm creates ${kind}s from files`
        );
      const content = readFile(key, def.file, kind);
      const hash = createHash("sha256").update(content).digest("hex").slice(0, 12);
      stackFiles.push({ kind, key, name: `${stack}_${key}-${hash}`, content });
    }
  }
  return { doc, services, files: stackFiles, unset: seen.unset };
}
function withUpdateDefaults(doc, services) {
  const out = structuredClone(doc);
  const section = out.services;
  for (const service of services) {
    const def = section[service.name] ?? {};
    const deploy = isMap(def.deploy) ? def.deploy : {};
    const order = service.hostPorts ? "stop-first" : "start-first";
    const update = isMap(deploy.update_config) ? deploy.update_config : {};
    const rollback = isMap(deploy.rollback_config) ? deploy.rollback_config : {};
    deploy.update_config = { ...UPDATE_DEFAULTS, order, ...update };
    deploy.rollback_config = { parallelism: 1, order, ...rollback };
    def.deploy = deploy;
    section[service.name] = def;
  }
  return out;
}
function stackDocument(doc, files, images, purpose) {
  const out = escapeDollars(doc);
  if (out.version === void 0) out.version = "3.8";
  for (const [name, def] of Object.entries(out.services)) {
    const image = images.get(name);
    if (image) def.image = image;
  }
  for (const file of files) {
    const section = out[`${file.kind}s`];
    section[file.key] = purpose === "deploy" ? { name: file.name, file: `./files/${file.kind}-${file.key}` } : { name: file.name, external: true };
  }
  return out;
}
function escapeDollars(value) {
  return mapStrings(value, (text) => text.replace(/\$/g, "$$$$"));
}
function pinImage(image, repoDigests) {
  if (image.includes("@sha256:")) return image;
  const repo = repositoryOf(image);
  const candidates = [repo, repo.replace(/^docker\.io\//, ""), repo.replace(/^docker\.io\/library\//, "")];
  const match = repoDigests.find((d) => candidates.includes(d.slice(0, d.indexOf("@"))));
  return match ? `${image}${match.slice(match.indexOf("@"))}` : void 0;
}
function repositoryOf(image) {
  const bare = (image.split("@")[0] ?? image).replace(/:[^/:]*$/, "");
  if (registryOf(bare) !== "docker.io" || bare.startsWith("docker.io/")) return bare;
  return bare.includes("/") ? `docker.io/${bare}` : `docker.io/library/${bare}`;
}

// packages/swarm/src/scripts.ts
var SWARM_ROLE = `set -u
command -v docker >/dev/null 2>&1 || { echo 'docker is not installed (or not on PATH for this user)' >&2; exit 3; }
info=$(docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.ServerVersion}}' 2>&1) || { printf '%s\\n' "$info" >&2; exit 3; }
set -- $info
if [ "$1" = active ] && [ "$2" = true ]; then echo "manager $3"
elif [ "$1" = active ]; then echo "worker $3"
else echo "inactive $3"; fi
printf '%s\\n' "$HOME"`;
var LOGIN = `cfg=$(mktemp -d)
trap 'rm -rf -- "$cfg"' EXIT
DOCKER_CONFIG=$cfg; export DOCKER_CONFIG
if [ -n "$user" ]; then docker login --username "$user" --password-stdin "$registry" >/dev/null
else cat >/dev/null; fi
`;
var SWARM_RESOLVE = `set -u
registry=$1; user=$2; shift 2
${LOGIN}for ref in "$@"; do
  if ! out=$(docker pull -q "$ref" 2>&1); then
    docker image inspect "$ref" >/dev/null 2>&1 || { printf 'cannot pull %s: %s\\n' "$ref" "$out" >&2; exit 3; }
  fi
  printf '%s\\t%s\\n' "$ref" "$(docker image inspect --format '{{range .RepoDigests}}{{.}} {{end}}' "$ref")"
done`;
var SWARM_STAGE = `set -eu
umask 077
mkdir -p -- "$1/staging"
find "$1/staging" -mindepth 1 -maxdepth 1 -mmin +60 -exec rm -rf -- {} + 2>/dev/null || true
mktemp -d "$1/staging/run.XXXXXX"`;
var SWARM_WRITE = `set -eu
umask 077
mkdir -p -- "$(dirname -- "$1")"
cat > "$1"`;
var SWARM_DEPLOY = `set -u
dir=$1; stack=$2; registry=$3; user=$4; resolve=$5; prune=$6
${LOGIN}trap 'rm -rf -- "$cfg" "$dir"' EXIT
cd -- "$dir"
set -- docker stack deploy --with-registry-auth --resolve-image "$resolve" -c stack.yml
if [ "$prune" = true ]; then set -- "$@" --prune; fi
"$@" "$stack"`;
var SWARM_STATUS = `set -u
sock=/var/run/docker.sock
if [ -z "\${DOCKER_HOST:-}\${DOCKER_CONTEXT:-}" ] && [ -S "$sock" ] && command -v curl >/dev/null 2>&1; then
  # The Engine API itself: two small requests where the CLI takes four process starts, each a
  # Go binary that competes with dockerd on a small manager; the same JSON as the inspects below.
  f=$(printf '{"label":["com.docker.stack.namespace=%s"]}' "$1")
  if s=$(curl -sf --unix-socket "$sock" -G --data-urlencode "filters=$f" http://localhost/services) &&
    t=$(curl -sf --unix-socket "$sock" -G --data-urlencode "filters=$f" http://localhost/tasks); then
    printf '%s
---
%s
' "$s" "$t"
    exit 0
  fi
fi
ids=$(docker service ls -q --filter "label=com.docker.stack.namespace=$1") || exit 3
if [ -n "$ids" ]; then docker service inspect $ids || exit 3; else echo '[]'; fi
echo ---
tasks=$(docker stack ps -q --no-trunc "$1" 2>/dev/null || true)
# A task can go between the listing and the inspect: docker then prints the others and exits 1.
out=''
if [ -n "$tasks" ]; then out=$(docker inspect $tasks 2>/dev/null); fi
if [ -n "$out" ]; then printf '%s
' "$out"; else echo '[]'; fi`;
var SWARM_RECORD = `set -eu
umask 077
mkdir -p -- "$1/versions"
cat > "$1/versions/$2.yml.new"
mv -f -- "$1/versions/$2.yml.new" "$1/versions/$2.yml"
printf '%s\\n' "$3" >> "$1/history.jsonl"`;
var SWARM_HISTORY = `set -u
cat -- "$1/history.jsonl" 2>/dev/null || true`;
var SWARM_RECORDED = `set -u
cat -- "$1/versions/$2.yml" 2>/dev/null || exit 3`;
var SWARM_PRUNE_OBJECTS = `set -u
stack=$1; shift
for kind in config secret; do
  docker "$kind" ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}}' 2>/dev/null |
  while read -r name; do
    keep=no
    for k in "$@"; do [ "$k" = "$name" ] && keep=yes; done
    [ "$keep" = yes ] && continue
    docker "$kind" rm "$name" >/dev/null 2>&1 && printf '%s %s\\n' "$kind" "$name"
  done
done
exit 0`;

// packages/swarm/src/status.ts
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return value === void 0 || typeof value === "function" ? "null" : JSON.stringify(value);
}
var SPEC_FIELDS = [
  "Image",
  "Labels",
  "Command",
  "Args",
  "Env",
  "Dir",
  "User",
  "Hostname",
  "Mounts",
  "Healthcheck",
  "Configs",
  "Secrets",
  "ReadOnly",
  "Sysctls",
  "CapabilityAdd",
  "CapabilityDrop",
  "Init"
];
function specKey(spec, force) {
  const picked = Object.fromEntries(
    SPEC_FIELDS.filter((k) => spec?.[k] !== void 0).map((k) => [k, spec?.[k]])
  );
  return canonical({ spec: picked, force: force ?? 0 });
}
function parseSnapshot(text) {
  const [services = "[]", tasks = "[]"] = text.split(/^---$/m);
  return {
    services: JSON.parse(services.trim() || "[]"),
    tasks: JSON.parse(tasks.trim() || "[]")
  };
}
var UPDATE_STATES = /* @__PURE__ */ new Set([
  "updating",
  "completed",
  "paused",
  "rollback_started",
  "rollback_paused",
  "rollback_completed"
]);
function serviceStatuses(stack, snapshot) {
  return snapshot.services.map((s) => {
    const spec = s.Spec?.TaskTemplate?.ContainerSpec ?? {};
    const key = specKey(spec, s.Spec?.TaskTemplate?.ForceUpdate);
    const tasks = snapshot.tasks.filter((t) => t.ServiceID === s.ID);
    const live = tasks.filter((t) => t.DesiredState === "running" && t.Status?.State === "running");
    const current = live.filter((t) => specKey(t.Spec?.ContainerSpec, t.Spec?.ForceUpdate) === key);
    const global = s.Spec?.Mode?.Global !== void 0;
    const desired = global ? tasks.filter((t) => t.DesiredState === "running").length : s.Spec?.Mode?.Replicated?.Replicas ?? 1;
    const failedTasks = tasks.filter((t) => t.Status?.Err).sort((a, b) => (b.Status?.Timestamp ?? "").localeCompare(a.Status?.Timestamp ?? ""));
    const state = s.UpdateStatus?.State ?? "none";
    const fullName = s.Spec?.Name ?? "";
    return {
      name: fullName.startsWith(`${stack}_`) ? fullName.slice(stack.length + 1) : fullName,
      image: spec.Image ?? "",
      running: current.length,
      desired,
      stale: live.length - current.length,
      update: UPDATE_STATES.has(state) ? state : "none",
      specKey: key,
      message: s.UpdateStatus?.Message ?? "",
      taskError: failedTasks[0]?.Status?.Err ?? ""
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
}
function progressLine(status) {
  const state = status.update === "none" ? "" : ` ${status.update.replace("_", " ")}`;
  return `${status.name} ${status.running}/${status.desired}${state}${status.stale ? ` (${status.stale} old)` : ""}`;
}
function judge(statuses, deployed) {
  for (const s of statuses) {
    const why = [s.message, s.taskError && `task error: ${s.taskError}`].filter(Boolean).join("; ");
    const expected = deployed.get(s.name);
    if (expected !== void 0 && expected !== s.specKey)
      return {
        kind: "failed",
        service: s.name,
        reason: `Swarm rolled ${s.name} back${why ? ` (${why})` : ""}`
      };
    if (s.update === "paused" || s.update === "rollback_paused")
      return {
        kind: "failed",
        service: s.name,
        reason: `Swarm paused the update of ${s.name}${why ? ` (${why})` : ""}`
      };
  }
  for (const name of deployed.keys())
    if (!statuses.some((s) => s.name === name))
      return { kind: "failed", service: name, reason: `service ${name} is missing from the stack` };
  const done = statuses.every(
    (s) => s.running === s.desired && s.stale === 0 && s.update !== "updating" && s.update !== "rollback_started"
  );
  return done ? { kind: "converged" } : { kind: "progressing" };
}

// packages/swarm/src/deploy.ts
var POLL_MS = 1e3;
var swarmMessages = {
  worker: (label) => `${label} is a swarm worker; deploy-swarm needs a manager ('docker node ls' on a manager lists them; 'docker node promote' makes one)`,
  inactive: (label) => `${label} is not part of a swarm ('docker swarm init' makes it a manager)`,
  noManager: (reasons) => `No reachable swarm manager in 'hosts': ${reasons.join("; ")}`
};
function resolvePath(deployPath, home) {
  return deployPath.startsWith("~/") ? `${home.replace(/\/+$/, "")}/${deployPath.slice(2)}` : deployPath;
}
async function openManager(target, config, deps) {
  const label = target.port === 22 ? target.host : `${target.host}:${target.port}`;
  let host;
  try {
    const conn = await deps.connect(target);
    host = new RemoteHost(conn, label, deps.logger, config.commandTimeoutMs, deps.signal);
  } catch (error) {
    if (deps.signal.aborted) throw error;
    return { reason: `${label}: ${errorMessage(error)}` };
  }
  const role = await host.script("swarm-role", SWARM_ROLE, []);
  const [first = "", home = ""] = role.stdout.trim().split("\n");
  const [state = "", engineVersion = ""] = first.split(" ");
  const fail = (reason) => {
    host.conn.close();
    return { reason };
  };
  if (role.code !== 0)
    return fail(`${label}: ${role.stderr.trim() || `docker info failed (exit ${role.code})`}`);
  if (state === "worker") return fail(swarmMessages.worker(label));
  if (state !== "manager") return fail(swarmMessages.inactive(label));
  if (config.deployPath.startsWith("~/") && !home.startsWith("/"))
    return fail(
      `${label}: cannot resolve deploy-path ${config.deployPath}: $HOME is ${JSON.stringify(home)}`
    );
  const stackDir = `${resolvePath(config.deployPath, home)}/stacks/${config.stack}`;
  return { manager: { host, label, stackDir, engineVersion } };
}
function parseHistory(text) {
  return text.split("\n").filter((l) => l.trim().startsWith("{")).flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}
function currentVersion(history) {
  return [...history].reverse().find((h) => h.outcome === "deployed");
}
var StackOnManager = class {
  constructor(manager, config, deps) {
    this.manager = manager;
    this.config = config;
    this.deps = deps;
  }
  manager;
  config;
  deps;
  get host() {
    return this.manager.host;
  }
  async history() {
    const result = await this.host.must("read history", SWARM_HISTORY, [this.manager.stackDir]);
    return parseHistory(result.stdout);
  }
  async recorded(version) {
    const result = await this.host.script("read version", SWARM_RECORDED, [this.manager.stackDir, version]);
    if (result.code !== 0)
      throw new ActionFailedError(
        `${this.manager.label}: version ${version} of stack ${this.config.stack} is not recorded in ${this.manager.stackDir}/versions`
      );
    return (await loadYaml()).parse(result.stdout);
  }
  /** Pins every image to a digest: build-image's manifest first, else what the manager pulls. */
  async pinImages(rendered) {
    const images = /* @__PURE__ */ new Map();
    const toResolve = [];
    for (const service of rendered.services) {
      const fromManifest = this.config.manifest.get(repositoryOf(service.image));
      if (fromManifest) images.set(service.name, fromManifest);
      else if (service.image.includes("@sha256:")) images.set(service.name, service.image);
      else if (!toResolve.includes(service.image)) toResolve.push(service.image);
    }
    if (toResolve.length === 0) return images;
    const { registry } = this.config;
    const result = await this.host.must(
      "resolve images",
      SWARM_RESOLVE,
      [registry?.registry ?? "", registry?.username ?? "", ...toResolve],
      { stdin: registry ? `${registry.password}
` : "" }
    );
    const digests = new Map(
      result.stdout.trim().split("\n").filter(Boolean).map((line) => {
        const [ref = "", list = ""] = line.split("	");
        return [ref, list.trim().split(/\s+/).filter(Boolean)];
      })
    );
    for (const service of rendered.services) {
      if (images.has(service.name)) continue;
      const pinned = pinImage(service.image, digests.get(service.image) ?? []);
      if (pinned) images.set(service.name, pinned);
      else
        this.deps.logger.warning(
          `${service.name}: ${service.image} is only on ${this.manager.label} (no registry digest), so it cannot be pinned; every node must have it, and a rollback runs whatever that tag is then`
        );
    }
    return images;
  }
  /** Stages the stack file (and the configs' and secrets' files) and runs `docker stack deploy`. */
  async deploy(doc, files, options) {
    const staging = (await this.host.must("stage", SWARM_STAGE, [this.manager.stackDir])).stdout.trim();
    const { stringify } = await loadYaml();
    await this.host.must("write stack file", SWARM_WRITE, [`${staging}/stack.yml`], {
      stdin: stringify(doc, { lineWidth: 0 })
    });
    for (const file of files)
      await this.host.must(
        `write ${file.kind} ${file.key}`,
        SWARM_WRITE,
        [`${staging}/files/${file.kind}-${file.key}`],
        {
          stdin: file.content
        }
      );
    const { registry } = this.config;
    await this.host.must(
      "docker stack deploy",
      SWARM_DEPLOY,
      [
        staging,
        this.config.stack,
        registry?.registry ?? "",
        registry?.username ?? "",
        options.pinnedAll ? "never" : "always",
        String(options.prune)
      ],
      { stdin: registry ? `${registry.password}
` : "", echo: true }
    );
  }
  /**
   * Re-deploys a recorded version (images pinned, configs and secrets by name) and waits for it.
   * Swarm's own rollback of a failed update is let finish first: an update sent while it runs
   * interrupts it, and two controllers moving one service can leave it on either spec.
   */
  async redeploy(version) {
    const doc = await this.recorded(version);
    await this.settle();
    await this.deploy(doc, [], { pinnedAll: true, prune: true });
    return { ...await this.waitForRollout(Object.keys(documentImages(doc))), doc };
  }
  /** One poll interval, cut short at the deadline. */
  pause(deadline) {
    const { clock, signal } = this.deps;
    return clock.sleep(Math.min(this.config.pollMs, Math.max(0, deadline - clock.now())), signal);
  }
  /** Waits, up to the rollout timeout, until no service of the stack is updating or rolling back. */
  async settle() {
    const { clock, logger } = this.deps;
    const deadline = clock.now() + this.config.timeoutMs;
    for (let said = false; ; said = true) {
      const moving = (await this.snapshotOrRetry(deadline)).filter(
        (s) => s.update === "updating" || s.update === "rollback_started"
      );
      if (moving.length === 0 || clock.now() >= deadline) return;
      if (!said) logger.info(`  waiting for Swarm to finish with ${moving.map((s) => s.name).join(", ")}`);
      await this.pause(deadline);
    }
  }
  /** A snapshot; one that fails to read (the manager busy, output cut) is retried until the deadline. */
  async snapshotOrRetry(deadline) {
    for (; ; ) {
      try {
        return await this.snapshot();
      } catch (error) {
        if (this.deps.signal.aborted || this.deps.clock.now() >= deadline) throw error;
        this.deps.logger.debug(`stack status not read, retrying: ${errorMessage(error)}`);
        await this.deps.clock.sleep(this.config.pollMs, this.deps.signal);
      }
    }
  }
  async snapshot() {
    const result = await this.host.must("stack status", SWARM_STATUS, [this.config.stack]);
    return serviceStatuses(this.config.stack, parseSnapshot(result.stdout));
  }
  /**
   * Polls until every service runs the spec just deployed with its desired replicas, or fails
   * (Swarm rolled back or paused), or the deadline passes. Prints each change of progress.
   */
  async waitForRollout(services) {
    const { clock, logger } = this.deps;
    const deadline = clock.now() + this.config.timeoutMs;
    let statuses = await this.snapshotOrRetry(deadline);
    const deployed = new Map(
      statuses.filter((s) => services.includes(s.name)).map((s) => [s.name, s.specKey])
    );
    let last = "";
    for (; ; ) {
      const verdict = judge(statuses, deployed);
      const line = statuses.map(progressLine).join(", ");
      if (line !== last) logger.info(`  ${line}`);
      last = line;
      if (verdict.kind !== "progressing") return { verdict, statuses };
      if (clock.now() >= deadline) {
        const behind = statuses.filter(
          (s) => s.running !== s.desired || s.stale > 0 || s.update === "updating"
        );
        return {
          verdict: {
            kind: "failed",
            service: behind[0]?.name ?? "",
            reason: `not rolled out after ${formatMs(this.config.timeoutMs)}: ${behind.map(progressLine).join(", ")}${behind[0]?.taskError ? ` (task error: ${behind[0].taskError})` : ""}`
          },
          statuses
        };
      }
      await this.pause(deadline);
      statuses = await this.snapshotOrRetry(deadline);
    }
  }
  async gate() {
    const { health } = this.config;
    if (!health) return;
    const result = await runGate(gateOptions(health, health.url), {
      probe: this.deps.probe,
      clock: this.deps.clock,
      signal: this.deps.signal
    });
    if (!result.healthy) {
      const target = result.targets[0];
      throw new ActionFailedError(
        `health-url ${health.url.href} failed its health check: ${result.outcome}${target?.lastReason ? ` (${target.lastReason})` : ""} after ${result.attempts} attempts`
      );
    }
  }
  async record(doc, entry) {
    const { stringify } = await loadYaml();
    await this.host.must(
      "record version",
      SWARM_RECORD,
      [this.manager.stackDir, entry.version, JSON.stringify(entry)],
      {
        stdin: stringify(doc, { lineWidth: 0 })
      }
    );
  }
  /** A hook command on the manager, in the stack's directory (ssh-run's runner: env on stdin). */
  async hook(name, command, env) {
    this.deps.logger.info(`${name}: ${command}`);
    await this.host.userScript(name, command, { env, dir: this.manager.stackDir });
  }
  async pruneObjects(keep) {
    const result = await this.host.script("prune configs and secrets", SWARM_PRUNE_OBJECTS, [
      this.config.stack,
      ...keep
    ]);
    return result.stdout.trim().split("\n").filter(Boolean);
  }
};
function imageVariable(service) {
  return `IMAGE_${service.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
function hookEnv(config, previous, images) {
  return [
    ...config.env,
    ["STACK", config.stack],
    ["VERSION", config.version],
    ["PREVIOUS_VERSION", previous ?? ""],
    ...Object.entries(images).map(([service, image]) => [imageVariable(service), image])
  ];
}
function documentImages(doc) {
  const services = doc.services ?? {};
  return Object.fromEntries(
    Object.entries(services).map(([n, s]) => [n, typeof s.image === "string" ? s.image : ""])
  );
}
function documentObjects(doc) {
  const names = [];
  for (const kind of ["configs", "secrets"]) {
    const section = doc[kind] ?? {};
    for (const def of Object.values(section)) if (typeof def.name === "string") names.push(def.name);
  }
  return names;
}
async function findManager(hosts, config, deps) {
  const reasons = [];
  for (const [i, target] of hosts.entries()) {
    const opened = await openManager(target, config, deps);
    if ("manager" in opened) {
      if (reasons.length > 0) deps.logger.warning(`Passed over: ${reasons.join("; ")}`);
      return { manager: opened.manager, others: hosts.slice(i + 1) };
    }
    if (deps.signal.aborted) throw new CancelledError("Cancelled while looking for a manager");
    reasons.push(opened.reason);
  }
  throw new ActionFailedError(swarmMessages.noManager(reasons));
}
async function recordOnOthers(others, config, deps, doc, entry) {
  await Promise.all(
    others.map(async (target) => {
      const opened = await openManager(target, config, deps).catch((e) => ({
        reason: errorMessage(e)
      }));
      if (!("manager" in opened)) {
        deps.logger.warning(`History not copied: ${opened.reason}`);
        return;
      }
      try {
        await new StackOnManager(opened.manager, config, deps).record(doc, entry);
      } catch (error) {
        deps.logger.warning(`History not copied to ${opened.manager.label}: ${errorMessage(error)}`);
      } finally {
        opened.manager.host.conn.close();
      }
    })
  );
}
async function deployStack(rendered, hosts, config, deps) {
  const { clock, logger } = deps;
  const started = clock.now();
  const phases = new PhaseRecorder(clock);
  const { manager, others } = await phases.run("connect", () => findManager(hosts, config, deps));
  logger.info(`Manager: ${manager.label} (Docker ${manager.engineVersion})`);
  const stack = new StackOnManager(manager, config, deps);
  const lock = new DeployLock(
    manager.host,
    manager.stackDir,
    config.run,
    config.version,
    clock,
    "deploy-swarm"
  );
  const result = {
    ok: false,
    manager: manager.label,
    version: config.version,
    rolledBack: false,
    services: [],
    phases: phases.phases,
    durationMs: 0
  };
  try {
    await phases.run(
      "lock",
      () => lock.acquire({ timeoutMs: config.lockTimeoutMs, clock, logger, signal: deps.signal })
    );
    const history = await stack.history();
    const previous = currentVersion(history);
    result.previous = previous?.version;
    const images = await phases.run("pin images", () => stack.pinImages(rendered));
    const pinnedAll = rendered.services.every((s) => images.has(s.name));
    const base = withUpdateDefaults(rendered.doc, rendered.services);
    const deployDoc = stackDocument(base, rendered.files, images, "deploy");
    const recordDoc = stackDocument(base, rendered.files, images, "record");
    const entry = (outcome, rolledBackTo) => ({
      version: config.version,
      outcome,
      time: new Date(clock.now()).toISOString(),
      runId: config.run.runId,
      actor: config.run.actor,
      sha: config.run.sha,
      action: "deploy-swarm",
      images: documentImages(recordDoc),
      objects: documentObjects(recordDoc),
      ...rolledBackTo ? { rolledBackTo } : {}
    });
    const { hooks } = config;
    const env = hookEnv(config, previous?.version, documentImages(recordDoc));
    let deployed = false;
    try {
      const { migrate } = hooks;
      if (migrate) await phases.run("migrate", () => stack.hook("migrate", migrate, env));
      deployed = true;
      await phases.run(
        "deploy",
        () => stack.deploy(deployDoc, rendered.files, { pinnedAll, prune: config.prune })
      );
      const rollout = await phases.run(
        "roll out",
        () => stack.waitForRollout(rendered.services.map((s) => s.name))
      );
      result.services = rollout.statuses;
      if (rollout.verdict.kind === "failed") throw new ActionFailedError(rollout.verdict.reason);
      await phases.run("health gate", () => stack.gate());
      const { postSwitch } = hooks;
      if (postSwitch) await phases.run("post-switch", () => stack.hook("post-switch", postSwitch, env));
    } catch (error) {
      if (error instanceof CancelledError || deps.signal.aborted) throw error;
      result.error = errorMessage(error);
      logger.error(`Stack ${config.stack} ${config.version} failed: ${result.error}`);
      if (!deployed) {
        logger.info(`Nothing was deployed: the stack runs ${previous?.version ?? "what it ran"} as before`);
      } else if (config.rollbackOnFailure && previous) {
        logger.info(`Re-deploying the previous version ${previous.version} of the whole stack`);
        try {
          const back = await phases.run("roll back", () => stack.redeploy(previous.version));
          result.services = back.statuses;
          if (back.verdict.kind === "failed")
            result.error += `; the re-deploy of ${previous.version} failed too: ${back.verdict.reason}`;
          else result.rolledBack = true;
        } catch (rollbackError) {
          if (rollbackError instanceof CancelledError || isCancelled(deps.signal)) throw rollbackError;
          result.error += `; the re-deploy of ${previous.version} failed too: ${errorMessage(rollbackError)}`;
        }
      } else if (config.rollbackOnFailure) {
        logger.warning("No previous version of this stack is recorded: nothing to roll back to");
      }
      const after = async (name, command) => {
        if (!command) return;
        try {
          await phases.run(name, () => stack.hook(name, command, env));
        } catch (hookError) {
          if (hookError instanceof CancelledError || isCancelled(deps.signal)) throw hookError;
          logger.error(`${name}: ${errorMessage(hookError)}`);
          result.error = `${result.error ?? ""}; ${name} failed too: ${errorMessage(hookError)}`;
        }
      };
      if (result.rolledBack) await after("on-rollback", hooks.onRollback);
      await after("on-failure", hooks.onFailure);
      await stack.record(
        recordDoc,
        entry(
          result.rolledBack ? "rolled-back" : "failed",
          result.rolledBack ? previous?.version : void 0
        )
      ).catch((e) => logger.warning(`History not written: ${errorMessage(e)}`));
      return result;
    }
    await phases.run("record", async () => {
      const done = entry("deployed");
      await stack.record(recordDoc, done);
      await recordOnOthers(others, config, deps, recordDoc, done);
      const keep = [...done.objects, ...previous?.objects ?? []];
      const removed = await stack.pruneObjects(keep);
      if (removed.length > 0) logger.info(`Removed unused ${removed.join(", ")}`);
    });
    result.ok = true;
    return result;
  } finally {
    await lock.release(logger, deps.signal.aborted ? CANCELLED_STEP_MS : void 0);
    manager.host.conn.close();
    result.durationMs = clock.now() - started;
  }
}
async function listStackVersions(hosts, config, deps) {
  const { manager } = await findManager(hosts, config, deps);
  try {
    return { manager: manager.label, history: await new StackOnManager(manager, config, deps).history() };
  } finally {
    manager.host.conn.close();
  }
}
function rollbackTarget(history, to) {
  const deployed = history.filter((h) => h.outcome === "deployed");
  const current = deployed[deployed.length - 1];
  if (to !== void 0) {
    const found = [...deployed].reverse().find((h) => h.version === to);
    if (!found)
      throw new ActionFailedError(
        `Version ${to} was never deployed to this stack; recorded: ${[...new Set(deployed.map((h) => h.version))].join(", ") || "none"}`
      );
    return found;
  }
  const before = [...deployed].reverse().find((h) => h.version !== current?.version);
  if (!before) throw new ActionFailedError("No earlier version of this stack is recorded to roll back to");
  return before;
}
async function rollbackStack(hosts, request, config, deps) {
  const { clock, logger } = deps;
  const started = clock.now();
  const phases = new PhaseRecorder(clock);
  const { manager, others } = await phases.run("connect", () => findManager(hosts, config, deps));
  const stack = new StackOnManager(manager, config, deps);
  const result = {
    ok: false,
    manager: manager.label,
    version: request.to ?? "",
    rolledBack: false,
    services: [],
    phases: phases.phases,
    durationMs: 0
  };
  const lock = new DeployLock(
    manager.host,
    manager.stackDir,
    config.run,
    request.to ?? "previous",
    clock,
    "rollback"
  );
  try {
    await phases.run(
      "lock",
      () => lock.acquire({ timeoutMs: config.lockTimeoutMs, clock, logger, signal: deps.signal })
    );
    const history = await stack.history();
    result.previous = currentVersion(history)?.version;
    const target = rollbackTarget(history, request.to);
    result.version = target.version;
    logger.info(
      `Rolling stack ${config.stack} back to ${target.version} (now ${result.previous ?? "unknown"})`
    );
    const back = await phases.run("deploy", () => stack.redeploy(target.version));
    result.services = back.statuses;
    if (back.verdict.kind === "failed") throw new ActionFailedError(back.verdict.reason);
    await phases.run("health gate", () => stack.gate());
    const entry = {
      ...target,
      outcome: "deployed",
      time: new Date(clock.now()).toISOString(),
      runId: config.run.runId,
      actor: config.run.actor,
      sha: config.run.sha,
      action: "rollback"
    };
    delete entry.rolledBackTo;
    await phases.run("record", async () => {
      await stack.record(back.doc, entry);
      await recordOnOthers(others, config, deps, back.doc, entry);
    });
    result.ok = true;
    result.rolledBack = true;
    return result;
  } catch (error) {
    if (error instanceof CancelledError || deps.signal.aborted) throw error;
    result.error = errorMessage(error);
    return result;
  } finally {
    await lock.release(logger, deps.signal.aborted ? CANCELLED_STEP_MS : void 0);
    manager.host.conn.close();
    result.durationMs = clock.now() - started;
  }
}

// packages/swarm/src/report.ts
function servicesOutput(result) {
  return JSON.stringify(
    result.services.map((s) => ({
      name: s.name,
      image: s.image,
      digest: /@(sha256:[a-f0-9]{64})$/.exec(s.image)?.[1] ?? null,
      running: s.running,
      desired: s.desired,
      update: s.update
    }))
  );
}
function swarmSummary(title, result) {
  const icon = result.ok ? "\u2705" : result.rolledBack ? "\u21A9\uFE0F" : "\u274C";
  const state = result.ok ? "deployed" : result.rolledBack ? "rolled back" : "failed";
  const summary = new Summary().heading(`${title}: ${icon} ${state}`);
  summary.paragraph(
    `Manager ${result.manager}; previous version ${result.previous ?? "none"}; ${(result.durationMs / 1e3).toFixed(1)}s`
  );
  if (result.error) summary.code(result.error);
  if (result.services.length > 0)
    summary.table(
      ["service", "image", "replicas", "update"],
      result.services.map((s) => [s.name, s.image, `${s.running}/${s.desired}`, s.update])
    );
  if (result.phases.length > 0) summary.mermaid(timeline([{ host: "stack", phases: result.phases }]));
  return summary;
}

export {
  SERVICE,
  interpolate,
  interpolateDocument,
  mergeDocuments,
  UPDATE_DEFAULTS,
  renderStack,
  withUpdateDefaults,
  stackDocument,
  escapeDollars,
  pinImage,
  repositoryOf,
  SWARM_ROLE,
  SWARM_RESOLVE,
  SWARM_STAGE,
  SWARM_WRITE,
  SWARM_DEPLOY,
  SWARM_STATUS,
  SWARM_RECORD,
  SWARM_HISTORY,
  SWARM_RECORDED,
  SWARM_PRUNE_OBJECTS,
  canonical,
  specKey,
  parseSnapshot,
  serviceStatuses,
  progressLine,
  judge,
  POLL_MS,
  swarmMessages,
  openManager,
  parseHistory,
  currentVersion,
  StackOnManager,
  imageVariable,
  hookEnv,
  documentImages,
  documentObjects,
  findManager,
  recordOnOthers,
  deployStack,
  listStackVersions,
  rollbackTarget,
  rollbackStack,
  servicesOutput,
  swarmSummary
};
//# sourceMappingURL=chunk-Z3UECYBA.js.map
