import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  tmpdir
} from "../chunks/chunk-PO4T6QVY.js";
import {
  localExec
} from "../chunks/chunk-7HPFKMMW.js";
import "../chunks/chunk-46KUD6QG.js";
import {
  IMAGE_NAME,
  REGISTRY_HOST,
  TAG,
  computeTags,
  registryOf
} from "../chunks/chunk-DDO7YCBF.js";
import {
  lineEcho
} from "../chunks/chunk-MP5WS7JU.js";
import {
  assertTrustedEvent
} from "../chunks/chunk-UYDZ6KH6.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  join,
  resolve
} from "../chunks/chunk-7BJK7U2H.js";
import {
  hasControlCharacter
} from "../chunks/chunk-LAOQIHUA.js";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/image/src/commands.ts
function buildArgv(spec) {
  const argv = spec.engine === "docker" ? ["docker", "buildx", "build"] : ["podman", "build"];
  if (spec.file) argv.push("--file", spec.file);
  for (const ref of spec.refs) argv.push("--tag", ref);
  for (const [key, value] of spec.labels) argv.push("--label", `${key}=${value}`);
  if (spec.platforms.length > 0) argv.push("--platform", spec.platforms.join(","));
  for (const [key, value] of spec.buildArgs) argv.push("--build-arg", `${key}=${value}`);
  for (const secret of spec.secrets) argv.push("--secret", `id=${secret.id},src=${secret.file}`);
  if (spec.target) argv.push("--target", spec.target);
  if (spec.engine === "docker") {
    if (spec.cache.kind === "gha") {
      argv.push("--cache-from", `type=gha,scope=${spec.cache.scope}`);
      argv.push("--cache-to", `type=gha,mode=max,scope=${spec.cache.scope}`);
    } else if (spec.cache.kind === "registry") {
      argv.push("--cache-from", `type=registry,ref=${spec.cache.ref}`);
      argv.push("--cache-to", `type=registry,ref=${spec.cache.ref},mode=max`);
    }
    argv.push("--metadata-file", spec.metadataFile);
    argv.push(spec.push ? "--push" : "--load");
  } else {
    argv.push("--layers");
    if (spec.cache.kind === "registry")
      argv.push("--cache-from", spec.cache.ref, "--cache-to", spec.cache.ref);
    argv.push("--iidfile", spec.metadataFile);
  }
  argv.push(spec.context);
  return argv;
}
function pushArgv(ref, digestFile) {
  return ["podman", "push", "--digestfile", digestFile, ref];
}
function loginArgv(engine, registry, username) {
  return [engine, "login", "--username", username, "--password-stdin", registry];
}
function logoutArgv(engine, registry) {
  return [engine, "logout", registry];
}
function ghaScope(image, platform) {
  return `${image}${platform ? `-${platform}` : ""}`.replace(/[^A-Za-z0-9_.-]/g, "-");
}

// packages/image/src/labels.ts
function ociLabels(context) {
  const labels = {
    "org.opencontainers.image.created": context.createdIso,
    "org.opencontainers.image.revision": context.sha,
    "org.opencontainers.image.version": context.version
  };
  if (context.repository) {
    labels["org.opencontainers.image.source"] = `${context.serverUrl}/${context.repository}`;
    labels["org.opencontainers.image.title"] = context.repository.split("/").pop() ?? context.repository;
  }
  return labels;
}
function mergeLabels(auto, user) {
  const merged = new Map(Object.entries(auto));
  for (const [k, v] of user) merged.set(k, v);
  return [...merged.entries()];
}

