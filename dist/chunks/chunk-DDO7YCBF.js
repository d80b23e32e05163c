import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);

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
  TAG,
  computeTags,
  IMAGE_NAME,
  REGISTRY_HOST,
  registryOf,
  imageReferenceForm,
  isImageReference,
  digestOf
};
//# sourceMappingURL=chunk-DDO7YCBF.js.map
