// deploy-ssh against real OpenSSH on loopback, through the committed bundle: faults (sshd killed
// mid-upload, a wrong host key, a silent host), the deploy lock, and a fleet switched back. Nothing
// here runs under load, so this suite may share the machine with another (CONTRIBUTING.md, tests
// side by side); the zero-downtime ones are in deploy-ssh.test.ts.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { messages } from '@deploy-kit/core';
import { get } from '../support/load.js';
import { startSilentServer } from '../support/ports.js';
import { runBundle } from '../support/runner.js';
import { startSshd } from '../support/sshd.js';
import { startFleet } from '../support/fleet.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

describe('faults', () => {
  let host: TargetHost;
  beforeAll(async () => {
    host = await startTargetHost();
    expect((await host.deploy('v1')).exitCode).toBe(0);
  });
  afterAll(async () => {
    await host.stop();
  });

  function sessionPids(masterPid: number): number[] {
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(masterPid)])
        .toString()
        .split('\n')
        .map((l) => Number(l.trim()))
        .filter((n) => n > 0);
    } catch {
      return [];
    }
  }

  test.each([1, 4, 12])(
    'sshd killed after %d MB of the upload: current untouched, no partial release, rerun succeeds',
    async (megabytes) => {
      const version = `big${megabytes}`;
      const source = host.makeRelease(version);
      writeFileSync(join(source, 'blob.bin'), Buffer.alloc(48 * 1024 * 1024, 7));
      const before = host.current();
      const tmpDir = join(host.deployPath, '.deploy-kit', 'tmp');
      const releases = join(host.deployPath, 'releases');
      let killed = false;
      // The upload is extracted as it streams: kill when the staging copy of the blob reaches the offset.
      const watcher = setInterval(() => {
        if (killed || !existsSync(releases)) return;
        for (const dir of readdirSync(releases).filter((d) => d.startsWith('.incoming-'))) {
          const blob = join(releases, dir, 'blob.bin');
          if (existsSync(blob) && statSync(blob).size >= megabytes * 1024 * 1024) {
            killed = true;
            for (const pid of sessionPids(host.sshd.pid)) process.kill(pid, 'SIGKILL');
          }
        }
      }, 2);
      const result = await host.deploy(version, { source });
      clearInterval(watcher);
      expect(killed).toBe(true);
      expect(result.exitCode).toBe(1);
      expect(host.current()).toBe(before);
      expect((await get(host.nginx.url)).body).toBe(`hello from ${before}`);
      expect(existsSync(join(host.deployPath, 'releases', version))).toBe(false);
      // The lock died with the connection's holder: a rerun may need to break it, so break it as a user would.
      const rerun = await host.deploy(version, {
        source,
        'break-stale-lock-after': '60s',
        'lock-timeout': '0',
      });
      if (rerun.exitCode !== 0) {
        // The lock is still held by the killed run (fresh): remove it as an operator would, then rerun.
        execFileSync('rm', ['-rf', join(host.deployPath, '.deploy-kit', 'lock')]);
        const again = await host.deploy(version, { source });
        expect(again.exitCode).toBe(0);
      }
      expect(host.current()).toBe(version);
      expect(statSync(join(host.deployPath, 'releases', version, 'blob.bin')).size).toBe(48 * 1024 * 1024);
      expect(readdirSync(tmpDir)).toEqual([]);
    },
  );

  test('a wrong host key is refused; the sshd log shows no authentication attempt', async () => {
    const other = await startSshd();
    await other.stop();
    const before = readFileSync(host.sshd.logPath, 'utf8').length;
    const result = await host.deploy('wrongkey', { 'host-fingerprint': other.fingerprint });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/Host key verification failed .* No credentials were sent/);
    const log = readFileSync(host.sshd.logPath, 'utf8').slice(before);
    expect(log).not.toMatch(/Accepted|Failed publickey|Postponed/);
  });

  test('a host that does not answer fails within connect-timeout plus a few seconds', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    try {
      const started = Date.now();
      const result = await host.deploy('silent', {
        hosts: `root@127.0.0.1:${port}`,
        'connect-timeout': '3s',
      });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/Cannot connect to root@127.0.0.1:\d+ within 3s.*Nothing was changed/);
      expect(Date.now() - started).toBeLessThan(3000 + 4000);
    } finally {
      silent.close();
    }
  });
});

