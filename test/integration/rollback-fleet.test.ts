// rollback against real OpenSSH on loopback, through the committed bundle, beside other suites
// (nothing here runs under load; CONTRIBUTING.md, tests side by side): in place, and a fleet of 3
// where one host fails the target gate. Blue-green under load is in rollback.test.ts, its cases
// without load in rollback-cases.test.ts.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFleet } from '../support/fleet.js';
import { get } from '../support/load.js';
import { newRuns, runBundle } from '../support/runner.js';
import { rollbackInputs, startTargetHost } from '../support/target-host.js';

/** Each rollback its own workflow run. */
const newRun = newRuns(5000);

test('in-place: rollback switches current and restarts the recorded release', async () => {
  const host = await startTargetHost('rbinplace');
  try {
    const marker = join(host.root, 'restarted');
    const opts = {
      strategy: 'in-place',
      proxy: 'none',
      ports: '',
      'health-check': 'false',
      'start-command': '',
      'restart-command': `cat VERSION >> ${marker}`,
    };
    for (const v of ['a1', 'a2']) expect((await host.deploy(v, opts)).exitCode).toBe(0);
    const result = await host.rollback({ 'health-check': 'false' }, newRun());
    expect(result.exitCode).toBe(0);
    expect(host.current()).toBe('a1');
    expect(result.log).toMatch(/health-check is false/);
    expect(readFileSync(marker, 'utf8')).toBe('a1\na2\na1\n');
  } finally {
    await host.stop();
  }
});

test('fleet of 3, one host failing the target gate: the switched hosts are switched back, one version', async () => {
  const fleet = await startFleet(3, 'rbfleet');
  try {
    for (const v of ['v1', 'v2']) {
      const r = await runBundle('deploy-ssh', { inputs: fleet.deployInputs(v) });
      expect(r.exitCode).toBe(0);
    }
    const fleetRollback = (extra: Record<string, string> = {}): Record<string, string> => ({
      ...rollbackInputs(fleet.deployInputs('unused')),
      ...extra,
    });
    // The third host's v1 has gone bad since: its slot never becomes healthy.
    writeFileSync(join(fleet.hosts[2]!.root, 'app', 'releases', 'v1', 'BROKEN'), '1');
    const failed = await runBundle('rollback', {
      inputs: fleetRollback({ 'max-parallel': '1' }),
      ...newRun(),
    });
    expect(failed.exitCode).toBe(1);
    const statuses = (JSON.parse(failed.outputs.hosts!) as Array<{ status: string }>).map((h) => h.status);
    expect(statuses).toEqual(['rolled-back', 'rolled-back', 'failed']);
    expect(failed.outputs.version).toBe('v2');
    for (const h of fleet.hosts) {
      expect(h.current()).toBe('v2');
      expect((await get(h.nginxUrl)).body).toBe('hello from v2');
    }
    // Healed: the whole fleet goes back together.
    rmSync(join(fleet.hosts[2]!.root, 'app', 'releases', 'v1', 'BROKEN'));
    const ok = await runBundle('rollback', { inputs: fleetRollback(), ...newRun() });
    expect(ok.exitCode).toBe(0);
    for (const h of fleet.hosts) expect((await get(h.nginxUrl)).body).toBe('hello from v1');
  } finally {
    await fleet.stop();
  }
});
