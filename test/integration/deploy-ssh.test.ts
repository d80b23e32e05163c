// deploy-ssh release mode against real OpenSSH and nginx on loopback, through the committed bundle,
// under load: these suites have the machine to themselves (CONTRIBUTING.md, tests side by side).
// Faults, the lock and a fleet are in deploy-ssh-faults.test.ts.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { get, startLoad } from '../support/load.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

describe('blue-green behind nginx', () => {
  let host: TargetHost;
  beforeAll(async () => {
    host = await startTargetHost();
  });
  afterAll(async () => {
    await host.stop();
  });

  test('zero downtime: v1 → v2 and a failed v3 under load, then v2 still serving', async () => {
    expect((await host.deploy('v1')).exitCode).toBe(0);
    const load = await startLoad(host.nginx.url);
    const v2 = await host.deploy('v2');
    const v3 = await host.deploy('v3', { source: host.makeRelease('v3', { BROKEN: '1' }) });
    await new Promise((r) => setTimeout(r, 500));
    const report = await load.stop();
    expect(v2.exitCode).toBe(0);
    expect(v3.exitCode).toBe(1);
    expect(v3.outputs['rolled-back']).toBe('true');
    expect(v3.log).toMatch(/failed its health check/);
    expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(5000);
    expect({ timeouts: report.timeouts, non2xx: report.non2xx, fresh: report.freshFailures }).toEqual({
      timeouts: 0,
      non2xx: 0,
      fresh: 0,
    });
    // Known gap (issue left open): nginx's reload closes idle keep-alive client connections in the old
    // worker; a client that writes on one at that instant sees a reset (browsers retry; autocannon
    // counts it). Seen in about one run in three, at most one per connection per reload.
    expect(report.errors).toBeLessThanOrEqual(50);
    console.log(
      `zero-downtime load: ${JSON.stringify({ ...report, bodies: [...report.bodies], nginxErrors: host.nginx.errors() })}`,
    );
    expect(report.bodies).toEqual(new Set(['hello from v1', 'hello from v2']));
    expect((await get(host.nginx.url)).body).toBe('hello from v2');
    expect(host.current()).toBe('v2');
    const history = host.history().map((h) => [h.version, h.status, h.slot]);
    expect(history).toEqual([
      ['v1', 'success', 'blue'],
      ['v2', 'success', 'green'],
      ['v3', 'failed', 'blue'],
    ]);
    // The failed v3 slot was stopped: nothing listens on the blue port any more.
    await expect(get(`http://127.0.0.1:${host.ports[0]}/health`, 1000)).rejects.toThrow();
    expect(v2.summary).toMatch(/```mermaid\ngantt/);
    const hosts = JSON.parse(v2.outputs.hosts!) as Array<{ status: string; previous: string }>;
    expect(hosts).toMatchObject([{ status: 'deployed', previous: 'v1' }]);
  });

  test('deploying the live version again is a no-op that says so', async () => {
    const again = await host.deploy(host.current()!);
    expect(again.exitCode).toBe(0);
    expect(again.log).toMatch(/is already live; nothing to do/);
    expect(JSON.parse(again.outputs.hosts!)).toMatchObject([{ status: 'unchanged' }]);
  });

  test('a failing proxy test restores the old upstream; the old version keeps serving', async () => {
    const before = readFileSync(join(host.deployPath, '.deploy-kit', 'upstream.conf'), 'utf8');
    const broken = join(host.root, 'broken.conf');
    writeFileSync(broken, 'events {}\nhttp { this is not valid }\n');
    const result = await host.deploy('v4', {
      'proxy-test-command': `/usr/sbin/nginx -p ${host.nginx.dir} -c ${broken} -t`,
    });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/proxy configuration test .* failed; the previous upstream was restored/);
    expect(readFileSync(join(host.deployPath, '.deploy-kit', 'upstream.conf'), 'utf8')).toBe(before);
    expect((await get(host.nginx.url)).body).toBe('hello from v2');
    expect(host.current()).toBe('v2');
  });

  test('keep-releases prunes the oldest, never the live or previous one; shared paths and env file', async () => {
    for (const v of ['v5', 'v6']) {
      const r = await host.deploy(v, {
        'keep-releases': '2',
        'shared-paths': 'logs\nstorage/uploads',
        env: 'GREETING=hi there\nAPI_TOKEN=s3cr3t',
      });
      expect(r.exitCode).toBe(0);
    }
    expect(readdirSync(join(host.deployPath, 'releases')).sort()).toEqual(['v5', 'v6']);
    const link = join(host.deployPath, 'releases', 'v6', 'storage', 'uploads');
    expect(readFileSync(join(host.deployPath, 'releases', 'v6', 'VERSION'), 'utf8')).toBe('v6\n');
    expect(statSync(link).isDirectory()).toBe(true);
    expect(execFileSync('readlink', [link]).toString().trim()).toBe(
      join(host.deployPath, 'shared', 'storage', 'uploads'),
    );
    const envFile = join(host.deployPath, '.deploy-kit', 'env', 'v6.env');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const seen = JSON.parse((await get(`${host.nginx.url}/env`)).body) as Record<string, string>;
    expect(seen).toMatchObject({ GREETING: 'hi there', API_TOKEN: 's3cr3t' });
  });
});

test('control: an in-place restart without a proxy drops requests, so the load probe can see a drop', async () => {
  const host = await startTargetHost('inplace');
  try {
    const port = host.ports[0];
    const pidFile = join(host.deployPath, 'app.pid');
    // A typical hand-written restart: stop the old process, start the new one.
    const restart = `if [ -f ${pidFile} ]; then kill $(cat ${pidFile}) 2>/dev/null; sleep 0.3; fi; PORT=${port} setsid node server.js >/dev/null 2>&1 < /dev/null & echo $! > ${pidFile}`;
    const opts = {
      strategy: 'in-place',
      proxy: 'none',
      ports: String(port),
      'restart-command': restart,
      'start-command': '',
    };
    expect((await host.deploy('r1', opts)).exitCode).toBe(0);
    const load = await startLoad(`http://127.0.0.1:${port}/`);
    const r2 = await host.deploy('r2', opts);
    const report = await load.stop();
    expect(r2.exitCode).toBe(0);
    expect(report.errors + report.freshFailures + report.non2xx).toBeGreaterThan(0);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGKILL');
  } finally {
    await host.stop();
  }
});
