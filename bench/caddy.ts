// Caddy's two switches side by side, paired: rounds of 5 blue-green deploys under the same load
// (autocannon, 50 keep-alive connections, plus the fresh-connection loop), through the admin API
// and then through the Caddyfile snippet and `caddy reload` (`caddy-admin: off`), alternating so
// that drift in the machine falls on both. Which is the default follows from this report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upstreamConfig } from '@deploy-kit/release';
import { startCaddy } from '../test/support/caddy.js';
import { startLoad } from '../test/support/load.js';
import { startTargetHost } from '../test/support/target-host.js';
import { median, report } from './lib.mjs';

const ROUNDS = 3;
const DEPLOYS = 5;
const host = await startTargetHost();
const snippet = join(host.deployPath, '.deploy-kit', 'upstream.conf');
writeFileSync(snippet, upstreamConfig('caddy', 'shop', host.ports[0]));
const caddy = await startCaddy({ app: 'shop', snippet });
const ways = [
  { name: 'admin API', admin: caddy.admin },
  { name: 'Caddyfile + `caddy reload`', admin: 'off' },
] as const;

interface Tally {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  freshFailures: number;
  switchMs: number[];
  deployS: number[];
  perRound: number[];
}
const tallies = new Map<string, Tally>(
  ways.map((w) => [
    w.name,
    {
      requests: 0,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      freshFailures: 0,
      switchMs: [],
      deployS: [],
      perRound: [],
    },
  ]),
);

try {
  let n = 0;
  const deploy = async (admin: string) => {
    n += 1;
    const result = await host.deploy(`c${n}`, {
      proxy: 'caddy',
      'caddy-admin': admin,
      'proxy-test-command': caddy.testCommand,
      'proxy-reload-command': caddy.reloadCommand,
    });
    if (result.exitCode !== 0) throw new Error(result.log);
    return result;
  };
  await deploy(caddy.admin);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const way of ways) {
      const tally = tallies.get(way.name);
      if (!tally) throw new Error(way.name);
      const load = await startLoad(caddy.url, 50, 300);
      for (let i = 0; i < DEPLOYS; i += 1) {
        const started = performance.now();
        const result = await deploy(way.admin);
        tally.deployS.push((performance.now() - started) / 1000);
        const ms = /traffic switched to \w+ in (\d+) ms/.exec(result.log)?.[1];
        if (ms !== undefined) tally.switchMs.push(Number(ms));
      }
      await new Promise((r) => setTimeout(r, 300));
      const r = await load.stop();
      tally.requests += r.requests + r.freshRequests;
      tally.errors += r.errors;
      tally.timeouts += r.timeouts;
      tally.non2xx += r.non2xx;
      tally.freshFailures += r.freshFailures;
      tally.perRound.push(r.errors + r.freshFailures);
    }
  }
  const rows = [...tallies].map(([name, t]) => {
    const deploys = ROUNDS * DEPLOYS;
    return `| ${name} | ${t.requests} | ${t.errors} (${(t.errors / deploys).toFixed(1)} per deploy; per round ${t.perRound.join(', ')}) | ${t.timeouts} | ${t.non2xx} | ${t.freshFailures} | ${median(t.switchMs)} ms (${Math.min(...t.switchMs)}–${Math.max(...t.switchMs)}) | ${median(t.deployS).toFixed(1)} s |`;
  });
  const state = readFileSync(snippet, 'utf8').trim().replace(/\s+/g, ' ');
  report('caddy', 'Caddy: the admin API against the Caddyfile reload, paired', [
    `${ROUNDS} rounds; in each, ${DEPLOYS} blue-green deploys through the admin API, then ${DEPLOYS} with \`caddy-admin: off\`, each`,
    'set under its own load: autocannon with 50 keep-alive connections plus a sequential fresh-connection loop. drain 1s',
    '(the admin API ends it as soon as Caddy reports no request in flight to the old slot).',
    '',
    '| switch | requests | socket errors | timeouts | non-2xx | fresh failures | switch time, median (range) | deploy, median |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Both are one graceful reload of the running config (the API call, or `caddy reload` posting the adapted Caddyfile):',
    'the old server finishes its requests and closes its idle keep-alive connections, which is where the resets come from.',
    `The snippet at the end: \`${state}\`.`,
  ]);
} finally {
  await caddy.stop();
  await host.stop();
}
