// Requests, errors and p99 latency through nginx during a blue-green deploy (v1 → v2) and a failed
// one (v3, rolled back), with autocannon (50 keep-alive connections) plus a fresh-connection loop;
// then socket errors per reload: bare `nginx -s reload`s (baseline) against deploys; then per proxy
// (nginx, HAProxy's runtime API, Caddy's admin API, Caddy's Caddyfile reload), 10 deploys under the
// same load and the switch time of each.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upstreamConfig } from '@deploy-kit/release';
import { startCaddy, type Caddy } from '../test/support/caddy.js';
import { startHaproxy } from '../test/support/haproxy.js';
import { get, startLoad, type LoadReport } from '../test/support/load.js';
import { startTargetHost } from '../test/support/target-host.js';
import { median, report } from './lib.mjs';

const host = await startTargetHost();
let caddy: Caddy | undefined;
const haproxy = await startHaproxy({
  app: 'shop',
  ports: host.ports,
  stateFile: join(host.deployPath, '.deploy-kit', 'haproxy.state'),
});

/** 10 deploys under load through one proxy: the load's report and each switch's time (from the log). */
async function tenDeploys(
  url: string,
  prefix: string,
  overrides: Record<string, string>,
): Promise<{ load: LoadReport; switchMs: number[] }> {
  // One deploy first, without load: it puts this proxy's routing on the live slot.
  const warm = await host.deploy(`${prefix}-warm`, overrides);
  if (warm.exitCode !== 0) throw new Error(warm.log);
  const load = await startLoad(url, 50, 300);
  const switchMs: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const result = await host.deploy(`${prefix}${i}`, overrides);
    if (result.exitCode !== 0) throw new Error(result.log);
    const ms = /traffic switched to \w+ in (\d+) ms/.exec(result.log)?.[1];
    if (ms !== undefined) switchMs.push(Number(ms));
  }
  await new Promise((r) => setTimeout(r, 300));
  return { load: await load.stop(), switchMs };
}

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
  // Per proxy: the same 10 deploys under the same load, each proxy in front of the same host.
  const proxies: Array<{ name: string; url: string; prefix: string; overrides: Record<string, string> }> = [
    { name: 'nginx (upstream file, test, reload)', url: host.nginx.url, prefix: 'n', overrides: {} },
    {
      name: 'HAProxy (runtime API, no reload)',
      url: haproxy.url,
      prefix: 'h',
      overrides: { proxy: 'haproxy', 'haproxy-socket': haproxy.socket },
    },
  ];
  const perProxy: string[] = [];
  // Caddy's site imports the same upstream file deploy-ssh writes; as a user would, it first names the
  // live slot. Caddy's rows come last: from then on the file holds Caddy's snippet, not nginx's.
  const liveSlot = JSON.parse(readFileSync(join(host.deployPath, '.deploy-kit', 'state.json'), 'utf8')) as {
    port: number;
  };
  const snippet = join(host.deployPath, '.deploy-kit', 'upstream.conf');
  writeFileSync(snippet, upstreamConfig('caddy', 'shop', liveSlot.port));
  caddy = await startCaddy({ app: 'shop', snippet });
  const caddyCommands = {
    proxy: 'caddy',
    'proxy-test-command': caddy.testCommand,
    'proxy-reload-command': caddy.reloadCommand,
  };
  proxies.push(
    {
      name: "Caddy (admin API: one config change, applied as Caddy's graceful reload)",
      url: caddy.url,
      prefix: 'ca',
      overrides: { ...caddyCommands, 'caddy-admin': caddy.admin },
    },
    {
      name: '`caddy-admin: off` (Caddyfile snippet, `caddy validate`, `caddy reload`)',
      url: caddy.url,
      prefix: 'cf',
      overrides: { ...caddyCommands, 'caddy-admin': 'off' },
    },
  );
  for (const proxy of proxies) {
    const { load, switchMs } = await tenDeploys(proxy.url, proxy.prefix, proxy.overrides);
    perProxy.push(
      `| ${proxy.name} | ${load.requests + load.freshRequests} | ${load.errors} (${(load.errors / 10).toFixed(1)} per deploy) | ${load.timeouts} | ${load.non2xx} | ${load.freshFailures} | ${load.latencyP99Ms} ms | ${median(switchMs)} ms (${Math.min(...switchMs)}–${Math.max(...switchMs)}) |`,
    );
  }
  // The last deploys went through Caddy.
  const live = (await get(caddy.url)).body;
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
    'Per proxy: 10 consecutive blue-green deploys under the same load. Switch time: from the first command of the',
    'switch until the new slot takes traffic (nginx: write the upstream file, `nginx -t`, `nginx -s reload`; HAProxy:',
    '`set server … addr`, `set server … state ready` over the SSH connection to its admin socket; Caddy admin API: read',
    'the running config, point the reverse_proxy at the new port, PATCH it back (If-Match); Caddyfile: write the snippet,',
    '`caddy validate`, `caddy reload`).',
    '',
    '| proxy | requests | socket errors | timeouts | non-2xx | fresh failures | p99 | switch time, median (range) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...perProxy,
    '',
    'Caddy applies every config change, through its API or `caddy reload`, as a graceful reload: the old server finishes',
    'its requests but closes its idle keep-alive connections at once, so a client writing on one at that instant sees a',
    'reset, as with nginx before 1.27.4. Caddy 2.6 moves a static upstream only through a config change (its dynamic',
    'upstreams come from DNS A/SRV lookups).',
    '',
    `Serving at the end, through Caddy: "${live}". The test nginx sets keepalive_requests 1000000: with nginx's default of 1,000 it`,
    'recycles busy keep-alive connections, and autocannon counts a reset whenever it writes at that instant, deploy or not.',
    "The socket errors that remain are nginx's reload itself: before 1.27.4 the old worker closes its idle keep-alive",
    'connections at once, and a client writing on one at that instant sees a reset (nginx/nginx#456 added',
    '`keepalive_min_timeout` in 1.27.4 so that it answers with `Connection: close` instead). Debian 12 ships 1.22.1.',
  ]);
} finally {
  await caddy?.stop();
  await haproxy.stop();
  await host.stop();
}