describe('the deploy lock', () => {
  let host: TargetHost;
  beforeAll(async () => {
    host = await startTargetHost('locked');
  });
  afterAll(async () => {
    await host.stop();
  });

  const inPlace = {
    strategy: 'in-place',
    proxy: 'none',
    ports: '',
    'health-check': 'false',
    'start-command': '',
  };

  test('two deploys started together, 20 trials: exactly one switches, the other names the holder', async () => {
    for (let trial = 0; trial < 20; trial += 1) {
      const [a, b] = await Promise.all([
        host.deploy(`a${trial}`, inPlace),
        host.deploy(`b${trial}`, inPlace),
      ]);
      const winners = [a, b].filter((r) => r.exitCode === 0);
      const losers = [a, b].filter((r) => r.exitCode !== 0);

      expect(winners).toHaveLength(1);
      expect(losers[0]!.log).toMatch(/another deploy holds the lock \(run \d+ by octocat, version [ab]\d+/);
      const winner = winners[0] === a ? `a${trial}` : `b${trial}`;
      expect(host.current()).toBe(winner);
    }
  });

  test('control: without a shared lock (two deploy paths) both deploys switch, so the check can see a double switch', async () => {
    const [a, b] = await Promise.all([
      host.deploy('ctl-a', { ...inPlace, 'deploy-path': join(host.root, 'ctl-a') }),
      host.deploy('ctl-b', { ...inPlace, 'deploy-path': join(host.root, 'ctl-b') }),
    ]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
  });

  test('SIGTERM during a deploy stops within 5 s, releases the lock and leaves the live release', async () => {
    const lockDir = join(host.deployPath, '.deploy-kit', 'lock');
    const live = host.current();
    let signalledAt = 0;
    const result = await host.deploy(
      'cancelled',
      { ...inPlace, 'build-command': 'sleep 30' },
      {
        onSpawn: (child) => {
          // Cancel once the build is running, that is, with the lock held.
          const poll = setInterval(() => {
            if (existsSync(join(host.deployPath, 'releases', 'cancelled'))) {
              clearInterval(poll);
              signalledAt = Date.now();
              child.kill('SIGTERM');
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      },
    );
    expect(signalledAt).toBeGreaterThan(0);
    const stoppedAfterMs = Date.now() - signalledAt;
    console.log(`SIGTERM to exit: ${stoppedAfterMs} ms`);
    expect(stoppedAfterMs).toBeLessThan(5000);
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/Received SIGTERM/);
    expect(result.log).toContain(messages.cancelled());
    expect(existsSync(lockDir)).toBe(false);
    expect(host.current()).toBe(live);
    expect(host.history().at(-1)).toMatchObject({
      version: 'cancelled',
      status: 'cancelled',
      error: 'cancelled before the switch',
    });
  });

  /**
   * A live holder, as another deploy's SSH session is one: the lock directory with its holder file,
   * and the liveness flock held by a running process for `seconds`.
   */
  function liveHolder(holder: Record<string, string>, seconds: number): { gone: Promise<void> } {
    const lockDir = join(host.deployPath, '.deploy-kit', 'lock');
    const child = spawn('flock', ['-x', `${lockDir}.alive`, 'sleep', String(seconds)], { stdio: 'ignore' });
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'holder.json'), JSON.stringify(holder) + '\n');
    return { gone: new Promise((resolve) => child.on('close', () => resolve())) };
  }

  test('lock-timeout waits for a live holder; a live holder is never taken over', async () => {
    const lockDir = join(host.deployPath, '.deploy-kit', 'lock');
    // The holder releases as a deploy does: its directory first, then its session ends.
    const first = liveHolder(
      { runId: '1', actor: 'someone', version: 'x', time: new Date().toISOString() },
      2,
    );
    setTimeout(() => execFileSync('rm', ['-rf', lockDir]), 1500);
    const started = Date.now();
    const waited = await host.deploy('after-wait', { ...inPlace, 'lock-timeout': '10s' });
    expect(waited.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(1400);
    expect(waited.log).not.toMatch(/holder is gone|breaking/);
    await first.gone;
    const second = liveHolder({ runId: '2', actor: 'busy', version: 'y', time: new Date().toISOString() }, 3);
    const held = await host.deploy('refused', inPlace);
    expect(held.exitCode).toBe(1);
    expect(held.log).toMatch(/another deploy holds the lock \(run 2 by busy, version y/);
    expect(JSON.parse(readFileSync(join(lockDir, 'holder.json'), 'utf8'))).toMatchObject({ runId: '2' });
    execFileSync('rm', ['-rf', lockDir]);
    await second.gone;
  });

  test('break-stale-lock-after breaks even a live holder past the age, with a warning', async () => {
    const lockDir = join(host.deployPath, '.deploy-kit', 'lock');
    const stuck = liveHolder({ runId: '3', actor: 'stuck', version: 'z', time: '2020-01-01T00:00:00Z' }, 4);
    const held = await host.deploy('stale-1', inPlace);
    expect(held.exitCode).toBe(1);
    expect(held.log).toMatch(/another deploy holds the lock \(run 3 by stuck/);
    const broken = await host.deploy('stale-2', { ...inPlace, 'break-stale-lock-after': '1h' });
    expect(broken.exitCode).toBe(0);
    expect(broken.log).toMatch(/::warning::.*breaking a stale lock/);
    expect(existsSync(lockDir)).toBe(false);
    await stuck.gone;
  });

  test('a liveness flock that cannot be held (not a missing flock(1)) fails the deploy before the lock is taken', async () => {
    const alive = join(host.deployPath, '.deploy-kit', 'lock.alive');
    mkdirSync(join(host.deployPath, '.deploy-kit'), { recursive: true });
    // flock(1) cannot create its file through a link into a directory that does not exist.
    rmSync(alive, { force: true });
    symlinkSync('/nonexistent-dk-dir/lock.alive', alive);
    try {
      const before = host.current();
      const refused = await host.deploy('no-flock', { ...inPlace });
      expect(refused.exitCode).toBe(1);
      expect(refused.log).toMatch(
        /cannot keep the deploy lock's liveness flock \(exit \d+: flock: cannot open lock file .*No such file or directory\); not deploying without it/,
      );
      expect(existsSync(join(host.deployPath, '.deploy-kit', 'lock'))).toBe(false);
      expect(host.current()).toBe(before);
    } finally {
      rmSync(alive);
    }
    expect((await host.deploy('with-flock', { ...inPlace })).exitCode).toBe(0);
  });

  test('a run killed with SIGKILL leaves its lock; the next deploy sees its session is gone and takes over', async () => {
    const lockDir = join(host.deployPath, '.deploy-kit', 'lock');
    const live = host.current();
    let killed = false;
    const dead = await host.deploy(
      'killed',
      { ...inPlace, 'build-command': 'sleep 20' },
      {
        env: { GITHUB_RUN_ID: '7777' },
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (existsSync(join(host.deployPath, 'releases', 'killed'))) {
              clearInterval(poll);
              killed = true;
              child.kill('SIGKILL'); // no finally block runs: nothing releases the lock
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      },
    );
    expect(killed).toBe(true);
    expect(dead.signal).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(join(lockDir, 'holder.json'), 'utf8'))).toMatchObject({
      runId: '7777',
      version: 'killed',
    });
    // sshd ends the dead runner's sessions once its TCP connection closes; allow it a moment.
    const next = await host.deploy('after-kill', { ...inPlace, 'lock-timeout': '10s' });
    expect({ exit: next.exitCode, log: next.exitCode === 0 ? '' : next.log }).toEqual({ exit: 0, log: '' });
    expect(next.log).toMatch(
      /::warning::.*taking over a lock whose holder is gone .*: run 7777 by octocat, version killed/,
    );
    expect(host.current()).toBe('after-kill');
    expect(live).not.toBe('after-kill');
    expect(existsSync(lockDir)).toBe(false);
    // The killed run's build command died with its connection (tethered): nothing is left to reap.
    expect(spawnSync('pgrep', ['-f', '^sleep 20$'], { encoding: 'utf8' }).stdout).toBe('');
  });
});

test('fleet of 3, one failing its gate: the two switched hosts are switched back', async () => {
  const fleet = await startFleet(3);
  try {
    const v1 = await runBundle('deploy-ssh', { inputs: fleet.deployInputs('v1') });
    expect(v1.exitCode).toBe(0);
    for (const h of fleet.hosts) expect((await get(h.nginxUrl)).body).toBe('hello from v1');
    // The third host has a broken dependency: its new slot never becomes healthy.
    writeFileSync(join(fleet.hosts[2]!.root, 'app', 'shared', 'BROKEN_HOST'), '1');
    const v2 = await runBundle('deploy-ssh', {
      inputs: fleet.deployInputs('v2', 3, { 'max-parallel': '1' }),
    });
    expect(v2.exitCode).toBe(1);
    expect(v2.outputs['rolled-back']).toBe('true');
    const statuses = (JSON.parse(v2.outputs.hosts!) as Array<{ status: string }>).map((h) => h.status);
    expect(statuses).toEqual(['rolled-back', 'rolled-back', 'failed']);
    for (const h of fleet.hosts) {
      expect(h.current()).toBe('v1');
      expect((await get(h.nginxUrl)).body).toBe('hello from v1');
    }
    expect(fleet.hosts[0]!.history().at(-1)).toMatchObject({ version: 'v2', status: 'rolled-back' });
    expect(fleet.hosts[2]!.history().at(-1)).toMatchObject({ version: 'v2', status: 'failed' });
  } finally {
    await fleet.stop();
  }
});
