// Requests, errors and p99 latency through nginx during a blue-green deploy (v1 → v2) and a failed
// one (v3, rolled back), with autocannon (50 keep-alive connections) plus a fresh-connection loop;
// then socket errors per reload: bare `nginx -s reload`s (baseline) against deploys.
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
  // Baseline: the same load over bare `nginx -s reload`s with an unchanged config and no deploy, then
  // over blue-green deploys (one reload each), so the resets per reload can be compared.
  const RELOADS = 10;
  const bare = await startLoad(host.nginx.url);
  for (let i = 0; i < RELOADS; i += 1) {
    await new Promise((r) => setTimeout(r, 1000));
    await host.nginx.reload();
  }
  await new Promise((r) => setTimeout(r, 1000));
  const bareReport = await bare.stop();
  const deploys = await startLoad(host.nginx.url);
  for (let i = 0; i < RELOADS; i += 1) {
    const result = await host.deploy(`r${i}`);
    if (result.exitCode !== 0) throw new Error(result.log);
  }
  await new Promise((r) => setTimeout(r, 300));
  const deployReport = await deploys.stop();
  const perReload = (r: { errors: number }): string => (r.errors / RELOADS).toFixed(1);
  const comparison = [
    `| ${RELOADS} bare \`nginx -s reload\` (no deploy) | ${bareReport.requests} | ${bareReport.errors} (${perReload(bareReport)} per reload) | ${bareReport.non2xx} | ${bareReport.freshFailures} |`,
    `| ${RELOADS} blue-green deploys (one reload each) | ${deployReport.requests} | ${deployReport.errors} (${perReload(deployReport)} per deploy) | ${deployReport.non2xx} | ${deployReport.freshFailures} |`,
  ];
  const live = (await get(host.nginx.url)).body;
  report('zero-downtime', 'Zero downtime during blue-green deploys', [
    'nginx in front of the app; deploy-ssh switches the upstream file and reloads nginx. Load: autocannon, 50 keep-alive',
    'connections, plus a sequential loop of fresh-connection GETs (keep-alive can hide refused connections).',
    '',
    '| deploy | result | duration | autocannon requests | socket errors | timeouts | non-2xx | fresh requests | fresh failures | p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Where the socket errors come from: the same load over bare reloads of an unchanged config (baseline) and over',
    'deploys, one reload each.',
    '',
    '| under load | autocannon requests | socket errors | non-2xx | fresh failures |',
    '| --- | --- | --- | --- | --- |',
    ...comparison,
    '',
    `Serving at the end: "${live}". The test nginx sets keepalive_requests 1000000: with nginx's default of 1,000 it`,
    'recycles busy keep-alive connections, and autocannon counts a reset whenever it writes at that instant, deploy or not.',
    "The socket errors that remain are nginx's reload itself: before 1.27.4 the old worker closes its idle keep-alive",
    'connections at once, and a client writing on one at that instant sees a reset (nginx/nginx#456 added',
    '`keepalive_min_timeout` in 1.27.4 so that it answers with `Connection: close` instead). Debian 12 ships 1.22.1.',
  ]);
} finally {
  await host.stop();
}
