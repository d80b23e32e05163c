// Requests, errors and p99 latency through nginx during a blue-green deploy (v1 → v2) and a failed
// one (v3, rolled back), with autocannon (50 keep-alive connections) plus a fresh-connection loop.
import { get, startLoad } from '../test/support/load.js';
import { startTargetHost } from '../test/support/target-host.js';
import { report } from './lib.mjs';

const host = await startTargetHost();
try {
  const first = await host.deploy('v1');
  if (first.exitCode !== 0) throw new Error(first.log);
  const rows: string[] = [];
  for (const [version, broken] of [
    ['v2', false],
    ['v3', true],
  ] as const) {
    const load = await startLoad(host.nginx.url);
    const started = performance.now();
    const result = await host.deploy(
      version,
      broken ? { source: host.makeRelease(version, { BROKEN: '1' }) } : {},
    );
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 300));
    const r = await load.stop();
    rows.push(
      `| ${version}${broken ? ' (fails its gate, old slot keeps serving)' : ''} | ${result.exitCode === 0 ? 'deployed' : 'refused'} | ${seconds.toFixed(1)} s | ${r.requests} | ${r.errors} | ${r.timeouts} | ${r.non2xx} | ${r.freshRequests} | ${r.freshFailures} | ${r.latencyP99Ms} ms |`,
    );
  }
  const live = (await get(host.nginx.url)).body;
  report('zero-downtime', 'Zero downtime during blue-green deploys', [
    'nginx in front of the app; deploy-ssh switches the upstream file and reloads nginx. Load: autocannon, 50 keep-alive',
    'connections, plus a sequential loop of fresh-connection GETs (keep-alive can hide refused connections).',
    '',
    '| deploy | result | duration | autocannon requests | socket errors | timeouts | non-2xx | fresh requests | fresh failures | p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Serving after both: "${live}". The test nginx sets keepalive_requests 1000000: with nginx's default of 1,000 it`,
    'recycles busy keep-alive connections, and autocannon counts a reset whenever it writes at that instant, deploy or not.',
    'Socket errors that remain come from the reload itself: the old worker closes idle keep-alive connections, and a client',
    'writing on one at that instant sees a reset (seen in about one run in three).',
  ]);
} finally {
  await host.stop();
}
