// version-tag on real git: scripted histories in temporary repositories with a bare origin.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localExec } from '@deploy-kit/core';
import {
  formatVersion,
  Git,
  parseVersion,
  planRelease,
  shallowCloneMessage,
  type PlanRequest,
} from '@deploy-kit/version';
import { TestRepo } from '../support/git.js';
import { honouredCommands } from '../support/workflow-log.js';
import { startHttpServer, type TestServer } from '../support/http.js';
import { startTinyproxy, PROXY_OUTGOING } from '../support/proxy.js';
import { freePort } from '../support/ports.js';
import { ok, runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret } from '../support/secrets.js';

const repos: TestRepo[] = [];
const newRepo = (): TestRepo => {
  const repo = TestRepo.create();
  repos.push(repo);
  return repo;
};
afterAll(() => {
  for (const r of repos) r.remove();
});

interface Case {
  name: string;
  build: (r: TestRepo) => void;
  request?: Partial<PlanRequest>;
  /** Expected version, 'nothing', or 'tagged:<version>' (the commit already carries it). */
  expect: string;
  bump?: string;
}

const tagged =
  (tag: string, ...messages: string[]) =>
  (r: TestRepo) => {
    r.commit('chore: init');
    r.tag(tag);
    for (const m of messages) r.commit(m);
  };

