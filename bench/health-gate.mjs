// Decision latency of health-gate: from the moment the server turns healthy to the moment the
// bundle exits 0. The server flips at a random point within an interval, as a real app would.
// Goal: ≤ interval + 100 ms with success-threshold 1; with threshold N, ≤ N × interval + 100 ms.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fmt, median, percentile, report, root } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const INTERVAL_MS = 1000;

async function once(threshold) {
  let healthyAt = Infinity;
  const server = createServer((_req, res) => {
    res.writeHead(performance.now() >= healthyAt ? 200 : 503);
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const inputs = {
    URL: `http://127.0.0.1:${server.address().port}/health`,
    METHOD: 'GET',
    HEADERS: '',
    'EXPECT-STATUS': '200-299',
    'EXPECT-BODY': '',
    'EXPECT-VERSION': '',
    INTERVAL: `${INTERVAL_MS}ms`,
    'REQUEST-TIMEOUT': '1s',
    TIMEOUT: '60s',
    'SUCCESS-THRESHOLD': String(threshold),
    'FAILURE-THRESHOLD': '3',
    SOAK: '0s',
    'FOLLOW-REDIRECTS': 'false',
    'INSECURE-TLS': 'false',
    'ALLOW-UNTRUSTED-EVENT': 'false',
    // The SSH inputs' action.yml defaults (no hosts: probe directly).
    USER: 'deploy',
    PORT: '22',
    'INSECURE-SKIP-HOST-KEY-CHECK': 'false',
    'CONNECT-TIMEOUT': '20s',
  };
  const env = { PATH: process.env.PATH, GITHUB_OUTPUT: '/dev/null', GITHUB_STEP_SUMMARY: '/dev/null' };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name}`] = value;
  const child = spawn(process.execPath, [join(root, 'dist/health-gate/index.js')], { env, stdio: 'ignore' });
  // Let it fail a couple of probes first, then flip at a random phase of the interval.
  healthyAt = performance.now() + 1500 + Math.random() * INTERVAL_MS;
  const code = await new Promise((resolve) => child.on('close', resolve));
  const latency = performance.now() - healthyAt;
  server.close();
  if (code !== 0) throw new Error(`health-gate exited ${code}`);
  return latency;
}

const lines = [
  `Interval ${INTERVAL_MS} ms; ${RUNS} runs per threshold; the server turns healthy at a random phase.`,
  'Latency = bundle exit (decision) − the instant the server turned healthy.',
  '',
  '| success-threshold | median | p95 | max | goal | met |',
  '| --- | --- | --- | --- | --- | --- |',
];
for (const threshold of [1, 3]) {
  const latencies = [];
  for (let i = 0; i < RUNS; i += 1) latencies.push(await once(threshold));
  const goal = threshold * INTERVAL_MS + 100;
  const max = Math.max(...latencies);
  lines.push(
    `| ${threshold} | ${fmt(median(latencies))} | ${fmt(percentile(latencies, 95))} | ${fmt(max)} | ≤ ${goal} ms | ${max <= goal ? 'yes' : 'no'} |`,
  );
}
report('health-gate', 'health-gate decision latency', lines);
