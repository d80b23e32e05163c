import { ActionFailedError, ConfigurationError } from '@deploy-kit/core';
import { analyzeCommits, type AnalyzedCommit, type MergeCommits } from './commits.js';
import type { Git } from './git.js';
import { highest, nextVersion } from './next.js';
import { compareVersions, formatVersion, parseVersion, type Bump, type Version } from './semver.js';

export interface PlanRequest {
  sha: string;
  prefix: string;
  initialVersion: Version;
  /** Prerelease channel for this branch; undefined: a stable release. */
  channel?: string;
  bump: 'auto' | Bump | 'none';
  zeroMajorBumps: boolean;
  mergeCommits: MergeCommits;
}

export type Plan =
  | {
      kind: 'release';
      version: Version;
      tag: string;
      bump: Bump;
      previous?: { version: Version; tag: string };
      /** Why: the commit that decided the bump, or the `bump` input. */
      reason: string;
      commits: AnalyzedCommit[];
    }
  | {
      kind: 'already-tagged';
      version: Version;
      tag: string;
      previous?: { version: Version; tag: string };
    }
  | {
      kind: 'nothing';
      reason: string;
      previous?: { version: Version; tag: string };
      commits: AnalyzedCommit[];
    };

export const shallowCloneMessage =
  'This is a shallow clone: version-tag needs the whole history and every tag to find the previous release. ' +
  "Set 'fetch-depth: 0' on actions/checkout";

function versionsOf(tags: readonly string[], prefix: string): Array<{ version: Version; tag: string }> {
  const out: Array<{ version: Version; tag: string }> = [];
  for (const tag of tags) {
    const version = tag.startsWith(prefix) ? parseVersion(tag.slice(prefix.length)) : undefined;
    if (version) out.push({ version, tag });
  }
  return out;
}

function highestOf(
  list: Array<{ version: Version; tag: string }>,
): { version: Version; tag: string } | undefined {
  const top = highest(list.map((v) => v.version));
  return top ? list.find((v) => compareVersions(v.version, top) === 0) : undefined;
}

/**
 * What to release at `sha`, from the repository alone: the previous release is the highest
 * `prefix`+semver tag reachable from `sha` (every tag, no listing limit); commits since it decide
 * the bump. Stable releases count from the previous stable release, so a release after `rc` tags
 * drops the suffix; prereleases number on from every existing tag of their channel.
 */
export async function planRelease(git: Git, request: PlanRequest): Promise<Plan> {
  if (await git.isShallow()) throw new ConfigurationError(shallowCloneMessage);
  const reachable = versionsOf(await git.tags(request.prefix, request.sha), request.prefix);
  const stable = reachable.filter((v) => v.version.pre.length === 0);
  const previousStable = highestOf(stable);
  const sameChannel = (v: Version): boolean =>
    request.channel ? v.pre[0] === request.channel : v.pre.length === 0;
  const previous = request.channel
    ? highestOf(reachable.filter((v) => v.version.pre.length === 0 || sameChannel(v.version)))
    : previousStable;

  // A re-run on a commit that already carries this channel's release: report it, change nothing.
  const here = versionsOf(await git.tagsAt(request.sha, request.prefix), request.prefix).filter((v) =>
    sameChannel(v.version),
  );
  const tagged = highestOf(here);
  if (tagged) {
    const before = highestOf(
      reachable.filter((v) => compareVersions(v.version, tagged.version) < 0 && sameChannel(v.version)),
    );
    return { kind: 'already-tagged', version: tagged.version, tag: tagged.tag, previous: before };
  }

  const range = previousStable ? `${previousStable.tag}..${request.sha}` : request.sha;
  const analysis = analyzeCommits(
    await git.log(range, request.mergeCommits === 'subject'),
    request.mergeCommits,
  );
  let bump: Bump | undefined;
  let reason: string;
  if (request.bump === 'none')
    return { kind: 'nothing', reason: 'bump: none', previous, commits: analysis.commits };
  if (request.bump !== 'auto') {
    bump = request.bump;
    reason = `bump: ${request.bump} (input)`;
  } else {
    bump = analysis.bump;
    if (!bump || !analysis.decidedBy)
      return {
        kind: 'nothing',
        reason: `no feat, fix, perf or breaking change in ${analysis.commits.length} commit(s) since ${previousStable?.tag ?? 'the start'}`,
        previous,
        commits: analysis.commits,
      };
    reason = `${analysis.decidedBy.sha.slice(0, 7)} ${analysis.decidedBy.header}`;
  }
  const all = request.channel
    ? versionsOf(await git.tags(request.prefix), request.prefix).map((v) => v.version)
    : [];
  const next = nextVersion({
    previous: previousStable?.version,
    bump,
    initialVersion: request.initialVersion,
    zeroMajorBumps: request.zeroMajorBumps,
    prerelease: request.channel ? { channel: request.channel, existing: all } : undefined,
  });
  const tag = `${request.prefix}${formatVersion(next.version)}`;
  return {
    kind: 'release',
    version: next.version,
    tag,
    bump: next.bump,
    previous,
    reason,
    commits: analysis.commits,
  };
}

/** Fails when `tag` exists on another commit (locally or on the remote): a release tag never moves. */
export async function assertTagFree(
  git: Git,
  remote: string | undefined,
  tag: string,
  sha: string,
): Promise<boolean> {
  const local = await git.commitOf(`refs/tags/${tag}`);
  const remoteSha = remote ? await git.remoteTagCommit(remote, tag) : undefined;
  for (const [where, at] of [
    ['here', local],
    [remote ?? '', remoteSha],
  ] as const) {
    if (at && at !== sha)
      throw new ActionFailedError(
        `Tag ${tag} already exists ${where === 'here' ? 'here' : `on ${where}`} on ${at.slice(0, 12)}, not ${sha.slice(0, 12)}; release tags are never moved`,
      );
  }
  return local === sha || remoteSha === sha;
}
