// rollback against real OpenSSH and nginx on loopback, through the committed bundle, blue-green
// under load: this suite has the machine to itself (CONTRIBUTING.md, tests side by side). The cases
// that need no load are in rollback-cases.test.ts; in place and a fleet in rollback-fleet.test.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { get, startLoad } from '../support/load.js';
import { newRuns } from '../support/runner.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

/** Each rollback its own workflow run. */
const newRun = newRuns(5000);

describe('rollback, blue-green behind nginx', () => {
  let host: TargetHost;
  beforeAll(async () => {
    host = await startTargetHost('rb');
  });
  afterAll(async () => {
    await host.stop();
  });

  test('v1 v2 v3, then back to v2 (default) and to v1 (by version) under load: 0 failed requests', async () => {
    expect((await host.deploy('v1')).exitCode).toBe(0);
    expect((await host.deploy('v2')).exitCode).toBe(0);
    expect((await host.deploy('v3')).exitCode).toBe(0);
    const load = await startLoad(host.nginx.url);
    const toV2 = await host.rollback({ reason: 'v3 breaks checkout' }, newRun());
    expect((await get(host.nginx.url)).body).toBe('hello from v2');
    const toV1 = await host.rollback({ to: 'v1', reason: 'v2 too' }, newRun());
    await new Promise((r) => setTimeout(r, 500));
    const report = await load.stop();
    console.log(
      `rollback load: ${JSON.stringify({ ...report, bodies: [...report.bodies], nginxErrors: host.nginx.errors() })}`,
    );
    expect(toV2.exitCode).toBe(0);
    expect(toV2.outputs).toMatchObject({ version: 'v2', 'from-version': 'v3' });
    expect(toV1.exitCode).toBe(0);
    expect(toV1.outputs).toMatchObject({ version: 'v1', 'from-version': 'v2' });
    expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(5000);
    expect({ timeouts: report.timeouts, non2xx: report.non2xx, fresh: report.freshFailures }).toEqual({
      timeouts: 0,
      non2xx: 0,
      fresh: 0,
    });
    // Same known gap as deploy-ssh's zero-downtime test: keep-alive resets at nginx reload.
    expect(report.errors).toBeLessThanOrEqual(50);
    expect(report.bodies).toEqual(new Set(['hello from v3', 'hello from v2', 'hello from v1']));
    expect(host.current()).toBe('v1');
    expect((await get(host.nginx.url)).body).toBe('hello from v1');
    const rollbacks = host.history().filter((h) => h.event === 'rollback');
    expect(rollbacks.map((h) => [h.version, h.previous, h.status, h.reason])).toEqual([
      ['v2', 'v3', 'success', 'v3 breaks checkout'],
      ['v1', 'v2', 'success', 'v2 too'],
    ]);
    // No re-upload: the release directories are the ones the deploys wrote.
    expect(readdirSync(join(host.deployPath, 'releases')).sort()).toEqual(['v1', 'v2', 'v3']);
    expect(toV2.log).not.toMatch(/uploaded/);
    expect(toV2.summary).toMatch(/rollback rb: ✅ v3 → v2/);
    expect(toV2.summary).toMatch(/```mermaid\ngantt/);
    // Only one slot runs after the switch: the other port is closed.
    const ports = host.ports.map(async (port) =>
      get(`http://127.0.0.1:${port}/health`, 1000).then(
        () => port,
        () => 0,
      ),
    );
    expect((await Promise.all(ports)).filter((p) => p > 0)).toHaveLength(1);
  });
});
