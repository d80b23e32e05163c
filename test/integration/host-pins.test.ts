// Per-host fingerprint pins on a fleet of two hosts (each its own network namespace and host key):
// a host is only ever accepted with its own key, so two hosts swapping keys are both refused.
import { startFleet, type Fleet } from '../support/fleet.js';
import { runBundle, type RunResult } from '../support/runner.js';

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet(2, 'pins');
});
afterAll(async () => {
  await fleet.stop();
});

/** rollback's `list` connects to every host and changes nothing: a cheap way to test the pins. */
function list(fingerprints: string[]): Promise<RunResult> {
  return runBundle('rollback', {
    inputs: {
      hosts: fleet.hosts.map((h) => `root@${h.address}`).join('\n'),
      'ssh-key': fleet.privateKey,
      'host-fingerprint': fingerprints.join('\n'),
      app: 'app',
      'deploy-path': `${fleet.mount}/app`,
      list: 'true',
    },
  });
}

test('each host with its own pin connects, without a warning', async () => {
  const [a, b] = fleet.hosts as [Fleet['hosts'][0], Fleet['hosts'][0]];
  const result = await list([`${a.address}=${a.fingerprint}`, `${b.address}=${b.fingerprint}`]);
  expect(result.log).not.toMatch(/Host key verification failed/);
  expect(result.log).not.toMatch(/::warning::.*unnamed pins/);
});

test('two hosts swapping keys: both refused, naming the key each presented', async () => {
  const [a, b] = fleet.hosts as [Fleet['hosts'][0], Fleet['hosts'][0]];
  const result = await list([`${a.address}=${b.fingerprint}`, `${b.address}=${a.fingerprint}`]);
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/Host key verification failed/);
  expect(result.log).toContain(a.fingerprint);
});

test('control: the same two fingerprints unnamed accept either key for either host, with a warning', async () => {
  const [a, b] = fleet.hosts as [Fleet['hosts'][0], Fleet['hosts'][0]];
  const result = await list([b.fingerprint, a.fingerprint]);
  expect(result.log).not.toMatch(/Host key verification failed/);
  expect(result.log).toMatch(
    /::warning::'host-fingerprint': the same unnamed pins are accepted for 2 hosts .*pin each host as 'host=SHA256:…'/,
  );
});

test('a pin for a host that is not listed, or a host without a pin, is refused before connecting', async () => {
  const [a, b] = fleet.hosts as [Fleet['hosts'][0], Fleet['hosts'][0]];
  const stray = await list([`${a.address}=${a.fingerprint}`, `10.9.9.9=${b.fingerprint}`]);
  expect(stray.exitCode).toBe(1);
  expect(stray.log).toMatch(
    /Input 'host-fingerprint' pins 10\.9\.9\.9, which is not one of 'hosts' or 'proxy-jump'/,
  );
  const missing = await list([`${a.address}=${a.fingerprint}`]);
  expect(missing.exitCode).toBe(1);
  expect(missing.log).toMatch(
    new RegExp(`Input 'host-fingerprint' has no pin for ${b.address.replace(/\./g, '\\.')}:22`),
  );
});