const cases: Case[] = [
  { name: 'first release from a feat', build: (r) => r.commit('feat: a'), expect: '0.1.0', bump: 'minor' },
  { name: 'first release from a fix', build: (r) => r.commit('fix: a'), expect: '0.1.0', bump: 'patch' },
  {
    name: 'empty: only chores, no tags',
    build: (r) => (r.commit('chore: a'), r.commit('docs: b')),
    expect: 'nothing',
  },
  {
    name: 'first release at initial-version 1.0.0',
    build: (r) => r.commit('feat!: launch'),
    request: { initialVersion: parseVersion('1.0.0')! },
    expect: '1.0.0',
    bump: 'major',
  },
  { name: 'fix → patch', build: tagged('v1.2.3', 'fix: a'), expect: '1.2.4', bump: 'patch' },
  { name: 'perf → patch', build: tagged('v1.2.3', 'perf: faster'), expect: '1.2.4', bump: 'patch' },
  { name: 'feat → minor', build: tagged('v1.2.3', 'feat: a'), expect: '1.3.0', bump: 'minor' },
  {
    name: 'feat and fix → minor',
    build: tagged('v1.2.3', 'fix: b', 'feat: a', 'fix: c'),
    expect: '1.3.0',
    bump: 'minor',
  },
  { name: 'feat! → major', build: tagged('v1.2.3', 'feat!: a'), expect: '2.0.0', bump: 'major' },
  {
    name: 'scoped feat! → major',
    build: tagged('v1.2.3', 'feat(api)!: drop v1'),
    expect: '2.0.0',
    bump: 'major',
  },
  { name: 'fix! → major', build: tagged('v1.2.3', 'fix!: a'), expect: '2.0.0', bump: 'major' },
  {
    name: 'BREAKING CHANGE footer → major',
    build: tagged('v1.2.3', 'fix: a\n\nBREAKING CHANGE: the config moved'),
    expect: '2.0.0',
    bump: 'major',
  },
  {
    name: 'BREAKING-CHANGE footer → major',
    build: tagged('v1.2.3', 'refactor: a\n\nBREAKING-CHANGE: gone'),
    expect: '2.0.0',
    bump: 'major',
  },
  {
    name: 'other types → no release',
    build: tagged('v1.2.3', 'docs: a', 'chore: b', 'refactor: c', 'test: d', 'ci: e', 'style: f', 'build: g'),
    expect: 'nothing',
  },
  {
    name: 'non-conventional messages → no release',
    build: tagged('v1.2.3', 'Update README', 'wip'),
    expect: 'nothing',
  },
  { name: 'nothing since the tag', build: tagged('v1.2.3', 'chore: tidy'), expect: 'nothing' },
  { name: 'the commit is already tagged', build: tagged('v1.2.3'), expect: 'tagged:1.2.3' },
  { name: '0.x: breaking → minor', build: tagged('v0.4.1', 'feat!: a'), expect: '0.5.0', bump: 'minor' },
  { name: '0.x: feat → patch', build: tagged('v0.4.1', 'feat: a'), expect: '0.4.2', bump: 'patch' },
  { name: '0.x: fix → patch', build: tagged('v0.4.1', 'fix: a'), expect: '0.4.2', bump: 'patch' },
  {
    name: '0.x with zero-major-bumps: breaking → 1.0.0',
    build: tagged('v0.4.1', 'feat!: a'),
    request: { zeroMajorBumps: true },
    expect: '1.0.0',
    bump: 'major',
  },
  {
    name: '0.x with zero-major-bumps: feat → minor',
    build: tagged('v0.4.1', 'feat: a'),
    request: { zeroMajorBumps: true },
    expect: '0.5.0',
    bump: 'minor',
  },
  {
    name: 'a revert cancels the reverted feat',
    build: (r) => {
      tagged('v1.2.3')(r);
      r.revert(r.commit('feat: a'));
    },
    expect: 'nothing',
  },
  {
    name: 'a revert cancels only its commit',
    build: (r) => {
      tagged('v1.2.3', 'fix: x')(r);
      r.revert(r.commit('feat: a'));
    },
    expect: '1.2.4',
    bump: 'patch',
  },
  {
    name: 'a revert of an already released commit is a patch',
    build: (r) => {
      const feat = r.commit('feat: a');
      r.tag('v1.2.3');
      r.revert(feat);
    },
    expect: '1.2.4',
    bump: 'patch',
  },
  {
    name: 'a `revert:` commit naming the hash cancels it',
    build: (r) => {
      tagged('v1.2.3')(r);
      const feat = r.commit('feat!: a');
      r.commit(`revert: feat!: a\n\nThis reverts commit ${feat}.`);
    },
    expect: 'nothing',
  },
  {
    name: 'a revert whose hash is not in the range (a rebased commit) cancels by its header',
    build: (r) => {
      tagged('v1.2.3')(r);
      r.commit('feat: a');
      r.commit('Revert "feat: a"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.');
    },
    expect: 'nothing',
  },
  {
    name: 'the revert of a breaking change in the range cancels the major bump',
    build: (r) => {
      tagged('v1.2.3', 'fix: x')(r);
      r.revert(r.commit('feat!: drop the v1 API'));
    },
    expect: '1.2.4',
    bump: 'patch',
  },
  {
    name: 'bump major overrides chores',
    build: tagged('v1.2.3', 'chore: a'),
    request: { bump: 'major' },
    expect: '2.0.0',
    bump: 'major',
  },
  {
    name: 'bump patch overrides a feat',
    build: tagged('v1.2.3', 'feat: a'),
    request: { bump: 'patch' },
    expect: '1.2.4',
    bump: 'patch',
  },
  {
    name: 'bump none suppresses a feat',
    build: tagged('v1.2.3', 'feat: a'),
    request: { bump: 'none' },
    expect: 'nothing',
  },
  {
    name: 'the highest of several reachable tags',
    build: (r) => {
      tagged('v1.0.0', 'feat: a')(r);
      r.tag('v1.1.0');
      r.commit('feat!: b');
      r.tag('v2.0.0');
      r.commit('fix: c');
    },
    expect: '2.0.1',
    bump: 'patch',
  },
  {
    name: 'numeric precedence: v1.10.0 is above v1.9.0',
    build: (r) => {
      tagged('v1.9.0', 'feat: a')(r);
      r.tag('v1.10.0');
      r.commit('fix: b');
    },
    expect: '1.10.1',
  },
  {
    name: 'a higher tag not reachable from the commit is ignored',
    build: (r) => {
      tagged('v1.2.3')(r);
      r.branch('side');
      r.commit('feat!: side');
      r.tag('v9.0.0');
      r.checkout('main');
      r.commit('fix: a');
    },
    expect: '1.2.4',
  },
  {
    name: 'non-semver tags are ignored',
    build: (r) => {
      tagged('v1.2.3', 'chore: a')(r);
      r.tag('vnext');
      r.tag('v1.3');
      r.commit('fix: a');
    },
    expect: '1.2.4',
  },
  {
    name: 'tags of another prefix are ignored',
    build: (r) => {
      tagged('v1.2.3', 'chore: a')(r);
      r.tag('api-v5.0.0');
      r.commit('fix: a');
    },
    expect: '1.2.4',
  },
  {
    name: 'prefix api-v reads only its own tags',
    build: (r) => {
      tagged('api-v1.0.0', 'chore: a')(r);
      r.tag('v3.0.0');
      r.commit('feat: a');
    },
    request: { prefix: 'api-v' },
    expect: '1.1.0',
  },
  {
    name: 'empty prefix: bare versions',
    build: tagged('1.0.0', 'fix: a'),
    request: { prefix: '' },
    expect: '1.0.1',
  },
  {
    name: 'prerelease: first rc',
    build: tagged('v1.2.3', 'feat: a'),
    request: { channel: 'rc' },
    expect: '1.3.0-rc.1',
    bump: 'minor',
  },
  {
    name: 'prerelease: rc numbers count on from existing tags',
    build: (r) => {
      tagged('v1.2.3', 'feat: a')(r);
      r.tag('v1.3.0-rc.1');
      r.commit('fix: b');
      r.tag('v1.3.0-rc.2');
      r.commit('fix: c');
    },
    request: { channel: 'rc' },
    expect: '1.3.0-rc.3',
  },
  {
    name: 'prerelease: channels count separately',
    build: (r) => {
      tagged('v1.2.3', 'feat: a')(r);
      r.tag('v1.3.0-rc.1');
      r.commit('fix: b');
    },
    request: { channel: 'beta' },
    expect: '1.3.0-beta.1',
  },
  {
    name: 'stable after rc drops the suffix',
    build: (r) => {
      tagged('v1.2.3', 'feat: a')(r);
      r.tag('v1.3.0-rc.1');
      r.commit('fix: b');
    },
    expect: '1.3.0',
    bump: 'minor',
  },
  {
    name: 'prerelease: nothing releasable',
    build: tagged('v1.2.3', 'docs: a'),
    request: { channel: 'rc' },
    expect: 'nothing',
  },
  {
    name: 'merge commits skipped: the merged feat counts',
    build: (r) => {
      tagged('v1.2.3')(r);
      r.branch('topic');
      r.commit('feat: from the branch');
      r.checkout('main');
      r.merge('topic', 'Merge pull request #12 from acme/topic\n\ndocs: title');
    },
    expect: '1.3.0',
    bump: 'minor',
  },
  {
    name: 'merge subjects: the PR title decides, branch commits do not',
    build: (r) => {
      tagged('v1.2.3')(r);
      r.branch('topic');
      r.commit('wip');
      r.checkout('main');
      r.merge('topic', 'Merge pull request #12 from acme/topic\n\nfeat: big thing');
    },
    request: { mergeCommits: 'subject' },
    expect: '1.3.0',
    bump: 'minor',
  },
  {
    name: 'merge subjects: a feat inside the branch does not count',
    build: (r) => {
      tagged('v1.2.3')(r);
      r.branch('topic');
      r.commit('feat: inside');
      r.checkout('main');
      r.merge('topic', 'Merge pull request #13 from acme/topic\n\ndocs: title');
    },
    request: { mergeCommits: 'subject' },
    expect: 'nothing',
  },
  {
    name: 'first release in 0.x from a breaking change',
    build: (r) => r.commit('feat!: a'),
    expect: '0.1.0',
    bump: 'major',
  },
];

