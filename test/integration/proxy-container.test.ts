// Container mode behind HAProxy (runtime API) and Caddy (admin API), as release mode is in
// proxy-haproxy and proxy-caddy: podman on the host behind sshd, images from Debian's registry,
// v1 → v2 → a v3 refused by its gate, under load through each proxy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upstreamConfig } from '@deploy-kit/release';
import { startCaddy, type Caddy } from '../support/caddy.js';
import { startContainerTarget, type ContainerTarget } from '../support/container-target.js';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { get, startLoad, type LoadReport } from '../support/load.js';
import { teardown } from '../support/teardown.js';

let target: ContainerTarget;
let haproxy: Haproxy;
let caddy: Caddy;
const images: Record<string, string> = {};

beforeAll(async () => {
  target = await startContainerTarget();
  const { host, registry } = target;
  for (const v of ['v1', 'v2', 'v3']) {
    const ref = `${registry.address}/acme/shop:${v}`;
    await target.buildApp(ref, v, v === 'v3');
    images[v] = `${registry.address}/acme/shop@${await target.push(ref)}`;
  }
  haproxy = await startHaproxy({
    app: 'shop',
    ports: host.ports,
    stateFile: join(host.deployPath, '.deploy-kit', 'haproxy.state'),
  });
  const snippet = join(host.deployPath, '.deploy-kit', 'upstream.conf');
  writeFileSync(snippet, upstreamConfig('caddy', 'shop', host.ports[0]));
  caddy = await startCaddy({ app: 'shop', snippet });
}, 300_000);
afterAll(async () => {
  await teardown(
    () => caddy.stop(),
    () => haproxy.stop(),
    () => target.stop(),
  );
}, 120_000);

/** v1 (no load), then v2 and the refused v3 under load through `url`. */
async function threeDeploys(
  url: string,
  proxy: Record<string, string>,
): Promise<{ report: LoadReport; exits: Array<number | null> }> {
  const exits: Array<number | null> = [];
  exits.push((await target.deploy('v1', images.v1 ?? '', proxy)).exitCode);
  expect((await get(url)).body).toBe('hello from v1');
  // 8 connections: busybox httpd listens with a backlog of 9 (deploy-container.test.ts says why).
  const load = await startLoad(url, 8);
  exits.push((await target.deploy('v2', images.v2 ?? '', proxy)).exitCode);
  exits.push((await target.deploy('v3', images.v3 ?? '', proxy)).exitCode);
  await new Promise((r) => setTimeout(r, 300));
  const report = await load.stop();
  expect((await get(url)).body).toBe('hello from v2');
  return { report, exits };
}

test('behind HAProxy: v1 → v2 → refused v3 with 0 errors of any kind', async () => {
  const { report, exits } = await threeDeploys(haproxy.url, {
    proxy: 'haproxy',
    'haproxy-socket': haproxy.socket,
  });
  console.log(`container behind haproxy: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`);
  expect(exits).toEqual([0, 0, 1]);
  expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(5000);
  expect({
    errors: report.errors,
    timeouts: report.timeouts,
    non2xx: report.non2xx,
    fresh: report.freshFailureSamples,
  }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, fresh: [] });
  expect(report.bodies.has('hello from v3')).toBe(false);
}, 300_000);

test('behind Caddy: v1 → v2 → refused v3 with no 5xx or timeout', async () => {
  const { report, exits } = await threeDeploys(caddy.url, {
    proxy: 'caddy',
    'caddy-admin': caddy.admin,
    'proxy-test-command': caddy.testCommand,
    'proxy-reload-command': caddy.reloadCommand,
  });
  console.log(`container behind caddy: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`);
  expect(exits).toEqual([0, 0, 1]);
  expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(5000);
  // Caddy's reload closes idle keep-alive connections (proxy-caddy.test.ts, bench/results/caddy.md).
  expect({ timeouts: report.timeouts, non2xx: report.non2xx }).toEqual({ timeouts: 0, non2xx: 0 });
  expect(report.bodies.has('hello from v3')).toBe(false);
}, 300_000);
