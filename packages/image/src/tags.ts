/**
 * Image tags from the event, as docker/metadata-action derives them: `sha-<short>` always; the
 * branch (sanitised) on a push to it; `1.2.3`, `1.2`, `1` from a `v1.2.3` tag (only the full
 * version for a pre-release, and no bare `0` major); `pr-N` on a pull request; `latest` on the
 * default branch or a stable semver tag (configurable); plus raw tags.
 */
export type LatestPolicy = 'auto' | 'true' | 'false';

export interface TagContext {
  eventName: string;
  /** GITHUB_REF: refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge. */
  ref: string;
  sha: string;
  defaultBranch?: string;
  pullRequestNumber?: number;
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease?: string;
  build?: string;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseSemver(text: string): SemVer | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4], build: m[5] };
}

/** A Docker tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}. */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A branch name as a tag: anything outside the tag alphabet becomes '-', trimmed to 128. */
export function sanitizeTag(text: string): string {
  const replaced = text.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '');
  return replaced.slice(0, 128);
}

export interface TagResult {
  tags: string[];
  /** The version the image carries (semver tag, else branch or pr-N, else sha-…), for the OCI label. */
  version: string;
}

export function computeTags(
  context: TagContext,
  options: { latest: LatestPolicy; extra: readonly string[] },
): TagResult {
  const tags: string[] = [];
  const add = (tag: string): void => {
    if (tag && TAG.test(tag) && !tags.includes(tag)) tags.push(tag);
  };
  const shaTag = `sha-${context.sha.slice(0, 7)}`;
  let version = shaTag;
  let stable = false;
  let onDefaultBranch = false;

  const branch = context.ref.startsWith('refs/heads/') ? context.ref.slice('refs/heads/'.length) : undefined;
  const tagRef = context.ref.startsWith('refs/tags/') ? context.ref.slice('refs/tags/'.length) : undefined;
  const isPullRequest = context.eventName === 'pull_request' || context.eventName === 'pull_request_target';

  if (isPullRequest && context.pullRequestNumber !== undefined) {
    version = `pr-${context.pullRequestNumber}`;
    add(version);
  } else if (tagRef !== undefined) {
    const semver = parseSemver(tagRef);
    if (semver) {
      const full = `${semver.major}.${semver.minor}.${semver.patch}${semver.prerelease ? `-${semver.prerelease}` : ''}`;
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
  } else if (branch !== undefined) {
    version = sanitizeTag(branch);
    add(version);
    onDefaultBranch = context.defaultBranch !== undefined && branch === context.defaultBranch;
  }
  add(shaTag);
  for (const tag of options.extra) add(tag);
  const latest = options.latest === 'true' || (options.latest === 'auto' && (onDefaultBranch || stable));
  if (latest) add('latest');
  return { tags, version };
}

/** An image name: [registry[:port]/]path, lower-case path components (Docker's reference grammar). */
export const IMAGE_NAME =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** A registry as users name it: host[:port]. */
export const REGISTRY_HOST = /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?$/;

/** The registry of an image reference: its first component when that looks like a host. */
export function registryOf(image: string): string {
  const [first = ''] = image.split('/');
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export const imageReferenceForm = 'an image reference, name[:tag][@sha256:<64 hex>] with a lower-case name';

/** name[:tag][@sha256:…]: each part checked on its own (the name grammar forbids capitals). */
export function isImageReference(ref: string): boolean {
  const at = ref.indexOf('@');
  const named = at >= 0 ? ref.slice(0, at) : ref;
  if (at >= 0 && !DIGEST.test(ref.slice(at + 1))) return false;
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? named.slice(0, colon) : named;
  return IMAGE_NAME.test(name) && (!hasTag || TAG.test(named.slice(colon + 1)));
}

/** The `sha256:…` digest of a `name@sha256:…` reference, or undefined. */
export function digestOf(ref: string): string | undefined {
  const at = ref.indexOf('@');
  return at >= 0 && DIGEST.test(ref.slice(at + 1)) ? ref.slice(at + 1) : undefined;
}
