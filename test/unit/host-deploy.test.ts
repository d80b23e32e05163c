// The deploy core (HostDeploy, the fleet's switch-back, the lock) on this machine through a local
// RemoteShell: the same remote scripts, run under local `sh`, against a real Node app started the
// way users write it (`node server.js`, no exec). Seconds instead of the sshd suites' minutes; those
// stay the integration layer (real sshd, nginx, podman).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryLogger, systemClock } from '@deploy-kit/core';
import { httpProbe } from '@deploy-kit/health';
import {
  blueGreenPhases,
  deployRelease,
  DeployLock,
  HostDeploy,
  RemoteHost,
  switchFleet,
  type DeployDeps,
  type ReleaseConfig,
} from '@deploy-kit/release';
import { LocalShell } from '../support/local-shell.js';
import { get } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { killSlotSessions } from '../support/procs.js';
import { makeTempDir } from '../support/tempdir.js';

const work = makeTempDir('host-deploy');
const SERVER = `const http = require('node:http');
const version = require('node:fs').readFileSync('VERSION', 'utf8').trim();
if (version.startsWith('broken')) process.exit(3);
http.createServer((req, res) => res.end('hello from ' + version)).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** A release source directory: the app and its VERSION file. */
function source(version: string): string {
  const dir = join(work.path, 'src', version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'server.js'), SERVER);
  writeFileSync(join(dir, 'VERSION'), `${version}\n`);
  return dir;
}

interface Host {
  deployPath: string;
  ports: [number, number];
}
async function newHost(name: string): Promise<Host> {
  return { deployPath: join(work.path, name), ports: [await freePort(), await freePort()] };
}

function config(host: Host, version: string, overrides: Partial<ReleaseConfig> = {}): ReleaseConfig {
  return {
    mode: 'release',
    app: 'shop',
    version,
    deployPath: host.deployPath,
    strategy: 'blue-green',
    ports: host.ports,
    proxy: 'nginx',
    // The proxy is not what these tests are about: the upstream file is written and "reloaded".
    proxyTestCommand: 'true',
    proxyReloadCommand: 'true',
    drainMs: 0,
    stopTimeoutMs: 10_000,
    health: {
      enabled: true,
      path: '/',
      intervalMs: 100,
      timeoutMs: 10_000,
      successThreshold: 1,
      expect: { status: [{ min: 200, max: 299 }] },
    },
    soakMs: 0,
    hooks: {},
    run: { runId: '1', actor: 'unit', sha: 'a'.repeat(40), runUrl: '' },
    env: [],
    keepReleases: 5,
    rollbackOnFailure: true,
    lockTimeoutMs: 0,
    commandTimeoutMs: 60_000,
    maxParallel: 2,
    failFast: false,
    source: source(version),
    exclude: [],
    upload: { compression: 'none' },
    sharedPaths: [],
    startCommand: 'node server.js',
    ...overrides,
  } as ReleaseConfig;
}

const logger = new MemoryLogger();
const shells: LocalShell[] = [];
const deps: DeployDeps = {
  logger,
  clock: systemClock,
  signal: new AbortController().signal,
  connect: () => {
    const shell = new LocalShell();
    shells.push(shell);
    return Promise.resolve(shell);
  },
  probe: httpProbe,
};
const target = { host: 'local', port: 22, user: 'unit' };

/** What a slot's port answers, or the connection error. */
const answer = (port: number): Promise<string> =>
  get(`http://127.0.0.1:${port}/`, 2000).then(
    (r) => r.body,
    (error: unknown) => (error as { code?: string }).code ?? 'error',
  );