describe('history → version', () => {
  test('at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const repo = newRepo();
    c.build(repo);
    const plan = await planRelease(new Git(localExec, repo.dir, process.env), {
      sha: repo.head(),
      prefix: 'v',
      initialVersion: parseVersion('0.1.0')!,
      bump: 'auto',
      zeroMajorBumps: false,
      mergeCommits: 'skip',
      ...c.request,
    });
    const got =
      plan.kind === 'release'
        ? formatVersion(plan.version)
        : plan.kind === 'already-tagged'
          ? `tagged:${formatVersion(plan.version)}`
          : 'nothing';
    expect(got).toBe(c.expect);
    if (c.bump && plan.kind === 'release') expect(plan.bump).toBe(c.bump);
  });
});

const API_TOKEN = 'ghs_versionTagTestToken0123456789';

interface Api {
  server: TestServer;
  bodies: Array<{ method: string; url: string; auth: string; body: unknown }>;
  url: string;
  close(): Promise<void>;
}

/**
 * GitHub's REST API for releases and workflow dispatch, as documented: it checks method, path,
 * auth and API-version headers, and answers with the documented status and response shape.
 */
async function startApi(options: { releaseExists?: boolean } = {}): Promise<Api> {
  const bodies: Api['bodies'] = [];
  const server = await startHttpServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      bodies.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth,
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      if (auth !== `Bearer ${API_TOKEN}` || req.headers['x-github-api-version'] !== '2022-11-28')
        return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      if (req.method === 'POST' && req.url === '/repos/acme/app/releases') {
        const body = JSON.parse(raw) as { tag_name: string; prerelease: boolean };
        if (options.releaseExists)
          return json(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
            documentation_url: 'https://docs.github.com/rest/releases/releases#create-a-release',
          });
        return json(201, {
          url: 'https://api.github.com/repos/acme/app/releases/1',
          html_url: `https://github.com/acme/app/releases/tag/${body.tag_name}`,
          id: 1,
          tag_name: body.tag_name,
          draft: false,
          prerelease: body.prerelease,
        });
      }
      if (req.method === 'GET' && req.url?.startsWith('/repos/acme/app/releases/tags/'))
        return json(200, {
          id: 1,
          html_url: `https://github.com/acme/app/releases/tag/${decodeURIComponent(req.url.split('/').at(-1)!)}`,
        });
      if (req.method === 'POST' && req.url === '/repos/acme/app/actions/workflows/deploy.yml/dispatches') {
        res.writeHead(204);
        return res.end();
      }
      return json(404, { message: 'Not Found' });
    });
  });
  return { server, bodies, url: server.url, close: () => server.close() };
}

