// deploy-ssh against a registry that demands a login (Debian's docker-registry with htpasswd auth):
// without credentials or with a wrong password the pull fails and nothing changes; with the right
// ones the image is pulled on the host (registry transfer) or on the runner first (ssh transfer),
// and the password is never on a command line, in the log, or left behind in any auth file.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerTarget, type ContainerTarget } from '../support/container-target.js';
import { get } from '../support/load.js';
import { runOk } from '../support/procs.js';
import type { RunResult } from '../support/runner.js';
import { assertNoSecret, filesWithLogin, sampleCommandLines } from '../support/secrets.js';

const USER = 'deployer';
const PASSWORD = 'htpw-7f3a91c2-reg';
let target: ContainerTarget;
let image: string;
beforeAll(async () => {
  target = await startContainerTarget('authd', { registryAuth: { username: USER, password: PASSWORD } });
  const ref = `${target.registry.address}/acme/authd:v1`;
  await target.buildApp(ref, 'v1', false, true);
  image = `${target.registry.address}/acme/authd@${await target.push(ref)}`;
});
afterAll(async () => {
  await target.stop();
});

/** The runner's environment without its own login: the action must use the inputs' credentials. */
const withoutRunnerLogin = (): Record<string, string> =>
  Object.fromEntries(Object.entries(target.runnerEnv).filter(([k]) => k !== 'REGISTRY_AUTH_FILE'));

const deploy = (version: string, extra: Record<string, string>): Promise<RunResult> =>
  target.deploy(version, image, extra, withoutRunnerLogin());

/** Every file in the usual auth places (and the host's deploy path and temporary dirs) holding the login. */
const leftLogins = (): Promise<string[]> => filesWithLogin(USER, PASSWORD, [target.host.deployPath]);

test('control: without credentials the registry refuses the pull; nothing is deployed', async () => {
  const result = await deploy('v1', {});
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/pull failed/);
  expect(result.log).toMatch(/unauthorized|authentication required/i);
  expect(target.host.current()).toBeUndefined();
});

test('a wrong password fails the pull, names it, and changes nothing', async () => {
  const result = await deploy('v1', { 'registry-username': USER, 'registry-password': 'not-the-password' });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/pull failed/);
  assertNoSecret(result.log, 'not-the-password', 'log');
  expect(target.host.current()).toBeUndefined();
  expect(await leftLogins()).toEqual([]);
});

test('the right login: pulled on the host, password only on stdin, no login left anywhere', async () => {
  const sampler = sampleCommandLines();
  const result = await deploy('v1', { 'registry-username': USER, 'registry-password': PASSWORD });
  const samples = await sampler.stop();
  expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
    exit: 0,
    log: '',
  });
  expect((await get(target.host.nginx.url)).body).toBe('hello from v1');
  expect([...samples].some((c) => c.includes('dk-pull'))).toBe(true);
  expect([...samples].filter((c) => c.includes(PASSWORD))).toEqual([]);
  assertNoSecret(result.log, PASSWORD, 'log');
  expect(await leftLogins()).toEqual([]);
  // Control for the search: a login left in a temporary dir is found.
  const planted = join('/tmp', `tmp.dkauth${process.pid}`);
  mkdirSync(planted, { recursive: true });
  try {
    await runOk(
      'podman',
      [
        'login',
        '--authfile',
        join(planted, 'auth.json'),
        '-u',
        USER,
        '--password-stdin',
        target.registry.address,
      ],
      {
        env: { ...process.env, ...target.runnerEnv },
        input: PASSWORD,
      },
    );
    expect(await leftLogins()).toEqual([join(planted, 'auth.json')]);
  } finally {
    await runOk('rm', ['-rf', planted]);
  }
});

test('image-transfer ssh: the runner has no copy, so it pulls with the login first, then streams it', async () => {
  await runOk('podman', ['rmi', '-f', image, `${target.registry.address}/acme/authd:v1`], {
    env: { ...process.env, ...target.runnerEnv },
  }).catch(() => '');
  const result = await deploy('v2', {
    'image-transfer': 'ssh',
    'registry-username': USER,
    'registry-password': PASSWORD,
  });
  expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
    exit: 0,
    log: '',
  });
  // The host already has this image ID from the registry deploy: nothing is streamed.
  expect(result.log).toMatch(/is already on the host; nothing to transfer/);
  assertNoSecret(result.log, PASSWORD, 'log');
  expect(await leftLogins()).toEqual([]);
  // The runner now has it, pulled with the inputs' login (the runner's own login was not given).
  await runOk('podman', ['image', 'exists', image], { env: { ...process.env, ...withoutRunnerLogin() } });
});
