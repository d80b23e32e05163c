import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  proxiedFetch,
  ActionFailedError,
  ConfigurationError,
  localExec,
  runRepository,
  Summary,
  type ActionContext,
  type ActionDefinition,
  type LocalExec,
} from '@deploy-kit/core';
import {
  assertTagFree,
  createRelease,
  dispatchWorkflow,
  formatVersion,
  Git,
  planRelease,
  renderChangelog,
  type GitHubApi,
  type Plan,
} from '@deploy-kit/version';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  exec: LocalExec;
  fetch: typeof fetch;
  /** The working copy (GITHUB_WORKSPACE). */
  cwd: string;
}

export interface Outcome {
  created: boolean;
  version?: string;
  tag?: string;
  releaseUrl?: string;
}

type Release = Extract<Plan, { kind: 'release' }>;

function repoUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_REPOSITORY
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}`
    : undefined;
}

function changelogOf(plan: Release, env: NodeJS.ProcessEnv, now: number): string {
  return renderChangelog(plan.commits, {
    repoUrl: repoUrl(env),
    version: formatVersion(plan.version),
    tag: plan.tag,
    previousTag: plan.previous?.tag,
    date: new Date(now).toISOString().slice(0, 10),
  });
}

/** Sets version in package.json and package-lock.json (both places npm keeps it), keeping their formatting. */
export function updateVersionFiles(cwd: string, version: string): string[] {
  const changed: string[] = [];
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(cwd, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const json = JSON.parse(text) as { version?: string; packages?: Record<string, { version?: string }> };
    json.version = version;
    if (json.packages?.['']) json.packages[''].version = version;
    const indent = /^\{\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    writeFileSync(path, `${JSON.stringify(json, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
    changed.push(file);
  }
  if (!changed.includes('package.json'))
    throw new ConfigurationError("Input 'update-files': there is no package.json in the workspace");
  return changed;
}

/** Whether `git push --porcelain` reported the tag as already up to date (flag `=`). */
export function pushedUpToDate(porcelain: string, tag: string): boolean {
  return porcelain.split('\n').some((line) => line.startsWith('=\t') && line.includes(`refs/tags/${tag}`));
}

/** Every output, on every path: the steps that read them never see one missing. */
function writeOutputs(
  deps: Deps,
  plan: Plan | undefined,
  rest: { bump?: string; changelog?: string; releaseUrl?: string; created: boolean },
): void {
  const tagged = plan && plan.kind !== 'nothing' ? plan : undefined;
  const values: Record<string, string | boolean> = {
    version: tagged ? formatVersion(tagged.version) : '',
    tag: tagged?.tag ?? '',
    'previous-version': plan?.previous ? formatVersion(plan.previous.version) : '',
    'previous-tag': plan?.previous?.tag ?? '',
    bump: rest.bump ?? 'none',
    changelog: rest.changelog ?? '',
    'release-url': rest.releaseUrl ?? '',
    created: rest.created,
  };
  for (const [name, value] of Object.entries(values)) deps.setOutput(name, value);
}

