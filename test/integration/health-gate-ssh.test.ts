// health-gate probing a URL that only the host can reach, through SSH (a host in its own network namespace).
import { spawn } from 'node:child_process';
import { startFleet, type Fleet } from '../support/fleet.js';
import { runBundle } from '../support/runner.js';
import { waitFor } from '../support/procs.js';

let fleet: Fleet;
let appPid: number | undefined;
beforeAll(async () => {
  fleet = await startFleet(1);
  const host = fleet.hosts[0]!;
  // An app listening on the host's own loopback, invisible from the runner.
  const app = spawn(
    'nsenter',
    [
      '--target',
      String(host.sshdPid),
      '--net',
      'node',
      '-e',
      "require('http').createServer((q,s)=>{s.setHeader('x-version','7.1.0');s.end('private ok')}).listen(4123,'127.0.0.1')",
    ],
    { stdio: 'ignore', detached: true },
  );
  appPid = app.pid;
  app.unref();
  await waitFor(
    async () => {
      const r = await runBundle('health-gate', {
        inputs: { url: 'http://127.0.0.1:4123/', ...sshInputs(), timeout: '1s', 'success-threshold': '1' },
      });
      return r.exitCode === 0;
    },
    15_000,
    'the private app',
  );
});
afterAll(async () => {
  if (appPid) process.kill(-appPid, 'SIGKILL');
  await fleet.stop();
});

function sshInputs(): Record<string, string> {
  const host = fleet.hosts[0]!;
  return { hosts: `root@${host.address}`, 'ssh-key': fleet.privateKey, 'host-fingerprint': host.fingerprint };
}

test('a URL on the host loopback passes through the SSH tunnel, and is unreachable without it', async () => {
  const through = await runBundle('health-gate', {
    inputs: {
      url: 'http://127.0.0.1:4123/health',
      'expect-version': '7.1.0',
      interval: '200ms',
      ...sshInputs(),
    },
  });
  expect(through.exitCode).toBe(0);
  expect(through.outputs.healthy).toBe('true');
  expect(through.summary).toContain(`via root@${fleet.hosts[0]!.address}:22`);
  // Control: the same URL probed directly from the runner finds nothing there.
  const direct = await runBundle('health-gate', {
    inputs: { url: 'http://127.0.0.1:4123/health', interval: '200ms', timeout: '1s' },
  });
  expect(direct.exitCode).toBe(1);
  expect(direct.log).toMatch(/connection refused/);
});

test('a wrong pinned host key refuses before probing', async () => {
  const result = await runBundle('health-gate', {
    inputs: {
      url: 'http://127.0.0.1:4123/health',
      ...sshInputs(),
      'host-fingerprint': 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    },
  });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/Host key verification failed/);
  expect(result.outputs).toEqual({});
});

test('SSH inputs are validated even when probing directly fails fast on a bad one', async () => {
  const result = await runBundle('health-gate', {
    inputs: { url: 'http://127.0.0.1:4123/', hosts: 'root@;reboot' },
  });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/::error::Input 'hosts' must be \[user@\]host\[:port\]/);
});
