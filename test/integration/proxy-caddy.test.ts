// deploy-ssh blue-green behind a real Caddy (Debian's 2.6): switched through Caddy's admin API over
// the SSH connection, or — admin off or not answering — through the Caddyfile snippet and `caddy
// reload`. Real sshd, the committed bundle.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upstreamConfig } from '@deploy-kit/release';
import { startCaddy, type Caddy } from '../support/caddy.js';
import { get, startLoad, type LoadReport } from '../support/load.js';
import { freePort } from '../support/ports.js';
import type { RunResult } from '../support/runner.js';
import { teardown } from '../support/teardown.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

let host: TargetHost;
let caddy: Caddy;
const snippet = (): string => join(host.deployPath, '.deploy-kit', 'upstream.conf');

beforeAll(async () => {
  host = await startTargetHost('shop');
  // As the README tells users: the snippet file once, pointing at the blue port.
  writeFileSync(snippet(), upstreamConfig('caddy', 'shop', host.ports[0]));
  caddy = await startCaddy({ app: 'shop', snippet: snippet() });
}, 60_000);
afterAll(async () => {
  await teardown(
    () => caddy.stop(),
    () => host.stop(),
  );
});

const viaCaddy = (version: string, overrides: Record<string, string> = {}) =>
  host.deploy(version, {
    proxy: 'caddy',
    'caddy-admin': caddy.admin,
    'proxy-test-command': caddy.testCommand,
    'proxy-reload-command': caddy.reloadCommand,
    drain: '10s',
    ...overrides,
  });

/** Milliseconds a deploy's drain phase took, from its `hosts` output. */
function drainMs(result: RunResult): number {
  const [first] = JSON.parse(result.outputs.hosts ?? '[]') as Array<{ phases: Record<string, number> }>;
  return first?.phases.drain ?? -1;
}

/** Five deploys under load (one refused by its gate); the load's report and the outcomes. */
async function deploysUnderLoad(
  first: number,
  overrides: Record<string, string>,
): Promise<{ report: LoadReport; outcomes: Array<[string, number | null]>; drains: number[] }> {
  const load = await startLoad(caddy.url, 50, 300);
  const outcomes: Array<[string, number | null]> = [];
  const drains: number[] = [];
  for (let i = first; i < first + 5; i += 1) {
    const broken = i === first + 2;
    const version = `v${i}`;
    const source = host.makeRelease(version, broken ? { BROKEN: '1' } : {});
    const result = await viaCaddy(version, { source, ...overrides });
    outcomes.push([version, result.exitCode]);
    if (broken) expect(result.log).toMatch(/failed its health check/);
    else drains.push(drainMs(result));
  }
  while (load.responses() < 30_000) await new Promise((r) => setTimeout(r, 200));
  return { report: await load.stop(), outcomes, drains };
}

const expectedOutcomes = (first: number): Array<[string, number]> =>
  Array.from({ length: 5 }, (_, k) => [`v${first + k}`, k === 2 ? 1 : 0]);

describe('through the admin API', () => {
  test('five deploys under load, one refused: no 5xx or timeout, drain as long as requests last', async () => {
    const first = await viaCaddy('v1');
    expect(first.exitCode).toBe(0);
    expect(first.log).toMatch(/traffic switched to \w+ in \d+ ms \(caddy admin API\)/);
    expect((await get(caddy.url)).body).toBe('hello from v1');
    const { report, outcomes, drains } = await deploysUnderLoad(2, {});
    console.log(`caddy admin API load: ${JSON.stringify({ ...report, bodies: [...report.bodies], drains })}`);
    expect(outcomes).toEqual(expectedOutcomes(2));
    // Never a failed request: no 5xx, no timeout. Caddy applies any config change as a graceful
    // reload, which closes idle keep-alive connections; a client writing on one at that moment sees
    // a reset. bench/zero-downtime counts them per deploy (the README quotes it).
    expect({ timeouts: report.timeouts, non2xx: report.non2xx }).toEqual({ timeouts: 0, non2xx: 0 });
    expect(report.bodies.has('hello from v4')).toBe(false);
    expect((await get(caddy.url)).body).toBe('hello from v6');
    // The drain ends when Caddy has no request in flight to the old slot, not after the full 10 s.
    for (const ms of drains) expect(ms).toBeLessThan(5000);
  }, 300_000);

  test('the snippet is written too: a restarted Caddy serves the live slot', async () => {
    await caddy.restart();
    expect((await get(caddy.url)).body).toBe(`hello from ${host.current() ?? '?'}`);
  }, 60_000);

  test('an admin endpoint on a Unix socket', async () => {
    const other = await startCaddy({ app: 'shop', snippet: snippet(), admin: 'unix' });
    try {
      const result = await viaCaddy('v7', { 'caddy-admin': other.admin });
      expect(result.log).toMatch(/\(caddy admin API\)/);
      expect(result.exitCode).toBe(0);
      expect((await get(other.url)).body).toBe('hello from v7');
    } finally {
      await other.stop();
    }
    // The first Caddy was not switched (it is another instance); the snippet it imports was.
    await caddy.restart();
    expect((await get(caddy.url)).body).toBe('hello from v7');
  }, 60_000);

  test('a Caddy that proxies nothing to the app fails the deploy before anything starts', async () => {
    const before = host.current();
    const elsewhere = join(host.root, 'elsewhere.caddy');
    writeFileSync(elsewhere, upstreamConfig('caddy', 'shop', await freePort()));
    const other = await startCaddy({ app: 'shop', snippet: elsewhere });
    try {
      const result = await viaCaddy('v8', { 'caddy-admin': other.admin });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/Caddy's running config has no reverse_proxy to the app's ports/);
      expect(result.log).not.toMatch(/start: node server\.js/);
      expect(host.current()).toBe(before);
    } finally {
      await other.stop();
    }
  }, 60_000);
});