export async function run(inputs: Inputs, deps: Deps): Promise<Outcome> {
  const { logger, env } = deps;
  const git = new Git(deps.exec, deps.cwd, env, deps.signal);
  if (!(await git.isRepository()))
    throw new ConfigurationError(
      `${deps.cwd} is not a git repository: run actions/checkout (fetch-depth: 0) first`,
    );
  const sha = await git.commitOf(inputs.sha);
  if (!sha) throw new ConfigurationError(`Input 'sha': ${inputs.sha} is not a commit in this repository`);

  // Before anything changes. Only what calls the API needs the repository: a tag-only run works
  // without GITHUB_REPOSITORY.
  const callsApi =
    !inputs['dry-run'] && (inputs['create-release'] || inputs['dispatch-workflow'] !== undefined);
  const api: GitHubApi | undefined =
    inputs['github-token'] && callsApi
      ? {
          apiUrl: inputs['github-api-url'].href,
          token: inputs['github-token'],
          repository: runRepository(env, 'create-release and dispatch-workflow'),
          fetch: deps.fetch,
        }
      : undefined;

  const branch = inputs.branch;
  const channel = branch ? inputs['prerelease-branches'].get(branch) : undefined;
  const releases =
    branch !== undefined && (channel !== undefined || inputs['release-branches'].includes(branch));
  const summary = new Summary();
  const none = (reason: string, plan?: Plan): Outcome => {
    logger.info(`No release: ${reason}`);
    writeOutputs(deps, plan, { created: false });
    deps.writeSummary(summary.heading('version-tag: no release').paragraph(reason));
    return { created: false };
  };
  if (!releases)
    return none(
      branch === undefined
        ? "no branch (set 'branch' when the workflow does not run on one)"
        : `branch ${branch} is neither in release-branches nor in prerelease-branches`,
    );

  const request = {
    sha,
    prefix: inputs['tag-prefix'],
    initialVersion: inputs['initial-version'],
    channel,
    bump: inputs.bump,
    zeroMajorBumps: inputs['zero-major-bumps'],
    mergeCommits: inputs['merge-commits'],
  };
  // Tags pushed since the checkout (another release) must count before anything is computed.
  await git.fetchTags(inputs.remote);
  let plan = await planRelease(git, request);
  if (plan.kind === 'nothing') return none(plan.reason, plan);
  if (plan.kind === 'already-tagged') {
    logger.info(`${sha.slice(0, 12)} is already released as ${plan.tag}: nothing to do`);
    writeOutputs(deps, plan, { created: false });
    deps.writeSummary(summary.heading(`version-tag: ${plan.tag} (already tagged)`));
    return { created: false, version: formatVersion(plan.version), tag: plan.tag };
  }

  let tagSha = sha;
  let created = false;
  if (inputs['dry-run']) {
    logger.info(`Dry run: would tag ${plan.tag} on ${sha.slice(0, 12)} (${plan.bump}: ${plan.reason})`);
  } else {
    // Two runs may race to the same tag: the loser refetches and recomputes once, then gives up.
    for (let attempt = 1; ; attempt += 1) {
      const version = formatVersion(plan.version);
      if (await assertTagFree(git, inputs.remote, plan.tag, tagSha)) {
        logger.info(`${plan.tag} already points at ${tagSha.slice(0, 12)}: nothing to push`);
        break;
      }
      if (inputs['update-files'] && tagSha === sha) {
        if (!branch)
          throw new ConfigurationError("update-files needs 'branch' to push the version commit to");
        const files = updateVersionFiles(deps.cwd, version);
        tagSha = await git.commitFiles(files, `chore(release): ${version}\n`, sha);
        const pushed = await git.push(inputs.remote, [`${tagSha}:refs/heads/${branch}`]);
        if (pushed.code !== 0)
          throw new ActionFailedError(
            `Pushing the version commit to ${branch} failed (the branch moved on?): ${pushed.stderr.trim()}`,
          );
        logger.info(`Committed ${files.join(', ')} at ${version} as ${tagSha.slice(0, 12)} on ${branch}`);
      }
      const message = `${plan.tag}\n\n${changelogOf(plan, env, deps.clock.now())}`;
      await git.createAnnotatedTag(plan.tag, tagSha, message);
      const pushed = await git.push(inputs.remote, [`refs/tags/${plan.tag}:refs/tags/${plan.tag}`]);
      if (pushed.code === 0) {
        // `=` (up to date): a racing run pushed a byte-identical tag (same commit, message, second).
        created = !pushedUpToDate(pushed.stdout, plan.tag);
        logger.info(
          created
            ? `Tagged ${tagSha.slice(0, 12)} as ${plan.tag} and pushed it to ${inputs.remote}`
            : `Another run pushed the identical ${plan.tag}: nothing more to do`,
        );
        break;
      }
      await git.deleteLocalTag(plan.tag);
      await git.fetchTags(inputs.remote);
      if ((await git.remoteTagCommit(inputs.remote, plan.tag)) === tagSha) {
        logger.info(`Another run pushed ${plan.tag} on the same commit: nothing more to do`);
        break;
      }
      if (attempt === 2)
        throw new ActionFailedError(
          `Pushing ${plan.tag} failed twice (another release raced this one): ${pushed.stderr.trim()}; re-run the job`,
        );
      logger.warning(
        `Pushing ${plan.tag} was rejected (${pushed.stderr.trim()}); recomputing with the new tags`,
      );
      const again = await planRelease(git, request);
      if (again.kind !== 'release') {
        // The racing run released this very commit (or nothing is left to release).
        return again.kind === 'already-tagged'
          ? { created: false, version: formatVersion(again.version), tag: again.tag }
          : none(again.reason, again);
      }
      plan = again;
    }
  }

  const version = formatVersion(plan.version);
  const prerelease = plan.version.pre.length > 0;
  const changelog = changelogOf(plan, env, deps.clock.now());
  if (!inputs['dry-run'] && !prerelease && (inputs['update-major-tag'] || inputs['update-minor-tag'])) {
    // The one case a tag moves, by design: `v1` follows the newest 1.x.y.
    const moving = [`${inputs['tag-prefix']}${plan.version.major}`];
    if (inputs['update-minor-tag'])
      moving.push(`${inputs['tag-prefix']}${plan.version.major}.${plan.version.minor}`);
    if (!inputs['update-major-tag']) moving.shift();
    for (const tag of moving) await git.forceTag(tag, tagSha, `${tag} → ${plan.tag}\n`);
    const pushed = await git.push(
      inputs.remote,
      moving.map((t) => `+refs/tags/${t}:refs/tags/${t}`),
    );
    if (pushed.code !== 0)
      throw new ActionFailedError(`Moving ${moving.join(', ')} failed: ${pushed.stderr.trim()}`);
    logger.info(`Moved ${moving.join(', ')} to ${plan.tag}`);
  }

  let releaseUrl = '';
  if (inputs['create-release'] && api) {
    const release = await createRelease(api, { tag: plan.tag, name: plan.tag, body: changelog, prerelease });
    releaseUrl = release.url;
    logger.info(`${release.created ? 'Created' : 'Found'} the release ${releaseUrl}`);
  }
  if (inputs['dispatch-workflow'] && api) {
    await dispatchWorkflow(api, inputs['dispatch-workflow'], plan.tag, { version });
    logger.info(`Dispatched ${inputs['dispatch-workflow']} at ${plan.tag} (input version=${version})`);
  }

  writeOutputs(deps, plan, { bump: plan.bump, changelog, releaseUrl, created });
  summary
    .heading(
      `version-tag: ${plan.tag}${inputs['dry-run'] ? ' (dry run: nothing changed)' : created ? '' : ' (already there)'}`,
    )
    .table(
      ['version', 'previous', 'bump', 'decided by', 'commit'],
      [[version, plan.previous?.tag ?? '(first release)', plan.bump, plan.reason, tagSha.slice(0, 12)]],
    )
    .paragraph(changelog);
  deps.writeSummary(summary);
  return { created, version, tag: plan.tag, releaseUrl };
}

export const versionTag: ActionDefinition<Inputs> = {
  name: 'version-tag',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, {
      ...ctx,
      exec: localExec,
      fetch: proxiedFetch(),
      cwd: ctx.env.GITHUB_WORKSPACE ?? process.cwd(),
    });
  },
};
