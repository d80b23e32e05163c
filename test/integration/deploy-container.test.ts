// deploy-ssh mode container for real, under load: podman on the "runner" and, with separate
// storage, on the host behind sshd; Debian's docker-registry; nginx in front of the blue/green
// containers. This suite has the machine to itself (CONTRIBUTING.md, tests side by side); the
// container tests that need no load are in deploy-container-cases.test.ts.
import { get, startLoad } from '../support/load.js';
import { startContainerTarget, type ContainerTarget } from '../support/container-target.js';
import type { Registry } from '../support/podman.js';
import type { TargetHost } from '../support/target-host.js';

let target: ContainerTarget;
let host: TargetHost;
let registry: Registry;
beforeAll(async () => {
  target = await startContainerTarget();
  ({ host, registry } = target);
});
afterAll(async () => {
  await target.stop();
});

test('registry pull, blue-green v1 → v2 → broken v3 under load; rollback to v1 with the registry down', async () => {
  const digests: Record<string, string> = {};
  for (const v of ['v1', 'v2', 'v3']) {
    const ref = `${registry.address}/acme/shop:${v}`;
    await target.buildApp(ref, v, v === 'v3');
    digests[v] = `${registry.address}/acme/shop@${await target.push(ref)}`;
  }
  const v1 = await target.deploy('v1', digests.v1!);
  expect({ exit: v1.exitCode, log: v1.exitCode === 0 ? '' : v1.log }).toEqual({ exit: 0, log: '' });
  expect((await get(host.nginx.url)).body).toBe('hello from v1');

  // 8 connections: busybox httpd listens with a backlog of 9 and nginx opens one upstream connection
  // per request, so more overflows the app's accept queue (SYN drops, 1 s retransmits) and measures
  // the test app, not the switch.
  const load = await startLoad(host.nginx.url, 8);
  const v2 = await target.deploy('v2', digests.v2!);
  const v3 = await target.deploy('v3', digests.v3!);
  await new Promise((r) => setTimeout(r, 300));
  const report = await load.stop();
  console.log(
    `container load: ${JSON.stringify({ ...report, bodies: [...report.bodies], nginxErrors: host.nginx.errors() })}`,
  );
  expect(v2.exitCode).toBe(0);
  expect(v3.exitCode).toBe(1);
  expect(v3.outputs['rolled-back']).toBe('true');
  expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(5000);
  expect({ timeouts: report.timeouts, non2xx: report.non2xx, fresh: report.freshFailures }).toEqual({
    timeouts: 0,
    non2xx: 0,
    fresh: 0,
  });
  expect(report.errors).toBeLessThanOrEqual(50); // nginx reload keep-alive resets, as in release mode
  expect((await get(host.nginx.url)).body).toBe('hello from v2');

  // Exactly the slot containers: v2 running, the other slot stopped (v3's failed start), nothing else.
  const all = (await target.hostPodman(['ps', '-a', '--format', '{{.Names}}'])).trim().split('\n').sort();
  const running = (await target.hostPodman(['ps', '--format', '{{.Names}}'])).trim().split('\n');
  expect(all).toEqual(['shop-blue', 'shop-green']);
  const history = host.history().slice(-3);
  expect(history.map((h) => [h.version, h.status, h.mode])).toEqual([
    ['v1', 'success', 'container'],
    ['v2', 'success', 'container'],
    ['v3', 'failed', 'container'],
  ]);
  expect(history[1]).toMatchObject({ image: digests.v2 });
  // The failed v3 slot was stopped (kept); only v2's slot runs.
  expect(running).toEqual([`shop-${String(history[1]!.slot)}`]);

  await registry.stop();
  const back = await host.rollback(
    { to: 'v1', reason: 'registry down, v1 from the host' },
    { env: { ...target.runnerEnv, GITHUB_RUN_ID: '8801' } },
  );
  expect({ exit: back.exitCode, log: back.exitCode === 0 ? '' : back.log }).toEqual({ exit: 0, log: '' });
  expect((await get(host.nginx.url)).body).toBe('hello from v1');
  expect(host.history().at(-1)).toMatchObject({ event: 'rollback', version: 'v1', mode: 'container' });
});
