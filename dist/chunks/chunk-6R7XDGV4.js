import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);

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

// packages/image/src/tags.ts
var SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
function parseSemver(text) {
  const m = SEMVER.exec(text);
  if (!m) return void 0;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4], build: m[5] };
}
var TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
function sanitizeTag(text) {
  const replaced = text.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[.-]+/, "");
  return replaced.slice(0, 128);
}
function computeTags(context, options) {
  const tags = [];
  const add = (tag) => {
    if (tag && TAG.test(tag) && !tags.includes(tag)) tags.push(tag);
  };
  const shaTag = `sha-${context.sha.slice(0, 7)}`;
  let version = shaTag;
  let stable = false;
  let onDefaultBranch = false;
  const branch = context.ref.startsWith("refs/heads/") ? context.ref.slice("refs/heads/".length) : void 0;
  const tagRef = context.ref.startsWith("refs/tags/") ? context.ref.slice("refs/tags/".length) : void 0;
  const isPullRequest = context.eventName === "pull_request" || context.eventName === "pull_request_target";
  if (isPullRequest && context.pullRequestNumber !== void 0) {
    version = `pr-${context.pullRequestNumber}`;
    add(version);
  } else if (tagRef !== void 0) {
    const semver = parseSemver(tagRef);
    if (semver) {
      const full = `${semver.major}.${semver.minor}.${semver.patch}${semver.prerelease ? `-${semver.prerelease}` : ""}`;
      version = full;
      add(full);
      if (!semver.prerelease) {
        stable = true;
        add(`${semver.major}.${semver.minor}`);
        if (semver.major > 0) add(String(semver.major));
      }
    } else {
      version = sanitizeTag(tagRef);
      add(version);
    }
  } else if (branch !== void 0) {
    version = sanitizeTag(branch);
    add(version);
    onDefaultBranch = context.defaultBranch !== void 0 && branch === context.defaultBranch;
  }
  add(shaTag);
  for (const tag of options.extra) add(tag);
  const latest = options.latest === "true" || options.latest === "auto" && (onDefaultBranch || stable);
  if (latest) add("latest");
  return { tags, version };
}
var IMAGE_NAME = /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
var REGISTRY_HOST = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?$/;
function registryOf(image) {
  const [first = ""] = image.split("/");
  return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
}
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var imageReferenceForm = "an image reference, name[:tag][@sha256:<64 hex>] with a lower-case name";
function isImageReference(ref) {
  const at = ref.indexOf("@");
  const named = at >= 0 ? ref.slice(0, at) : ref;
  if (at >= 0 && !DIGEST.test(ref.slice(at + 1))) return false;
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const hasTag = colon > slash;
  const name = hasTag ? named.slice(0, colon) : named;
  return IMAGE_NAME.test(name) && (!hasTag || TAG.test(named.slice(colon + 1)));
}
function digestOf(ref) {
  const at = ref.indexOf("@");
  return at >= 0 && DIGEST.test(ref.slice(at + 1)) ? ref.slice(at + 1) : void 0;
}

export {
  buildArgv,
  pushArgv,
  loginArgv,
  logoutArgv,
  ghaScope,
  ociLabels,
  mergeLabels,
  TAG,
  computeTags,
  IMAGE_NAME,
  REGISTRY_HOST,
  registryOf,
  imageReferenceForm,
  isImageReference,
  digestOf
};
//# sourceMappingURL=chunk-6R7XDGV4.js.map
