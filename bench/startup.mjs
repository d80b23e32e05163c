// Cold start of every bundle, to its first line of output, against bare `node -e 0`.
// Each bundle gets no inputs, so it fails input validation and exits at once: what is measured is
// loading and initialising the bundle, which every real run pays before its first useful step.
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

async function measure(args, env) {
  await timeRun(args, env); // warm the file cache once; every measured run is a fresh process
  const firsts = [];
  const exits = [];
  for (let i = 0; i < RUNS; i += 1) {
    const { first, exit } = await timeRun(args, env);
    firsts.push(first);
    exits.push(exit);
  }
  return { first: median(firsts), exit: median(exits) };
}

const baseline = await measure(['-e', '0']);
const rows = [];
const bundles = readdirSync(join(root, 'dist'))
  .filter((name) => existsSync(join(root, 'dist', name, 'index.js')))
  .sort();
for (const name of bundles) {
  const env = { GITHUB_OUTPUT: '/dev/null', GITHUB_STEP_SUMMARY: '/dev/null' };
  const result = await measure([join(root, 'dist', name, 'index.js')], env);
  rows.push({ name, ...result, ratio: result.first / baseline.exit });
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
const referenceRows = [];
for (const [label, imports] of references) {
  const file = await toolkitBundle(label.replace(/\W+/g, '-'), imports);
  const result = await measure([file], { GITHUB_OUTPUT: '/dev/null' });
  referenceRows.push({
    name: label,
    ...result,
    ratio: result.first / baseline.exit,
    exitRatio: result.exit / baseline.exit,
  });
}

const GOAL = 1.5;
const worst = Math.max(...rows.map((r) => Math.max(r.ratio, r.exit / baseline.exit)));
report('startup', 'Bundle start-up', [
  `Median of ${RUNS} cold runs each. Baseline: \`node -e 0\` (process start to exit) = ${fmt(baseline.exit)}.`,
  `Ratios: the bundle's time to its first line of output, and to its exit, ÷ the baseline. Goal ≤ ${GOAL}× for both.`,
  '',
  '| bundle | first output | exit | ratio (first output) | ratio (exit) |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.first)} | ${fmt(r.exit)} | ${r.ratio.toFixed(2)}× | ${(r.exit / baseline.exit).toFixed(2)}× |`,
  ),
  '',
  `Worst ratio: ${worst.toFixed(2)}× (${worst <= GOAL ? 'meets' : 'misses'} the ${GOAL}× goal).`,
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
