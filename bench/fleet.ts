// Wall time of one blue-green deploy (upload, start, gate, switch, drain, stop old) to 1, 4 and 8
// hosts, each host in its own network namespace with its own sshd and nginx. Goal: 8 hosts ≤ 2× one.
import { startFleet } from '../test/support/fleet.js';
import { runBundle } from '../test/support/runner.js';
import { fmt, median, must, report } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const fleet = await startFleet(8);

let counter = 0;

const phaseTimes = new Map<string, number[]>();

async function deploy(size: number): Promise<number> {
  const version = `v${counter++}`;
  const started = performance.now();
  const result = await runBundle('deploy-ssh', {
    inputs: fleet.deployInputs(version, size, {
      source: fleet.release(version, 200),
      drain: '1s',
      'health-timeout': '60s',
    }),
  });
  if (result.exitCode !== 0) throw new Error(`deploy to ${size} hosts failed:\n${result.log}`);
  const elapsed = performance.now() - started;
  for (const host of JSON.parse(must(result.outputs.hosts, 'the hosts output')) as Array<{
    phases: Record<string, number>;
  }>) {
    for (const [phase, ms] of Object.entries(host.phases))
      phaseTimes.set(`${size}:${phase}`, [...(phaseTimes.get(`${size}:${phase}`) ?? []), ms]);
  }
  return elapsed;
}

const rows: Array<{ size: number; times: number[] }> = [];
try {
  await deploy(8); // first deploy creates every host's layout
  for (const size of [1, 4, 8]) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await deploy(size));
    rows.push({ size, times });
  }
} finally {
  await fleet.stop();
}
const one = median(must(rows[0], 'rows[0]').times);
const eight = median(must(rows[2], 'rows[2]').times);
report('fleet', 'Fleet deploy wall time', [
  `Blue-green deploy of a 200-file release, health gate at 200 ms × 2, drain 1 s; median of ${RUNS} runs.`,
  'Each host: own network namespace (veth), own sshd and nginx, same deploy path and ports. 2 CPU cores in all.',
  '',
  '| hosts | median | runs | ratio to 1 host |',
  '| --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.size} | ${fmt(median(r.times))} | ${r.times.map((t) => t.toFixed(0)).join(', ')} | ${(median(r.times) / one).toFixed(2)}× |`,
  ),
  '',
  `8 hosts ÷ 1 host: ${(eight / one).toFixed(2)}× (goal ≤ 2×: ${eight / one <= 2 ? 'met' : 'missed'}).`,
  '',
  'Median milliseconds per phase and host:',
  '',
  '| phase | 1 host | 4 hosts | 8 hosts |',
  '| --- | --- | --- | --- |',
  ...['upload', 'start', 'gate', 'switch', 'drain', 'stop-old'].map(
    (phase) =>
      `| ${phase} | ${[1, 4, 8].map((n) => median(phaseTimes.get(`${n}:${phase}`) ?? [0]).toFixed(0)).join(' | ')} |`,
  ),
]);
