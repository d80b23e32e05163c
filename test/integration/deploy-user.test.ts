// deploy-ssh as a deploy user that is not root (scripts/testbed makes `dk-deploy`): what such a user
// may not open fails the deploy before anything starts, and once allowed, the same deploy runs.
// Real sshd (logging in as dk-deploy), Debian's HAProxy with its admin socket owned by root.
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { get } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { killSlotSessions, runOk } from '../support/procs.js';
import { runBundle } from '../support/runner.js';
import { startSshd, type Sshd } from '../support/sshd.js';
import { blueGreenInputs, writeRelease } from '../support/target-host.js';
import { makeTempDir } from '../support/tempdir.js';
import { teardown } from '../support/teardown.js';

const USER = 'dk-deploy';
const work = makeTempDir('deploy-user');
let sshd: Sshd;
let haproxy: Haproxy;
let uid = 0;
let gid = 0;
const deployPath = join(work.path, 'srv', 'shop');
let ports: [number, number];

beforeAll(async () => {
  uid = Number((await runOk('id', ['-u', USER])).trim());
  gid = Number((await runOk('id', ['-g', USER])).trim());
  // The user's own deploy path, as the README's `install -d -o deploy` makes it.
  chmodSync(work.path, 0o755);
  mkdirSync(join(deployPath, '.deploy-kit'), { recursive: true });
  for (const dir of [join(work.path, 'srv'), deployPath, join(deployPath, '.deploy-kit')])
    chownSync(dir, uid, gid);
  ports = [await freePort(), await freePort()];
  sshd = await startSshd({ loginUser: USER });
  haproxy = await startHaproxy({
    app: 'shop',
    ports,
    stateFile: join(deployPath, '.deploy-kit', 'haproxy.state'),
  });
  // Its directory open to all, as Debian's /run/haproxy is: the socket's own mode (600, root) decides.
  chmodSync(dirname(haproxy.socket), 0o755);
}, 60_000);
afterAll(async () => {
  killSlotSessions(deployPath);
  await teardown(
    () => haproxy.stop(),
    () => sshd.stop(),
  );
  work.remove();
});

const deploy = (version: string) =>
  runBundle('deploy-ssh', {
    inputs: {
      ...blueGreenInputs({
        hosts: [`${USER}@${sshd.host}:${sshd.port}`],
        fingerprints: [sshd.fingerprint],
        privateKey: sshd.privateKey,
        app: 'shop',
        version,
        deployPath,
        source: writeRelease(join(work.path, 'src', version), version),
        ports,
        nginxCommand: 'unused',
      }),
      proxy: 'haproxy',
      'haproxy-socket': haproxy.socket,
    },
  });

test("HAProxy's socket the deploy user may not open: the deploy fails before anything starts", async () => {
  const result = await deploy('v1');
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(
    new RegExp(
      `cannot reach HAProxy's runtime API at ${haproxy.socket.replace(/[.]/g, '\\.')}: missing, or the SSH user may not open it`,
    ),
  );
  expect(result.log).not.toMatch(/start: node server\.js/);
  // Nothing listens on either slot port.
  for (const port of ports) await expect(get(`http://127.0.0.1:${port}/`)).rejects.toThrow();
}, 60_000);

test('control: with the socket in a group the user is in (the README: mode 660, group), the same deploy runs as that user', async () => {
  chownSync(haproxy.socket, 0, gid);
  chmodSync(haproxy.socket, 0o660);
  const result = await deploy('v2');
  expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
    exit: 0,
    log: '',
  });
  expect((await get(haproxy.url)).body).toBe('hello from v2');
  // The app runs as the deploy user, not root.
  const owner = (
    await runOk('sh', ['-c', `ps -o user= -p $(cat ${deployPath}/.deploy-kit/run/*.pid | head -1)`])
  ).trim();
  expect(owner).toBe(USER);
}, 120_000);
