// version-tag on a 10,000-commit history with a release tag every 500 commits: the whole action
// (bundle start, tag fetch, tag discovery, commit parsing, changelog; dry run) and the planning
// step alone, against the plain baseline of the git work any tool must do: `git describe` to find
// the last tag plus `git log` of the commits since it.
import { execFileSync, spawnSync } from 'node:child_process';

import { localExec } from '@deploy-kit/core';
import { Git, parseVersion, planRelease } from '@deploy-kit/version';
import { TestRepo } from '../test/support/git.js';
import { runBundle } from '../test/support/runner.js';
import { fmt, median, must, report } from './lib.mjs';

const COMMITS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const repo = TestRepo.create();
try {
  // git fast-import builds the history in one process (10,000 `git commit` calls would take minutes).
  const types = ['feat', 'fix', 'chore', 'docs', 'perf', 'refactor', 'fix', 'test'];
  let stream = '';
  let tag = 0;
  for (let i = 1; i <= COMMITS; i += 1) {
    const message = `${types[i % types.length]}(area${i % 13}): change number ${i} (#${i})\n\nBody of ${i}.\n`;
    stream += `commit refs/heads/main\nmark :${i}\ncommitter Dev One <1234+devone@users.noreply.github.com> ${1_700_000_000 + i * 60} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}`;
    if (i > 1) stream += `from :${i - 1}\n`;
    stream += '\n';
    // Releases every 500 commits, the last one 1,500 commits back, so 1,500 commits are analysed.
    if (i % 500 === 0 && i <= COMMITS - 1500) {
      tag += 1;
      const msg = `v1.${tag}.0\n`;
      stream += `tag v1.${tag}.0\nfrom :${i}\ntagger Dev One <d@example.com> ${1_700_000_000 + i * 60} +0000\ndata ${msg.length}\n${msg}\n`;
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream });
  repo.git(['reset', '--quiet', '--hard', 'main']);
  repo.push();
  const head = repo.head();

  const baseline: number[] = [];
  const plan: number[] = [];
  const action: number[] = [];
  let version = '';
  for (let i = 0; i < RUNS; i += 1) {
    let started = performance.now();
    const last = execFileSync('git', ['describe', '--tags', '--abbrev=0', head], {
      cwd: repo.dir,
      encoding: 'utf8',
    }).trim();
    spawnSync('git', ['log', '--format=%H%x1f%B', `${last}..${head}`], { cwd: repo.dir, maxBuffer: 1 << 28 });
    baseline.push(performance.now() - started);

    started = performance.now();
    const p = await planRelease(new Git(localExec, repo.dir, process.env), {
      sha: head,
      prefix: 'v',
      initialVersion: must(parseVersion('0.1.0'), 'version 0.1.0'),
      bump: 'auto',
      zeroMajorBumps: false,
      mergeCommits: 'skip',
    });
    plan.push(performance.now() - started);
    if (p.kind !== 'release') throw new Error(`expected a release, got ${p.kind}`);

    started = performance.now();
    const result = await runBundle('version-tag', {
      inputs: { 'dry-run': 'true', 'github-token': '', 'github-api-url': 'https://api.github.com' },
      env: { GITHUB_WORKSPACE: repo.dir, GITHUB_SHA: head, GITHUB_REF: 'refs/heads/main', HOME: repo.dir },
    });
    action.push(performance.now() - started);
    if (result.exitCode !== 0) throw new Error(result.log);
    version = result.outputs.version ?? '';
  }
  const b = median(baseline);
  report('version-tag', 'version-tag on a 10,000-commit history', [
    `${COMMITS} commits, ${tag} release tags (one every 500 commits); the newest is 1,500 commits back, so 1,500`,
    `commits are parsed. Result: ${version}. Median of ${RUNS} runs.`,
    '',
    'Baseline: `git describe --tags --abbrev=0` + `git log` of the commits since that tag (the git work',
    'any tagging tool needs, with no parsing at all).',
    '',
    '| what | time | ratio to baseline |',
    '| --- | --- | --- |',
    `| baseline (describe + log) | ${fmt(b)} | 1.00× |`,
    `| planRelease (tags, log, parse 1,500 commits, next version) | ${fmt(median(plan))} | ${(median(plan) / b).toFixed(2)}× |`,
    `| whole action, dry run (bundle start, tag fetch, plan, changelog, summary) | ${fmt(median(action))} | ${(median(action) / b).toFixed(2)}× |`,
  ]);
} finally {
  repo.remove();
}
