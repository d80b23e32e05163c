// version-tag's pure parts: semver, commit analysis, changelog, inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError, InputReader, SecretRegistry } from '@deploy-kit/core';
import {
  analyzeCommits,
  compareVersions,
  formatVersion,
  githubLogin,
  nextVersion,
  parseVersion,
  renderChangelog,
  type RawCommit,
} from '@deploy-kit/version';
import { readInputs } from '../../actions/version-tag/inputs.js';
import { testBadInputs, type BadInput } from '../support/bad-inputs.js';
import { injectionStrings } from '../support/injections.js';
import { repoRoot } from '../support/paths.js';

describe('semver', () => {
  test.each([
    ['1.2.3', '1.2.3'],
    ['0.0.0', '0.0.0'],
    ['1.3.0-rc.2', '1.3.0-rc.2'],
    ['1.0.0-alpha.beta+build.5', '1.0.0-alpha.beta'],
  ])('parse %s', (text, formatted) => expect(formatVersion(parseVersion(text)!)).toBe(formatted));

  test.each(['v1.2.3', '1.2', '01.2.3', '1.2.3-', '1.2.3-01', '', '1.2.3 ', '99999999999999999999.0.0'])(
    'rejects %j',
    (text) => expect(parseVersion(text)).toBeUndefined(),
  );

  test('precedence follows semver §11', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ];
    const shuffled = [...ordered].reverse().map((v) => parseVersion(v)!);
    expect(shuffled.sort(compareVersions).map(formatVersion)).toEqual(ordered);
  });

  test('rc numbering ignores other cores and channels', () => {
    const existing = ['1.3.0-rc.1', '1.3.0-rc.4', '1.3.0-beta.9', '1.4.0-rc.7'].map((v) => parseVersion(v)!);
    const next = nextVersion({
      previous: parseVersion('1.2.0')!,
      bump: 'minor',
      initialVersion: parseVersion('0.1.0')!,
      zeroMajorBumps: false,
      prerelease: { channel: 'rc', existing },
    });
    expect(formatVersion(next.version)).toBe('1.3.0-rc.5');
  });
});

const commit = (message: string, extra: Partial<RawCommit> = {}): RawCommit => ({
  sha: `${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}${'0'.repeat(28)}`,
  parents: ['p'],
  author: 'Dev',
  email: 'dev@example.com',
  message,
  ...extra,
});

describe('commit analysis', () => {
  test.each([
    ['feat: a', 'minor'],
    ['fix(ui): a', 'patch'],
    ['perf: a', 'patch'],
    ['feat(api)!: a', 'major'],
    ['chore!: drop node 18', 'major'],
    ['docs: a\n\nBREAKING CHANGE: b', 'major'],
    ['docs: a\n\nBREAKING-CHANGE: b', 'major'],
    ['docs: a\n\nbreaking change: b', 'major'],
    ['docs: a', undefined],
    ['feat a', undefined],
    ['Feature: a', undefined],
    ['', undefined],
  ])('%j → %s', (message, bump) => expect(analyzeCommits([commit(message)], 'skip').bump).toBe(bump));

  test('the newest commit of the strongest bump decides', () => {
    const older = commit('feat: older');
    const newer = commit('feat: newer');
    const analysis = analyzeCommits([commit('fix: x'), newer, older], 'skip');
    expect(analysis.decidedBy?.sha).toBe(newer.sha);
  });

  test('merge commits: skipped, or read by the PR title in GitHub merge subjects', () => {
    const merge = commit('Merge pull request #12 from acme/topic\n\nfeat: checkout', { parents: ['a', 'b'] });
    expect(analyzeCommits([merge], 'skip').commits).toEqual([]);
    const [parsed] = analyzeCommits([merge], 'subject').commits;
    expect(parsed).toMatchObject({ type: 'feat', subject: 'checkout', pr: 12, bump: 'minor' });
  });

  test('(#N) suffixes become PR numbers', () => {
    expect(analyzeCommits([commit('fix: carts (#41)')], 'skip').commits[0]).toMatchObject({
      subject: 'carts',
      pr: 41,
    });
  });
});

describe('changelog', () => {
  const commits = analyzeCommits(
    [
      commit('fix: x <script>alert(1)</script> [link](javascript:x) (#3)'),
      commit('feat(cart)!: new totals\n\nBREAKING CHANGE: totals include tax', {
        email: '77+ana@users.noreply.github.com',
      }),
      commit('feat: b'),
      commit('perf: c'),
      commit('chore: not listed'),
    ],
    'skip',
  ).commits;
  const text = renderChangelog(commits, {
    repoUrl: 'https://github.com/acme/app',
    version: '2.0.0',
    tag: 'v2.0.0',
    previousTag: 'v1.4.0',
    date: '2026-11-23',
  });

  test('grouped, breaking changes first, linked', () => {
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '## [2.0.0](https://github.com/acme/app/compare/v1.4.0...v2.0.0) (2026-11-23)',
      '### ⚠ Breaking changes',
      '### Features',
      '### Fixes',
      '### Performance',
    ]);
    expect(text).toMatch(
      /- \*\*cart:\*\* totals include tax \(\[[0-9a-f]{7}\]\(https:\/\/github\.com\/acme\/app\/commit\/[0-9a-f]{40}\)\) by \[@ana\]\(https:\/\/github\.com\/ana\)/,
    );
    expect(text).toContain('([#3](https://github.com/acme/app/pull/3))');
    expect(text).not.toContain('not listed');
  });

  test('commit text cannot inject HTML or links', () => {
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('\\[link\\](javascript:x)');
  });

  test.each([
    ['12345+octo-cat@users.noreply.github.com', 'octo-cat'],
    ['octocat@users.noreply.github.com', 'octocat'],
    ['41898282+github-actions[bot]@users.noreply.github.com', 'github-actions[bot]'],
    ['dev@example.com', undefined],
    ['x+-bad@users.noreply.github.com', undefined],
  ])('githubLogin(%s) = %s', (email, login) => expect(githubLogin(email)).toBe(login));
});