function runTag(
  repo: TestRepo,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<RunResult> {
  return runBundle('version-tag', {
    inputs: { 'github-token': '', 'github-api-url': 'https://api.github.com', ...inputs },
    env: {
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_SHA: repo.head(),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REPOSITORY: 'acme/app',
      HOME: repo.dir, // no global git identity: the action brings its own
      ...env,
    },
  });
}

describe('the action', () => {
  test('tags the exact commit (annotated, changelog), pushes it; a re-run is a no-op', async () => {
    const repo = newRepo();
    tagged('v1.2.3')(repo);
    repo.commit('fix: handle empty carts (#41)');
    const feat = repo.commit('feat(checkout): pay by invoice (#42)');
    repo.commit('chore: deps');
    repo.push();
    const result = await runTag(repo, { sha: feat });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs).toMatchObject({
      version: '1.3.0',
      tag: 'v1.3.0',
      'previous-version': '1.2.3',
      'previous-tag': 'v1.2.3',
      bump: 'minor',
      created: 'true',
    });
    expect(repo.originTag('v1.3.0')).toBe(feat);
    expect(repo.git(['cat-file', '-t', 'refs/tags/v1.3.0'])).toBe('tag');
    const message = repo.git(['tag', '-l', '--format=%(contents)', 'v1.3.0']);
    expect(message).toContain('### Features');
    expect(message).toContain('**checkout:** pay by invoice');
    expect(result.outputs.changelog).toContain('[#42](https://github.com/acme/app/pull/42)');
    expect(result.outputs.changelog).toContain('by [@devone](https://github.com/devone)');
    expect(result.outputs.changelog).toContain('compare/v1.2.3...v1.3.0');
    expect(result.summary).toMatch(/decided by[\s\S]*feat\(checkout\): pay by invoice/);

    const again = await runTag(repo, { sha: feat });
    expect(ok(again)).toEqual({ exit: 0, log: '' });
    expect(again.outputs).toMatchObject({ version: '1.3.0', created: 'false' });
    expect(again.log).toMatch(/already released as v1\.3\.0/);
    expect(repo.originTags()).toEqual(['v1.2.3', 'v1.3.0']);
  });

  test('dry-run computes and prints, and changes nothing', async () => {
    const repo = newRepo();
    tagged('v2.0.0', 'feat: a')(repo);
    repo.push();
    const result = await runTag(repo, { 'dry-run': 'true', 'update-major-tag': 'true' });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs).toMatchObject({ version: '2.1.0', created: 'false' });
    expect(repo.originTags()).toEqual(['v2.0.0']);
    expect(repo.git(['tag', '--list'])).toBe('v2.0.0');
  });

  test('dry-run prints commit headers as text: a bare \\r in a header starts no workflow command', async () => {
    const repo = newRepo();
    tagged('v1.0.0', 'fix: a')(repo);
    repo.commit('feat!: x\r::warning title=injected::from a commit\r::add-mask::abc');
    repo.push();
    const result = await runTag(repo, { 'dry-run': 'true' });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.log).toContain('from a commit');
    expect(honouredCommands(result.log).filter((c) => /injected|add-mask/.test(c))).toEqual([]);
    // Control: the same header written raw is a command to the runner.
    expect(honouredCommands('feat: x\r::warning title=injected::from a commit')).toEqual([
      'warning title=injected',
    ]);
  });

  test('a shallow clone fails with the fetch-depth advice; a missing SHA is named', async () => {
    const repo = newRepo();
    tagged('v1.0.0', 'fix: a', 'fix: b')(repo);
    repo.push();
    const shallow = repo.shallowClone();
    repos.push(shallow);
    const result = await runTag(shallow);
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain(shallowCloneMessage);
    const missing = await runTag(repo, { sha: 'deadbeefdeadbeef' });
    expect(missing.exitCode).toBe(1);
    expect(missing.log).toMatch(/Input 'sha': deadbeefdeadbeef is not a commit in this repository/);
  });

  test('an existing tag on another commit is never moved', async () => {
    const repo = newRepo();
    tagged('v1.2.3')(repo);
    const other = repo.commit('fix: a');
    repo.push();
    // Someone pushed v1.2.4 from a branch this commit does not contain.
    const elsewhere = repo.clone();
    repos.push(elsewhere);
    elsewhere.branch('hotfix', 'v1.2.3');
    elsewhere.commit('fix: hot');
    elsewhere.git(['tag', '-a', '-m', 'x', 'v1.2.4']);
    elsewhere.git(['push', '--quiet', 'origin', 'v1.2.4']);
    const before = repo.originTag('v1.2.4');
    const result = await runTag(repo, { sha: other });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(
      /Tag v1\.2\.4 already exists (here|on origin) on [0-9a-f]{12}, not [0-9a-f]{12}; release tags are never moved/,
    );
    expect(repo.originTag('v1.2.4')).toBe(before);
  });

  test('two runs racing to tag: one tag, the other run reports cleanly', async () => {
    const repo = newRepo();
    tagged('v1.0.0')(repo);
    repo.commit('feat: a');
    repo.push();
    const second = repo.clone();
    repos.push(second);
    const [a, b] = await Promise.all([runTag(repo), runTag(second)]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect([a.outputs.created, b.outputs.created].sort()).toEqual(['false', 'true']);
    expect(repo.originTags()).toEqual(['v1.0.0', 'v1.1.0']);
    expect(a.outputs.version).toBe('1.1.0');
    expect(b.outputs.version).toBe('1.1.0');
  });

  test('a racing release of a newer commit: the loser recomputes on top of it', async () => {
    const repo = newRepo();
    tagged('v1.0.0')(repo);
    const first = repo.commit('feat: a');
    repo.push();
    // The other runner already released `first` as v1.1.0 while this one still sees only v1.0.0.
    const second = repo.clone();
    repos.push(second);
    second.commit('fix: b');
    second.push();
    const winner = await runTag(repo, { sha: first });
    expect(winner.outputs.tag).toBe('v1.1.0');
    const loser = await runTag(second);
    expect(ok(loser)).toEqual({ exit: 0, log: '' });
    expect(loser.outputs).toMatchObject({ version: '1.1.1', 'previous-tag': 'v1.1.0', created: 'true' });
    expect(repo.originTags()).toEqual(['v1.0.0', 'v1.1.0', 'v1.1.1']);
  });

  test('prerelease branch, then the stable release; update-major-tag moves v1 only for stable', async () => {
    const repo = newRepo();
    tagged('v1.2.3', 'feat: a')(repo);
    repo.push();
    const rc = await runTag(
      repo,
      { 'prerelease-branches': 'develop:beta,staging:rc', 'update-major-tag': 'true' },
      {
        GITHUB_REF: 'refs/heads/staging',
      },
    );
    expect(ok(rc)).toEqual({ exit: 0, log: '' });
    expect(rc.outputs.version).toBe('1.3.0-rc.1');
    expect(repo.originTags()).toEqual(['v1.2.3', 'v1.3.0-rc.1']);
    repo.commit('fix: b');
    repo.push();
    const stable = await runTag(repo, { 'update-major-tag': 'true', 'update-minor-tag': 'true' });
    expect(ok(stable)).toEqual({ exit: 0, log: '' });
    expect(stable.outputs.version).toBe('1.3.0');
    expect(repo.originTag('v1')).toBe(repo.head());
    expect(repo.originTag('v1.3')).toBe(repo.head());
    const feature = await runTag(repo, {}, { GITHUB_REF: 'refs/heads/feature/x' });
    expect(ok(feature)).toEqual({ exit: 0, log: '' });
    expect(feature.outputs.created).toBe('false');
    expect(feature.log).toMatch(/neither in release-branches nor in prerelease-branches/);
  });

  test('update-files commits the version to package.json and package-lock.json, then tags that commit', async () => {
    const repo = newRepo();
    writeFileSync(join(repo.dir, 'package.json'), '{\n  "name": "app",\n  "version": "1.2.3"\n}\n');
    writeFileSync(
      join(repo.dir, 'package-lock.json'),
      '{\n  "name": "app",\n  "version": "1.2.3",\n  "packages": {\n    "": { "name": "app", "version": "1.2.3" }\n  }\n}\n',
    );
    repo.git(['add', '.']);
    repo.commit('chore: init');
    repo.tag('v1.2.3');
    repo.commit('fix: a');
    repo.push();
    const result = await runTag(repo, { 'update-files': 'true' });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    const tagCommit = repo.originTag('v1.2.4');
    expect(repo.git(['--git-dir', repo.origin, 'rev-parse', 'main'])).toBe(tagCommit);
    expect(repo.git(['log', '-1', '--format=%s', tagCommit])).toBe('chore(release): 1.2.4');
    expect(JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'))).toMatchObject({
      version: '1.2.4',
    });
    const lock = JSON.parse(readFileSync(join(repo.dir, 'package-lock.json'), 'utf8')) as {
      version: string;
      packages: Record<string, { version: string }>;
    };
    expect([lock.version, lock.packages['']!.version]).toEqual(['1.2.4', '1.2.4']);
  });

  test('create-release and dispatch-workflow send the documented requests', async () => {
    const api = await startApi();
    try {
      const repo = newRepo();
      tagged('v1.2.3', 'feat!: new config (#7)')(repo);
      repo.push();
      const result = await runTag(repo, {
        'create-release': 'true',
        'dispatch-workflow': 'deploy.yml',
        'github-token': API_TOKEN,
        'github-api-url': api.url,
      });
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(result.outputs['release-url']).toBe('https://github.com/acme/app/releases/tag/v2.0.0');
      expect(api.bodies.map((b) => [b.method, b.url])).toEqual([
        ['POST', '/repos/acme/app/releases'],
        ['POST', '/repos/acme/app/actions/workflows/deploy.yml/dispatches'],
      ]);
      expect(api.bodies[0]!.body).toMatchObject({
        tag_name: 'v2.0.0',
        name: 'v2.0.0',
        prerelease: false,
        draft: false,
      });
      expect((api.bodies[0]!.body as { body: string }).body).toMatch(
        /### ⚠ Breaking changes\n\n- new config/,
      );
      expect(api.bodies[1]!.body).toEqual({ ref: 'v2.0.0', inputs: { version: '2.0.0' } });
      assertNoSecret(result.log, API_TOKEN, 'log');
      assertNoSecret(result.summary, API_TOKEN, 'summary');
    } finally {
      await api.close();
    }
  });

  test('behind an HTTP proxy: the GitHub API is reached through it (HTTP_PROXY), and a proxy that refuses is named', async () => {
    const [api, proxy] = await Promise.all([startApi(), startTinyproxy()]);
    try {
      const repo = newRepo();
      tagged('v1.0.0', 'fix: a')(repo);
      repo.push();
      const inputs = { 'create-release': 'true', 'github-token': API_TOKEN, 'github-api-url': api.url };
      const result = await runTag(repo, inputs, { HTTP_PROXY: proxy.url });
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(api.server.requests.map((r) => [r.url, r.from])).toEqual([
        ['/repos/acme/app/releases', PROXY_OUTGOING],
      ]);
      // undici tunnels http:// requests too (CONNECT): the proxy never sees the token.
      expect(proxy.log()).toContain(`CONNECT 127.0.0.1:${api.server.port}`);
      assertNoSecret(proxy.log(), API_TOKEN, 'the proxy log');

      const nowhere = `http://127.0.0.1:${await freePort()}`;
      const again = newRepo();
      tagged('v1.0.0', 'fix: a')(again);
      again.push();
      const refused = await runTag(again, inputs, { HTTP_PROXY: nowhere });
      expect(refused.exitCode).toBe(1);
      expect(refused.log).toContain(
        `GitHub API POST /repos/acme/app/releases failed: fetch failed: HTTP proxy ${nowhere} refused the connection`,
      );
      expect(api.server.count()).toBe(1);
    } finally {
      await Promise.all([api.close(), proxy.stop()]);
    }
  });

  test('a re-run after the release exists finds it (422 already_exists)', async () => {
    const api = await startApi({ releaseExists: true });
    try {
      const repo = newRepo();
      tagged('v1.0.0', 'fix: a')(repo);
      repo.push();
      const result = await runTag(repo, {
        'create-release': 'true',
        'github-token': API_TOKEN,
        'github-api-url': api.url,
      });
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(result.outputs['release-url']).toBe('https://github.com/acme/app/releases/tag/v1.0.1');
      expect(result.log).toMatch(/Found the release/);
    } finally {
      await api.close();
    }
  });

  test('a rejected token fails the step with the API message', async () => {
    const api = await startApi();
    try {
      const repo = newRepo();
      tagged('v1.0.0', 'fix: a')(repo);
      repo.push();
      const result = await runTag(repo, {
        'create-release': 'true',
        'github-token': 'ghs_wrong0000000000',
        'github-api-url': api.url,
      });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/Creating the GitHub release v1\.0\.1: HTTP 401 Bad credentials/);
    } finally {
      await api.close();
    }
  });
});
