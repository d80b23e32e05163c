import { bumpVersion, compareVersions, type Bump, type Version } from './semver.js';

export interface NextRequest {
  /** Highest stable release reachable from the commit; undefined: first release. */
  previous?: Version;
  /** From the commits or the `bump` input. */
  bump: Bump;
  initialVersion: Version;
  /** Apply major bumps in 0.x (by default, 0.x breaking changes bump the minor, features the patch). */
  zeroMajorBumps: boolean;
  /** Prerelease channel (`rc`) and every existing version, to count `rc.N`. */
  prerelease?: { channel: string; existing: readonly Version[] };
}

export interface Next {
  version: Version;
  /** The bump applied (after the 0.x rule); for a first release, the one the commits asked for. */
  bump: Bump;
}

const ZERO_MAJOR: Record<Bump, Bump> = { major: 'minor', minor: 'patch', patch: 'patch' };

export function nextVersion(request: NextRequest): Next {
  let version: Version;
  let bump: Bump | undefined;
  if (!request.previous) {
    version = { ...request.initialVersion, pre: [] };
  } else {
    bump = request.previous.major === 0 && !request.zeroMajorBumps ? ZERO_MAJOR[request.bump] : request.bump;
    version = bumpVersion(request.previous, bump);
  }
  if (request.prerelease) {
    const { channel, existing } = request.prerelease;
    const numbers = existing
      .filter(
        (v) =>
          v.major === version.major &&
          v.minor === version.minor &&
          v.patch === version.patch &&
          v.pre[0] === channel &&
          typeof v.pre[1] === 'number',
      )
      .map((v) => v.pre[1] as number);
    version = { ...version, pre: [channel, Math.max(0, ...numbers) + 1] };
  }
  return { version, bump: bump ?? request.bump };
}

/** The highest version of a list, or undefined. */
export function highest(versions: readonly Version[]): Version | undefined {
  return [...versions].sort(compareVersions).at(-1);
}