describe('inputs', () => {
  const spec = parse(readFileSync(join(repoRoot, 'version-tag', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const defaults = Object.fromEntries(
    Object.entries(spec.inputs).map(([k, v]) => [
      k,
      (v.default ?? '').startsWith('${{') ? '' : (v.default ?? ''),
    ]),
  );
  defaults['github-api-url'] = 'https://api.github.com';
  defaults['github-token'] = 'ghs_token';
  const env = { GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/heads/main' };
  const read = (values: Record<string, string>) =>
    readInputs(new InputReader((name) => ({ ...defaults, ...values })[name], new SecretRegistry()), env);

  test('defaults', () => {
    expect(read({})).toMatchObject({
      'tag-prefix': 'v',
      'release-branches': ['main', 'master'],
      bump: 'auto',
      sha: 'a'.repeat(40),
      branch: 'main',
      remote: 'origin',
    });
    expect(read({ 'prerelease-branches': 'develop:beta,staging:rc' })['prerelease-branches']).toEqual(
      new Map([
        ['develop', 'beta'],
        ['staging', 'rc'],
      ]),
    );
  });

  const bad: BadInput[] = [
    ['tag-prefix', { 'tag-prefix': '-v' }, /Input 'tag-prefix' must be/],
    ['tag-prefix', { 'tag-prefix': 'v..' }, /Input 'tag-prefix' must be/],
    ['initial-version', { 'initial-version': 'v1.0.0' }, /Input 'initial-version' must be a release version/],
    [
      'initial-version',
      { 'initial-version': '1.0.0-rc.1' },
      /Input 'initial-version' must be a release version/,
    ],
    ['release-branches', { 'release-branches': 'main,-x' }, /Input 'release-branches' must be branch names/],
    [
      'prerelease-branches',
      { 'prerelease-branches': 'develop' },
      /Input 'prerelease-branches' must be branch:channel/,
    ],
    ['prerelease-branches', { 'prerelease-branches': 'develop:Beta' }, /Input 'prerelease-branches' must be/],
    ['prerelease-branches', { 'prerelease-branches': 'main:rc' }, /main is also in 'release-branches'/],
    ['bump', { bump: 'huge' }, /Input 'bump' must be one of auto, major, minor, patch, none/],
    ['zero-major-bumps', { 'zero-major-bumps': 'yes' }, /Input 'zero-major-bumps' must be true or false/],
    ['merge-commits', { 'merge-commits': 'squash' }, /Input 'merge-commits' must be one of skip, subject/],
    ['sha', { sha: 'HEAD~1' }, /Input 'sha' must be a commit SHA/],
    ['branch', { branch: 'feature/../x' }, /Input 'branch' must be branch names/],
    ['remote', { remote: '--upload-pack=x' }, /Input 'remote' must be a git remote name/],
    ['update-major-tag', { 'update-major-tag': '1' }, /Input 'update-major-tag' must be true or false/],
    ['update-minor-tag', { 'update-minor-tag': 'on' }, /Input 'update-minor-tag' must be true or false/],
    ['update-files', { 'update-files': 'package.json' }, /Input 'update-files' must be true or false/],
    ['create-release', { 'create-release': 'maybe' }, /Input 'create-release' must be true or false/],
    [
      'dispatch-workflow',
      { 'dispatch-workflow': '../deploy.yml' },
      /Input 'dispatch-workflow' must be a workflow file name/,
    ],
    ['github-token', { 'github-token': '', 'create-release': 'true' }, /Input 'github-token' is required/],
    ['github-api-url', { 'github-api-url': 'ftp://x' }, /Input 'github-api-url' must be/],
    ['dry-run', { 'dry-run': 'sure' }, /Input 'dry-run' must be true or false/],
  ];
  testBadInputs(read, bad, Object.keys(spec.inputs));

  test.each(injectionStrings('/tmp/dk-pwned'))('injection %j reaches no git argument', (value) => {
    for (const input of ['tag-prefix', 'sha', 'branch', 'remote', 'dispatch-workflow'])
      expect(() => read({ [input]: value })).toThrow(ConfigurationError);
    expect(() => read({ 'release-branches': `main,${value}` })).toThrow(ConfigurationError);
  });
});
