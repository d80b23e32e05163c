// Cold start of every bundle, to its first line of output, against bare `node -e 0`.
// Each bundle gets no inputs, so it fails input validation and exits at once: what is measured is
// loading and initialising the entry (the runner protocol and the input checks), which every run
// pays before its first line. A run with valid inputs then loads its run bundle (dist/<name>/main.js);
// the last column preloads that too (`node --import`), which is what such a run has paid by its first
// step.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fmt, median, report, root } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function timeRun(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstOutput;
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const mark = () => (firstOutput ??= Number(process.hrtime.bigint() - started) / 1e6);
    child.stdout.on('data', mark);
    child.stderr.on('data', mark);
    child.on('error', reject);
    child.on('close', () => {
      const exit = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ first: firstOutput ?? exit, exit });
    });
  });
}

/**
 * Every candidate's median over RUNS rounds; each round runs every candidate once, in turn, so a
 * slow spell of this shared machine falls on all of them alike instead of on whichever ran then.
 */
async function measureAll(candidates) {
  for (const c of candidates) await timeRun(c.args, c.env); // warm the file cache once
  const samples = candidates.map(() => ({ firsts: [], exits: [] }));
  for (let round = 0; round < RUNS; round += 1) {
    for (const [index, c] of candidates.entries()) {
      const { first, exit } = await timeRun(c.args, c.env);
      samples[index].firsts.push(first);
      samples[index].exits.push(exit);
    }
  }
  return samples.map((s) => ({ first: median(s.firsts), exit: median(s.exits) }));
}

const env = { GITHUB_OUTPUT: '/dev/null', GITHUB_STEP_SUMMARY: '/dev/null' };
const bundles = readdirSync(join(root, 'dist'))
  .filter((name) => existsSync(join(root, 'dist', name, 'index.js')))
  .sort();
const candidates = [{ args: ['-e', '0'] }];
for (const name of bundles) {
  const entry = join(root, 'dist', name, 'index.js');
  const main = join(root, 'dist', name, 'main.js');
  candidates.push({ name, args: [entry], env });
  if (existsSync(main)) candidates.push({ name, withRun: true, args: ['--import', main, entry], env });
}

/**
 * The reference the choice to write our own runner layer stands on: a bundle that only imports the
 * toolkit (as an action built on it would) and prints one line, built the way ours are.
 */
async function toolkitBundle(name, imports) {
  const dir = join(root, '.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${name}-entry.mjs`);
  writeFileSync(entry, `${imports}\ncore.info('hello');\n`);
  const out = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  return out;
}
const references = [
  [
    '@actions/core + @actions/exec',
    "import * as core from '@actions/core';\nimport * as exec from '@actions/exec';\nvoid exec;",
  ],
  [
    '@actions/core + exec + github',
    "import * as core from '@actions/core';\nimport * as exec from '@actions/exec';\nimport * as github from '@actions/github';\nvoid exec; void github;",
  ],
];
for (const [label, imports] of references) {
  const file = await toolkitBundle(label.replace(/\W+/g, '-'), imports);
  candidates.push({ reference: label, args: [file], env: { GITHUB_OUTPUT: '/dev/null' } });
}

const results = await measureAll(candidates);
const [baseline] = results;
const rows = bundles.map((name) => {
  const at = (withRun) => candidates.findIndex((c) => c.name === name && Boolean(c.withRun) === withRun);
  const result = results[at(false)];
  const withRun = at(true) >= 0 ? results[at(true)] : undefined;
  return { name, ...result, ratio: result.first / baseline.exit, withRun };
});
const referenceRows = references.map(([label]) => {
  const result = results[candidates.findIndex((c) => c.reference === label)];
  return {
    name: label,
    ...result,
    ratio: result.first / baseline.exit,
    exitRatio: result.exit / baseline.exit,
  };
});

const GOAL = 1.5;
const worst = Math.max(...rows.map((r) => Math.max(r.ratio, r.exit / baseline.exit)));
report('startup', 'Bundle start-up', [
  `Median of ${RUNS} cold runs each, in rounds (every bundle once per round, in turn). Baseline: \`node -e 0\` (process start to exit) = ${fmt(baseline.exit)}.`,
  `Ratios: the bundle's time to its first line of output, and to its exit, ÷ the baseline. Goal ≤ ${GOAL}× for both.`,
  '',
  '| bundle | first output | exit | ratio (first output) | ratio (exit) | with the run loaded: first output (ratio) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.first)} | ${fmt(r.exit)} | ${r.ratio.toFixed(2)}× | ${(r.exit / baseline.exit).toFixed(2)}× | ${
        r.withRun ? `${fmt(r.withRun.first)} (${(r.withRun.first / baseline.exit).toFixed(2)}×)` : '— (none)'
      } |`,
  ),
  '',
  `Worst ratio: ${worst.toFixed(2)}× (${worst <= GOAL ? 'meets' : 'misses'} the ${GOAL}× goal).`,
  '',
  'The last column is not start-up but the loading a run with valid inputs does before its first step (SSH, HTTP, the deploy logic); the entry defers it until the inputs are valid, so a mistyped input is reported without it.',
  '',
  'For reference, bundles that only import the toolkit and print one line (built with the same esbuild settings):',
  '',
  '| reference | first output | exit | ratio (first output) | ratio (exit) |',
  '| --- | --- | --- | --- | --- |',
  ...referenceRows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.first)} | ${fmt(r.exit)} | ${r.ratio.toFixed(2)}× | ${r.exitRatio.toFixed(2)}× |`,
  ),
]);