describe('through the Caddyfile snippet and caddy reload', () => {
  test('caddy-admin: off — five deploys under load, one refused, no 5xx or timeout', async () => {
    const { report, outcomes } = await deploysUnderLoad(10, { 'caddy-admin': 'off', drain: '1s' });
    console.log(`caddy Caddyfile reload load: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`);
    expect(outcomes).toEqual(expectedOutcomes(10));
    expect({ timeouts: report.timeouts, non2xx: report.non2xx }).toEqual({ timeouts: 0, non2xx: 0 });
    expect((await get(caddy.url)).body).toBe('hello from v14');
  }, 300_000);

  test('an admin endpoint nothing listens on: the deploy says so and reloads instead', async () => {
    // Without the admin API the drain cannot see requests end, and waits all of it: 1s, not 10s.
    const result = await viaCaddy('v15', { 'caddy-admin': `127.0.0.1:${await freePort()}`, drain: '1s' });
    expect(result.exitCode).toBe(0);
    expect(result.log).toMatch(/Caddy's admin API at 127\.0\.0\.1:\d+ does not answer/);
    expect((await get(caddy.url)).body).toBe('hello from v15');
  }, 60_000);

  test('a reload that fails restores the previous snippet; the live version keeps serving', async () => {
    const result = await viaCaddy('v16', { 'caddy-admin': 'off', 'proxy-reload-command': 'false' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/proxy reload \('false'\) failed; the previous upstream was restored/);
    expect(host.current()).toBe('v15');
    await caddy.restart();
    expect((await get(caddy.url)).body).toBe('hello from v15');
  }, 60_000);
});

test('Caddy down altogether: the deploy fails with nothing switched, the live version serving on its slot', async () => {
  const before = host.current();
  const other = await startCaddy({ app: 'shop', snippet: snippet() });
  await other.halt();
  const result = await host.deploy('v17', {
    proxy: 'caddy',
    'caddy-admin': other.admin,
    'proxy-test-command': other.testCommand,
    'proxy-reload-command': other.reloadCommand,
  });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/does not answer/);
  expect(result.log).toMatch(/proxy reload .* failed; the previous upstream was restored/);
  expect(host.current()).toBe(before);
  expect((await get(caddy.url)).body).toBe(`hello from ${before ?? '?'}`);
  await other.stop();
}, 60_000);

test('control: pointing the reverse_proxy at a port nobody serves yet drops requests the load sees', async () => {
  // The broken variant, through the same admin API: switch before the new slot listens.
  const load = await startLoad(caddy.url);
  await new Promise((r) => setTimeout(r, 300));
  const config = JSON.stringify(await caddy.config());
  const live = /"dial":"127\.0\.0\.1:(\d+)"/.exec(config)?.[1] ?? '';
  const dead = await freePort();
  const patch = (port: string): Promise<Response> =>
    fetch(`http://${caddy.admin}/config/`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: config.replaceAll(`"dial":"127.0.0.1:${live}"`, `"dial":"127.0.0.1:${port}"`),
    });
  expect((await patch(String(dead))).status).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  expect((await patch(live)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  const report = await load.stop();
  expect(report.non2xx + report.errors + report.freshFailures).toBeGreaterThan(0);
}, 60_000);
