// deploy-ssh blue-green behind a real HAProxy (Debian's 2.6), switched through its runtime API over
// the SSH connection: no reload, so no client connection is touched. Real sshd, the committed bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { get, startLoad } from '../support/load.js';
import { teardown } from '../support/teardown.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

let host: TargetHost;
let haproxy: Haproxy;
beforeAll(async () => {
  host = await startTargetHost('shop');
  haproxy = await startHaproxy({
    app: 'shop',
    ports: host.ports,
    stateFile: join(host.deployPath, '.deploy-kit', 'haproxy.state'),
  });
}, 60_000);
afterAll(async () => {
  await teardown(
    () => haproxy.stop(),
    () => host.stop(),
  );
});

const viaHaproxy = (version: string, overrides: Record<string, string> = {}) =>
  host.deploy(version, { proxy: 'haproxy', 'haproxy-socket': haproxy.socket, drain: '10s', ...overrides });

test('zero errors of any kind across 10 consecutive deploys under load, one of them refused', async () => {
  expect((await viaHaproxy('v1')).exitCode).toBe(0);
  expect((await get(haproxy.url)).body).toBe('hello from v1');
  const load = await startLoad(haproxy.url, 50, 300);
  const outcomes: Array<[string, number | null]> = [];
  for (let i = 2; i <= 11; i += 1) {
    // The 6th is refused by its health gate: the live version must keep serving through it.
    const broken = i === 6;
    const version = `v${i}`;
    const source = host.makeRelease(version, broken ? { BROKEN: '1' } : {});
    const result = await viaHaproxy(version, { source });
    outcomes.push([version, result.exitCode]);
    if (broken) expect(result.log).toMatch(/failed its health check/);
  }
  // At least 100,000 requests in all: on a slow machine the load runs on after the last deploy.
  while (load.responses() < 100_000) await new Promise((r) => setTimeout(r, 200));
  const report = await load.stop();
  console.log(`haproxy zero-downtime load: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`);
  expect(outcomes).toEqual(Array.from({ length: 10 }, (_, k) => [`v${k + 2}`, k + 2 === 6 ? 1 : 0]));
  expect({
    errors: report.errors,
    timeouts: report.timeouts,
    non2xx: report.non2xx,
    freshFailures: report.freshFailures,
  }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, freshFailures: 0 });
  expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(100_000);
  expect((await get(haproxy.url)).body).toBe('hello from v11');
  // The refused v6 never served.
  expect(report.bodies.has('hello from v6')).toBe(false);
}, 300_000);

test('the switch is in the state file: a restarted HAProxy serves the live slot', async () => {
  const live = host.current();
  await haproxy.restart();
  expect((await get(haproxy.url)).body).toBe(`hello from ${live ?? '?'}`);
}, 60_000);

describe('faults: the deploy fails before anything changes, the live version serving', () => {
  test('the socket is missing', async () => {
    const before = host.current();
    const result = await viaHaproxy('v20', { 'haproxy-socket': '/nonexistent/haproxy.sock' });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/cannot reach HAProxy's runtime API at \/nonexistent\/haproxy\.sock/);
    expect(host.current()).toBe(before);
    expect((await get(haproxy.url)).body).toBe(`hello from ${before ?? '?'}`);
    // Nothing was started for it: the check came first.
    expect(result.log).not.toMatch(/start: node server\.js/);
  }, 60_000);

  test('HAProxy has no backend named after the app', async () => {
    const other = await startHaproxy({
      app: 'other',
      ports: host.ports,
      stateFile: join(host.root, 'other.state'),
    });
    try {
      const before = host.current();
      const result = await viaHaproxy('v21', { 'haproxy-socket': other.socket });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/HAProxy has no backend 'shop'/);
      expect(host.current()).toBe(before);
      expect((await get(haproxy.url)).body).toBe(`hello from ${before ?? '?'}`);
    } finally {
      await other.stop();
    }
  }, 60_000);

  test('control: a switch that stops the old slot before switching drops requests the load sees', async () => {
    // The broken variant, done by hand through the same runtime API: the live server goes to
    // maintenance before the other one is ready.
    // The slot in service, as the deploy recorded it.
    const { slot: live } = JSON.parse(
      readFileSync(join(host.deployPath, '.deploy-kit', 'state.json'), 'utf8'),
    ) as { slot: 'blue' | 'green' };
    const load = await startLoad(haproxy.url);
    await new Promise((r) => setTimeout(r, 300));
    await haproxy.api(`set server shop/${live} state maint`);
    await new Promise((r) => setTimeout(r, 300));
    await haproxy.api(`set server shop/${live} state ready`);
    await new Promise((r) => setTimeout(r, 300));
    const report = await load.stop();
    expect(report.non2xx + report.errors + report.freshFailures).toBeGreaterThan(0);
  }, 60_000);
});