// actions/build-image/inputs.ts
var forms = {
  image: "image names like ghcr.io/acme/app or 127.0.0.1:5000/app (lower-case path), newline- or comma-separated",
  tags: "Docker tags ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})",
  platforms: "platforms like linux/amd64, linux/arm64/v8",
  path: "a path relative to the workspace (or absolute), not starting with '-', on one line",
  labelKey: "a label key (letters, digits, . _ -)",
  target: "a build stage name (letters, digits, _ . -)",
  registry: "a registry host[:port]",
  username: "a registry user name without spaces"
};
var PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
var LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var STAGE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
var USERNAME = /^[^\s]{1,256}$/;
var SECRET_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
function safePath(name, value) {
  if (value.startsWith("-") || hasControlCharacter(value))
    throw new ConfigurationError(messages.invalidInput(name, forms.path, value));
  return value;
}
function readImages(read, notices) {
  const names = read.list("image", { required: true, accepted: forms.image });
  const [first, ...rest] = names.map((name) => {
    const lower = name.replace(/\/.*$/s, (path) => path.toLowerCase());
    const folded = name.includes("/") ? lower : name.toLowerCase();
    if (folded !== name)
      notices.push(`Input 'image': '${name}' has capitals; using '${folded}' (image names are lower-case)`);
    if (!IMAGE_NAME.test(folded))
      throw new ConfigurationError(messages.invalidInput("image", forms.image, name));
    return folded;
  });
  if (first === void 0) throw new ConfigurationError(messages.requiredInput("image", forms.image));
  return [first, ...rest];
}
function readInputs(read) {
  const notices = [];
  const image = readImages(read, notices);
  const pushText = read.string("push");
  if (pushText !== void 0 && pushText !== "true" && pushText !== "false")
    throw new ConfigurationError(
      messages.invalidInput("push", "true or false (empty: push except on pull requests)", pushText)
    );
  const engine = read.enum("engine", ["docker", "podman"]);
  const platforms = read.list("platforms", { item: PLATFORM, accepted: forms.platforms });
  if (engine === "podman" && platforms.length > 1)
    throw new ConfigurationError(
      `Input 'platforms': podman builds one platform per run here (got ${platforms.join(", ")}); use a matrix, or 'engine: docker' with buildx`
    );
  const cache = read.enum("cache", ["none", "gha", "registry"]);
  if (engine === "podman" && cache === "gha")
    throw new ConfigurationError(
      "Input 'cache': gha is a BuildKit cache; with 'engine: podman' use registry or none"
    );
  const username = read.string("username", { pattern: USERNAME, accepted: forms.username });
  const password = read.string("password", { secret: true });
  if (username === void 0 !== (password === void 0))
    throw new ConfigurationError(
      "Inputs 'username' and 'password' go together: set both to log in, or neither"
    );
  const file = read.string("file");
  return {
    image,
    tags: read.list("tags", { item: TAG, accepted: forms.tags }),
    latest: read.enum("latest", ["auto", "true", "false"]),
    labels: read.keyValues("labels", { key: LABEL_KEY, keyForm: forms.labelKey }),
    context: safePath("context", read.string("context", { required: true, accepted: forms.path })),
    file: file === void 0 ? void 0 : safePath("file", file),
    target: read.string("target", { pattern: STAGE, accepted: forms.target }),
    platforms,
    "build-args": read.keyValues("build-args"),
    secrets: read.keyValues("secrets", {
      secret: true,
      key: SECRET_ID,
      keyForm: "a secret id ([A-Za-z_][A-Za-z0-9_]*)"
    }),
    cache,
    push: pushText === void 0 ? void 0 : pushText === "true",
    registry: read.string("registry", { pattern: REGISTRY_HOST, accepted: forms.registry }),
    username,
    password,
    engine,
    "manifest-name": read.string("manifest-name", {
      pattern: /^[a-z0-9][a-z0-9_.-]{0,63}$/,
      accepted: "a file name of lower-case letters, digits and _ . -"
    }),
    "allow-untrusted-event": read.boolean("allow-untrusted-event"),
    notices
  };
}

