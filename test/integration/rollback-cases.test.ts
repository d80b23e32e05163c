// rollback cases that need no load, against real OpenSSH and nginx on loopback, through the
// committed bundle: refusals, re-runs, listing, a failing target, the lock. They run side by side
// with other suites; the rollback under load is in rollback.test.ts.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollbackMessages } from '@deploy-kit/release';
import { get } from '../support/load.js';
import { newRuns } from '../support/runner.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

/** Each rollback its own workflow run. */
const newRun = newRuns(6000);

describe('rollback, blue-green behind nginx', () => {
  let host: TargetHost;
  beforeAll(async () => {
    host = await startTargetHost('rb');
  });
  afterAll(async () => {
    await host.stop();
  });

  test('with one release only: refused, nothing changed', async () => {
    expect((await host.deploy('v1')).exitCode).toBe(0);
    const before = host.history().length;
    const result = await host.rollback({ reason: 'try' }, newRun());
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain(rollbackMessages.nothingBefore(host.inputs('x', '').hosts!, 'v1'));
    expect(host.current()).toBe('v1');
    expect(host.history()).toHaveLength(before);
    expect(existsSync(join(host.deployPath, '.deploy-kit', 'lock'))).toBe(false);
  });

  test('v1 v2 v3, then back to v2 (default) and to v1 (by version)', async () => {
    expect((await host.deploy('v2')).exitCode).toBe(0);
    expect((await host.deploy('v3')).exitCode).toBe(0);
    const toV2 = await host.rollback({ reason: 'v3 breaks checkout' }, newRun());
    expect(toV2.outputs).toMatchObject({ version: 'v2', 'from-version': 'v3' });
    const toV1 = await host.rollback({ to: 'v1', reason: 'v2 too' }, newRun());
    expect(toV1.outputs).toMatchObject({ version: 'v1', 'from-version': 'v2' });
    expect(host.current()).toBe('v1');
  });

  test('re-running a rollback is a no-op: same run, or a version already live', async () => {
    const run = newRun();
    const first = await host.deploy('v4');
    expect(first.exitCode).toBe(0);
    const back = await host.rollback({}, run);
    expect(back.exitCode).toBe(0);
    expect(host.current()).toBe('v1');
    const before = host.history().length;
    const rerun = await host.rollback({}, run);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.log).toMatch(/this run already rolled back to v1; nothing to do/);
    const explicit = await host.rollback({ to: 'v1' }, newRun());
    expect(explicit.exitCode).toBe(0);
    expect(explicit.log).toMatch(/v1 is already live; nothing to do/);
    expect(host.current()).toBe('v1');
    expect(host.history()).toHaveLength(before);
  });

  test('list: true reports the candidates and changes nothing', async () => {
    const before = host.history().length;
    const listed = await host.rollback({ list: 'true' }, newRun());
    expect(listed.exitCode).toBe(0);
    const candidates = JSON.parse(listed.outputs.candidates!) as Array<Record<string, string>>;
    expect(candidates.map((c) => c.version)).toEqual(['v4', 'v2', 'v3']);
    expect(candidates[0]).toMatchObject({ actor: 'octocat', status: 'success' });
    expect(listed.outputs.version).toBe('v1');
    expect(listed.summary).toMatch(/\| v4 \|/);
    expect(host.history()).toHaveLength(before);
    expect(host.current()).toBe('v1');
  });

  test('a version that was pruned, or never went live, is refused with the list of candidates', async () => {
    for (const v of ['v5', 'v6']) expect((await host.deploy(v, { 'keep-releases': '2' })).exitCode).toBe(0);
    expect(readdirSync(join(host.deployPath, 'releases')).sort()).toEqual(['v5', 'v6']);
    const pruned = await host.rollback({ to: 'v2' }, newRun());
    expect(pruned.exitCode).toBe(1);
    expect(pruned.log).toMatch(
      /cannot roll back to v2: it is not on the host any more \(pruned\)\. Candidates: v5\./,
    );
    const never = await host.rollback({ to: 'v9' }, newRun());
    expect(never.exitCode).toBe(1);
    expect(never.log).toMatch(/cannot roll back to v9: it never went live successfully here/);
    expect(host.current()).toBe('v6');
    expect((await get(host.nginx.url)).body).toBe('hello from v6');
  });

  test('a target whose slot fails its gate is not switched to; the live version keeps serving', async () => {
    writeFileSync(join(host.deployPath, 'releases', 'v5', 'BROKEN'), '1');
    const result = await host.rollback({}, newRun());
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/failed its health check/);
    expect(result.outputs.version).toBe('v6');
    expect(host.current()).toBe('v6');
    expect((await get(host.nginx.url)).body).toBe('hello from v6');
    expect(host.history().at(-1)).toMatchObject({ event: 'rollback', version: 'v5', status: 'failed' });
  });

  test('a deploy holding the lock: rollback fails at once naming it, or waits with lock-timeout', async () => {
    const deploying = host.deploy('v7', { 'build-command': 'sleep 2' });
    const lockDir = join(host.deployPath, '.deploy-kit', 'lock');
    for (let i = 0; i < 200 && !existsSync(join(lockDir, 'holder.json')); i += 1)
      await new Promise((r) => setTimeout(r, 25));
    const refused = await host.rollback({}, newRun());
    expect(refused.exitCode).toBe(1);
    expect(refused.log).toMatch(
      /another deploy holds the lock \(run 4242 by octocat, version v7, deploy since/,
    );
    const waited = await host.rollback({ 'lock-timeout': '60s' }, newRun());
    expect((await deploying).exitCode).toBe(0);
    expect(waited.exitCode).toBe(0);
    expect(waited.outputs).toMatchObject({ version: 'v6', 'from-version': 'v7' });
    expect(host.current()).toBe('v6');
  });
});
