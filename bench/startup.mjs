// Cold start of every bundle, to its first line of output, against bare `node -e 0`.
// Each bundle gets no inputs, so it fails input validation and exits at once: what is measured is
// loading and initialising the bundle, which every real run pays before its first useful step.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

const worst = Math.max(...rows.map((r) => r.ratio));
report('startup', 'Bundle start-up', [
  `Median of ${RUNS} cold runs each. Baseline: \`node -e 0\` (process start to exit) = ${fmt(baseline.exit)}.`,
  'Ratio = bundle time to its first line of output ÷ baseline. Goal ≤ 2.0×.',
  '',
  '| bundle | first output | exit | ratio |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.name} | ${fmt(r.first)} | ${fmt(r.exit)} | ${r.ratio.toFixed(2)}× |`),
  '',
  `Worst ratio: ${worst.toFixed(2)}× (${worst <= 2 ? 'meets' : 'misses'} the 2.0× goal).`,
]);