// actions/build-image/main.ts
function cacheSpec(inputs) {
  const image = inputs.image[0];
  if (inputs.cache === "gha") return { kind: "gha", scope: ghaScope(image, inputs.platforms[0]) };
  if (inputs.cache === "registry")
    return {
      kind: "registry",
      ref: inputs.engine === "docker" ? `${image}:buildcache` : `${image}-buildcache`
    };
  return { kind: "none" };
}
async function run(inputs, deps) {
  const { logger, env } = deps;
  assertTrustedEvent(deps.event, inputs["allow-untrusted-event"]);
  for (const notice of inputs.notices) logger.warning(notice);
  const payload = deps.event.payload;
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const isPullRequest = eventName === "pull_request" || eventName === "pull_request_target";
  const sha = env.GITHUB_SHA ?? "";
  const { tags, version } = computeTags(
    {
      eventName,
      ref: env.GITHUB_REF ?? "",
      sha,
      defaultBranch: payload.repository?.default_branch,
      pullRequestNumber: payload.pull_request?.number
    },
    { latest: inputs.latest, extra: inputs.tags }
  );
  const refs = inputs.image.flatMap((image) => tags.map((tag) => `${image}:${tag}`));
  const labels = mergeLabels(
    ociLabels({
      serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
      repository: env.GITHUB_REPOSITORY,
      sha,
      createdIso: new Date(deps.clock.now()).toISOString(),
      version
    }),
    inputs.labels
  );
  const push = inputs.push ?? !isPullRequest;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const context = resolve(workspace, inputs.context);
  if (!existsSync(context))
    throw new ActionFailedError(`Build context ${inputs.context} does not exist in the workspace`);
  const temp = mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), "deploy-kit-build-"));
  chmodSync(temp, 448);
  const registry = inputs.registry ?? registryOf(inputs.image[0]);
  const engineEnv = { ...process.env, ...env };
  if (inputs.engine === "podman" && inputs.username) engineEnv.REGISTRY_AUTH_FILE = join(temp, "auth.json");
  const must = async (what, argv, options = {}) => {
    logger.info(`$ ${argv.join(" ")}`);
    const echo = lineEcho(logger);
    const result = await deps.exec(argv, { env: engineEnv, signal: deps.signal, onOutput: (text) => echo.write(text), ...options }).finally(() => echo.end());
    if (result.code !== 0)
      throw new ActionFailedError(`${what} failed (exit ${result.code ?? result.signal ?? "?"})`);
    return result.stdout;
  };
  let loggedIn = false;
  try {
    if (inputs.username && inputs.password) {
      await must(`login to ${registry}`, loginArgv(inputs.engine, registry, inputs.username), {
        stdin: inputs.password,
        onOutput: void 0
      });
      loggedIn = true;
    }
    const secretsDir = join(temp, "secrets");
    mkdirSync(secretsDir, { mode: 448 });
    const secrets = inputs.secrets.map(([id, value]) => {
      const file = join(secretsDir, id);
      writeFileSync(file, value, { mode: 384 });
      return { id, file };
    });
    const metadataFile = join(temp, inputs.engine === "docker" ? "metadata.json" : "iid");
    await logger.group(
      `Build ${refs[0]}${refs.length > 1 ? ` (+${refs.length - 1} tags)` : ""}`,
      () => must(
        "build",
        buildArgv({
          engine: inputs.engine,
          context,
          file: inputs.file ? resolve(workspace, inputs.file) : void 0,
          refs,
          labels,
          platforms: inputs.platforms,
          buildArgs: inputs["build-args"],
          secrets,
          target: inputs.target,
          cache: cacheSpec(inputs),
          push,
          metadataFile
        })
      )
    );
    let digest;
    let imageId;
    if (inputs.engine === "docker") {
      const metadata = JSON.parse(readFileSync(metadataFile, "utf8"));
      digest = push ? metadata["containerimage.digest"] : void 0;
      imageId = metadata["containerimage.config.digest"];
    } else {
      imageId = readFileSync(metadataFile, "utf8").trim();
      if (push) {
        for (const [index, ref] of refs.entries()) {
          const digestFile = join(temp, `digest-${index}`);
          await must(`push ${ref}`, pushArgv(ref, digestFile));
          digest ??= readFileSync(digestFile, "utf8").trim();
        }
      }
    }
    const result = { refs, digest, imageId, pushed: push };
    report(inputs, result, labels, deps);
    return result;
  } finally {
    if (loggedIn && inputs.engine === "docker") {
      await deps.exec(logoutArgv("docker", registry), { env: engineEnv }).catch(() => void 0);
    }
    rmSync(temp, { recursive: true, force: true });
  }
}
function report(inputs, result, labels, deps) {
  const imageRef = result.digest ? `${inputs.image[0]}@${result.digest}` : "";
  deps.setOutput("digest", result.digest ?? "");
  deps.setOutput("image-ref", imageRef);
  deps.setOutput("tags", result.refs.join("\n"));
  deps.setOutput(
    "metadata",
    JSON.stringify({
      images: inputs.image,
      refs: result.refs,
      digest: result.digest ?? null,
      imageId: result.imageId ?? null,
      pushed: result.pushed,
      platforms: inputs.platforms,
      labels: Object.fromEntries(labels)
    })
  );
  let manifestPath = "";
  if (inputs["manifest-name"] && imageRef) {
    const dir = join(deps.env.RUNNER_TEMP ?? tmpdir(), "deploy-kit-manifests");
    mkdirSync(dir, { recursive: true });
    manifestPath = join(dir, `${inputs["manifest-name"]}.json`);
    writeFileSync(manifestPath, `${JSON.stringify({ [inputs["manifest-name"]]: imageRef })}
`);
  }
  deps.setOutput("manifest", manifestPath);
  deps.writeSummary(
    new Summary().heading(`build-image ${inputs.image[0]}: ${result.pushed ? "pushed" : "built"}`).table(
      ["image", "digest", "tags", "platforms", "cache", "engine"],
      [
        [
          inputs.image.join(", "),
          result.digest ?? result.imageId ?? "",
          result.refs.length,
          inputs.platforms.join(", ") || "default",
          inputs.cache,
          inputs.engine
        ]
      ]
    ).table(
      ["reference"],
      result.refs.map((r) => [r])
    )
  );
  deps.logger.info(result.digest ? `Pushed ${imageRef}` : `Built ${result.imageId ?? ""} (not pushed)`);
}
var buildImage = {
  name: "build-image",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, exec: localExec });
  }
};
export {
  buildImage,
  run
};
//# sourceMappingURL=main.js.map
