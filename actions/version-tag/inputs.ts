import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import { parseVersion, type MergeCommits, type Version } from '@deploy-kit/version';

export const versionForms = {
  prefix: "up to 32 letters, digits and . _ / - (not starting with '-', '.' or '/'; empty for bare versions)",
  initialVersion: 'a release version like 0.1.0 or 1.0.0 (no prerelease)',
  branch: "branch names (letters, digits, . _ / -, not starting with '-')",
  prerelease: 'branch:channel pairs like develop:beta,staging:rc (channel: lower-case letters and digits)',
  sha: 'a commit SHA (7-40 hex) or a ref name',
  remote: "a git remote name (letters, digits, . _ -, not starting with '-')",
  workflow: 'a workflow file name like deploy.yml, or its numeric ID',
};

const PREFIX = /^(?:[A-Za-z0-9_][A-Za-z0-9._/-]{0,31})?$/;
const BRANCH = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$/;
const CHANNEL = /^[a-z][a-z0-9]{0,15}$/;
const SHA_OR_REF = /^(?:[0-9a-f]{7,40}|HEAD|[A-Za-z0-9_][A-Za-z0-9._/-]{0,254})$/;
const REMOTE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const WORKFLOW = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,99}\.ya?ml|\d{1,19})$/;

/** Every input of version-tag/action.yml, read once; keys are the action.yml names. */
export interface Inputs {
  'tag-prefix': string;
  'initial-version': Version;
  'release-branches': string[];
  /** branch → channel */
  'prerelease-branches': Map<string, string>;
  bump: 'auto' | 'major' | 'minor' | 'patch' | 'none';
  'zero-major-bumps': boolean;
  'merge-commits': MergeCommits;
  sha: string;
  branch?: string;
  remote: string;
  'update-major-tag': boolean;
  'update-minor-tag': boolean;
  'update-files': boolean;
  'create-release': boolean;
  'dispatch-workflow'?: string;
  'github-token'?: string;
  'github-api-url': URL;
  'dry-run': boolean;
}

function validRefPart(text: string): boolean {
  // git check-ref-format's rules that the patterns above do not already cover.
  return !/\.\.|\/\/|\/\.|\.lock(?:\/|$)|[./]$|@\{/.test(text);
}

export function readInputs(read: InputReader, env: NodeJS.ProcessEnv): Inputs {
  const prefix = read.string('tag-prefix', { raw: true }) ?? '';
  if (!PREFIX.test(prefix) || (prefix && !validRefPart(`${prefix}1`)))
    throw new ConfigurationError(messages.invalidInput('tag-prefix', versionForms.prefix, prefix));
  const initialText = read.string('initial-version', {
    required: true,
    accepted: versionForms.initialVersion,
  });
  const initial = parseVersion(initialText);
  if (!initial || initial.pre.length)
    throw new ConfigurationError(
      messages.invalidInput('initial-version', versionForms.initialVersion, initialText),
    );
  const releaseBranches = read.list('release-branches', { item: BRANCH, accepted: versionForms.branch });
  for (const b of releaseBranches)
    if (!validRefPart(b))
      throw new ConfigurationError(messages.invalidInput('release-branches', versionForms.branch, b));
  const prerelease = new Map<string, string>();
  for (const item of read.list('prerelease-branches', { accepted: versionForms.prerelease })) {
    const [branch, channel, extra] = item.split(':');
    if (
      extra !== undefined ||
      !branch ||
      !channel ||
      !BRANCH.test(branch) ||
      !validRefPart(branch) ||
      !CHANNEL.test(channel)
    )
      throw new ConfigurationError(
        messages.invalidInput('prerelease-branches', versionForms.prerelease, item),
      );
    if (releaseBranches.includes(branch))
      throw new ConfigurationError(
        `Input 'prerelease-branches': ${branch} is also in 'release-branches'; a branch releases one way`,
      );
    prerelease.set(branch, channel);
  }
  const shaText = read.string('sha') ?? env.GITHUB_SHA ?? 'HEAD';
  if (!SHA_OR_REF.test(shaText) || !validRefPart(shaText))
    throw new ConfigurationError(messages.invalidInput('sha', versionForms.sha, shaText));
  const branchText =
    read.string('branch') ??
    (env.GITHUB_REF?.startsWith('refs/heads/') ? env.GITHUB_REF.slice(11) : undefined);
  if (branchText !== undefined && (!BRANCH.test(branchText) || !validRefPart(branchText)))
    throw new ConfigurationError(messages.invalidInput('branch', versionForms.branch, branchText));
  const token = read.string('github-token', { secret: true });
  const createRelease = read.boolean('create-release');
  const dispatch = read.string('dispatch-workflow', { pattern: WORKFLOW, accepted: versionForms.workflow });
  if ((createRelease || dispatch) && !token)
    throw new ConfigurationError(
      messages.requiredInput(
        'github-token',
        'a token (default ${{ github.token }}) for create-release and dispatch-workflow',
      ),
    );
  return {
    'tag-prefix': prefix,
    'initial-version': initial,
    'release-branches': releaseBranches,
    'prerelease-branches': prerelease,
    bump: read.enum('bump', ['auto', 'major', 'minor', 'patch', 'none'] as const),
    'zero-major-bumps': read.boolean('zero-major-bumps'),
    'merge-commits': read.enum('merge-commits', ['skip', 'subject'] as const),
    sha: shaText,
    branch: branchText,
    remote: read.string('remote', { required: true, pattern: REMOTE, accepted: versionForms.remote }),
    'update-major-tag': read.boolean('update-major-tag'),
    'update-minor-tag': read.boolean('update-minor-tag'),
    'update-files': read.boolean('update-files'),
    'create-release': createRelease,
    'dispatch-workflow': dispatch,
    'github-token': token,
    'github-api-url': read.url('github-api-url', { required: true, protocols: ['https:', 'http:'] }),
    'dry-run': read.boolean('dry-run'),
  };
}