const history = (host: Host): Array<{ version: string; status: string; phases?: string[] }> =>
  readFileSync(join(host.deployPath, '.deploy-kit', 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { version: string; status: string; phases?: string[] });

const hosts: Host[] = [];
afterAll(() => {
  for (const shell of shells) shell.close();
  for (const host of hosts) killSlotSessions(host.deployPath);
  work.remove();
});

describe('one host', () => {
  let host: Host;
  beforeAll(async () => {
    host = await newHost('one');
    hosts.push(host);
  });

  test('v1 then v2 on the other slot: v2 serves, the old process is stopped, phases in order', async () => {
    const first = await deployRelease(config(host, 'v1'), [target], deps);
    expect(first).toMatchObject({ ok: true, hosts: [{ status: 'deployed', slot: 'blue' }] });
    expect(await answer(host.ports[0])).toBe('hello from v1');

    const second = await deployRelease(config(host, 'v2'), [target], deps);
    expect(second).toMatchObject({
      ok: true,
      hosts: [{ status: 'deployed', slot: 'green', previous: 'v1' }],
    });
    expect(await answer(host.ports[1])).toBe('hello from v2');
    // The safety property: the process that served v1 is gone, not left answering.
    expect(await answer(host.ports[0])).toBe('ECONNREFUSED');
    expect(history(host).at(-1)?.phases).toEqual([
      'upload',
      ...blueGreenPhases({ hooks: {}, soakMs: 0, health: {} }),
    ]);
  }, 60_000);

  test('a release that exits during its gate fails before the switch: v2 keeps serving', async () => {
    const result = await deployRelease(config(host, 'broken-v3'), [target], deps);
    expect(result).toMatchObject({ ok: false, rolledBack: true, hosts: [{ status: 'failed' }] });
    expect(result.error).toMatch(/the start command exited during its health gate/);
    expect(await answer(host.ports[1])).toBe('hello from v2');
    expect(await answer(host.ports[0])).toBe('ECONNREFUSED');
    expect(readFileSync(join(host.deployPath, '.deploy-kit', 'state.json'), 'utf8')).toContain(
      '"version":"v2"',
    );
  }, 60_000);

  test('the lock: a second deploy is refused while one holds it, and gets it once released', async () => {
    const remote = (): Promise<RemoteHost> =>
      deps.connect(target).then((shell) => new RemoteHost(shell, 'local', logger, 30_000, deps.signal));
    const options = { timeoutMs: 0, clock: systemClock, logger, signal: deps.signal };
    const run = { runId: '2', actor: 'unit', sha: '', runUrl: '' };
    const first = new DeployLock(await remote(), host.deployPath, run, 'v4', systemClock);
    const second = new DeployLock(await remote(), host.deployPath, { ...run, runId: '3' }, 'v5', systemClock);
    await first.acquire(options);
    try {
      // The check can fail: the holder is named, and the second run got nothing.
      await expect(second.acquire(options)).rejects.toThrow(
        /another deploy holds the lock \(run 2 by unit, version v4, deploy since/,
      );
    } finally {
      await first.release(logger);
    }
    // Control: free again, the same second lock is taken.
    await second.acquire(options);
    await second.release(logger);
  }, 60_000);

  test("sudo refusing the proxy's command: the deploy fails naming the sudoers line, v2 keeps serving", async () => {
    // What `sudo -n` prints and returns for a user without a password-less rule.
    const sudo = join(work.path, 'sudo');
    writeFileSync(sudo, "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n", { mode: 0o755 });
    const result = await deployRelease(
      config(host, 'v6', {
        proxyTestCommand: `${sudo} -n nginx -t`,
        proxyReloadCommand: `${sudo} -n nginx -s reload`,
      }),
      [{ ...target, user: 'deploy' }],
      deps,
    );
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/the previous upstream was restored/);
    expect(result.error).toContain(
      "echo 'deploy ALL=(root) NOPASSWD: /usr/sbin/nginx -t, /usr/sbin/nginx -s reload' > /etc/sudoers.d/deploy-kit-nginx",
    );
    expect(await answer(host.ports[1])).toBe('hello from v2');
    // Control: a proxy test failing for another reason gets no sudo advice.
    const plain = await deployRelease(config(host, 'v7', { proxyTestCommand: 'false' }), [target], deps);
    expect(plain.error).toMatch(
      /proxy configuration test \('false'\) failed; the previous upstream was restored$/,
    );
  }, 60_000);
  test('nginx 1.27.4 or later: the deploy says keepalive_min_timeout removes the reload resets; 1.22 gets no such line', async () => {
    // nginx 1.27 is not in Debian 12: stand-ins answer `nginx -v` as it does (on stderr).
    const fake = (version: string): string => {
      const dir = join(work.path, `nginx-${version}`);
      mkdirSync(dir, { recursive: true });
      const binary = join(dir, 'nginx');
      writeFileSync(binary, `#!/bin/sh\necho 'nginx version: nginx/${version}' >&2\n`, { mode: 0o755 });
      return binary;
    };
    const advice = /nginx 1\.27\.4 supports keepalive_min_timeout: set it/;
    const from = logger.lines.length;
    const recent = (): string => logger.lines.slice(from).join('\n');
    const v8 = await deployRelease(
      config(host, 'v8', { proxyTestCommand: `${fake('1.27.4')} -t` }),
      [target],
      deps,
    );
    expect(v8.ok).toBe(true);
    expect(recent()).toMatch(advice);
    // Control: Debian 12's version gets no such line.
    const mark = logger.lines.length;
    const v9 = await deployRelease(
      config(host, 'v9', { proxyTestCommand: `${fake('1.22.1')} -t` }),
      [target],
      deps,
    );
    expect(v9.ok).toBe(true);
    expect(logger.lines.slice(mark).join('\n')).not.toMatch(/keepalive_min_timeout/);
  }, 60_000);
});

describe('health-expect-version naming the deploy, and a switch back', () => {
  // The release restarted on the way back must not be gated for the new release's expectation: the
  // gate would wait out health-timeout and warn that the release serving again is unhealthy.
  // - The expectation is the deploy's version (each app reports its own): it is asked for its own.
  // - The expectation is a build token the app reports: nothing says what the previous release
  //   reports, so its gate checks health alone.
  test.each([
    ['in-place', 'its version'],
    ['blue-green', 'its version'],
    ['in-place', 'a build token'],
    ['blue-green', 'a build token'],
  ] as const)(
    '%s, the app reporting %s: the restarted previous release passes its gate',
    async (strategy, reports) => {
      const host = await newHost(`expect-${strategy}-${reports.replace(/ /g, '-')}`);
      hosts.push(host);
      const closed = await freePort();
      const expecting = (version: string, soakUrl?: string): ReleaseConfig => {
        const token = reports === 'its version' ? version : `build-${version}`;
        const dir = join(work.path, 'src', `${version}-${token}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'server.js'), SERVER);
        writeFileSync(join(dir, 'VERSION'), `${token}\n`);
        const base = config(host, version, { strategy, source: dir });
        const health = { ...base.health, timeoutMs: 3000, expect: { ...base.health.expect, version: token } };
        // The soak (after the old slot stopped) on a port nothing listens on: the deploy fails late.
        return { ...base, health: soakUrl ? { ...health, url: new URL(soakUrl) } : health };
      };
      const v1Answer = reports === 'its version' ? 'hello from v1' : 'hello from build-v1';
      expect(await deployRelease(expecting('v1'), [target], deps)).toMatchObject({ ok: true });
      expect(await answer(host.ports[0])).toBe(v1Answer);
      const seen = logger.lines.length;
      const second = await deployRelease(expecting('v2', `http://127.0.0.1:${closed}/`), [target], deps);
      expect(second).toMatchObject({ ok: false, rolledBack: true });
      const lines = logger.lines.slice(seen).join('\n');
      expect(lines).toMatch(/the previous (release|blue slot) healthy after/);
      expect(lines).not.toMatch(/the previous .* failed its health check/);
      expect(await answer(host.ports[0])).toBe(v1Answer);
    },
    60_000,
  );
});

describe('a fleet of two', () => {
  let a: Host;
  let b: Host;
  beforeAll(async () => {
    a = await newHost('fleet-a');
    b = await newHost('fleet-b');
    hosts.push(a, b);
  });

  /** Each host its own HostDeploy (own deploy path and ports), switched as one fleet. */
  async function fleetDeploy(versions: [string, string], rollbackOnFailure: boolean) {
    const pairs = await Promise.all(
      ([a, b] as const).map(async (host, i) => {
        const shell = await deps.connect(target);
        const remote = new RemoteHost(shell, `host-${i}`, logger, 60_000, deps.signal);
        const deploy = HostDeploy.deploy(remote, config(host, versions[i] ?? ''), deps);
        await deploy.inspect();
        return deploy;
      }),
    );
    const failure = await switchFleet(
      pairs,
      { maxParallel: 1, failFast: false, rollbackOnFailure, logger },
      (h) => h.deploy(),
    );
    return { failure, hosts: pairs };
  }

  test('v1 everywhere', async () => {
    const { failure } = await fleetDeploy(['v1', 'v1'], true);
    expect(failure).toBeUndefined();
    expect([await answer(a.ports[0]), await answer(b.ports[0])]).toEqual(['hello from v1', 'hello from v1']);
  }, 60_000);

  test('the second host fails after the first switched: the first is switched back to v1', async () => {
    const { failure, hosts: deployed } = await fleetDeploy(['v2', 'broken-v2'], true);
    expect(failure).toMatch(/exited during its health gate/);
    expect(deployed.map((h) => h.status)).toEqual(['rolled-back', 'failed']);
    expect([await answer(a.ports[0]), await answer(b.ports[0])]).toEqual(['hello from v1', 'hello from v1']);
    // v2 on the first host was stopped again once it was switched away from.
    expect(await answer(a.ports[1])).toBe('ECONNREFUSED');
  }, 60_000);

  test('control: without rollback-on-failure the same failure leaves the fleet mixed, which the check sees', async () => {
    const { failure } = await fleetDeploy(['v2', 'broken-v2'], false);
    expect(failure).toMatch(/exited during its health gate/);
    expect(await answer(a.ports[1])).toBe('hello from v2');
    expect(await answer(b.ports[0])).toBe('hello from v1');
  }, 60_000);
});
