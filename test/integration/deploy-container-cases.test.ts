// deploy-ssh mode container for real, beside other suites (nothing here runs under load;
// CONTRIBUTING.md, tests side by side): podman on the "runner" and, with separate storage, on the
// host behind sshd; Debian's docker-registry; nginx in front. A registry login, an image sent over
// SSH, a container exiting in its gate, in place, hooks, and bad input. The blue-green rollout
// under load is in deploy-container.test.ts.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { get } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { startContainerTarget, type ContainerTarget } from '../support/container-target.js';
import type { Registry } from '../support/podman.js';
import { assertNoSecret, filesWithLogin, sampleCommandLines } from '../support/secrets.js';
import type { TargetHost } from '../support/target-host.js';

let target: ContainerTarget;
let host: TargetHost;
let registry: Registry;
beforeAll(async () => {
  target = await startContainerTarget();
  ({ host, registry } = target);
});
afterAll(async () => {
  await target.stop();
});

test('registry credentials travel on stdin and leave nothing on the host', async () => {
  const ref = `${registry.address}/acme/shop:c1`;
  await target.buildApp(ref, 'c1');
  const image = `${registry.address}/acme/shop@${await target.push(ref)}`;
  const password = 'reg-pa55w0rd-9c1e77';
  const sampler = sampleCommandLines();
  // This registry accepts any login: what is checked is where the password goes and what stays.
  const result = await target.deploy('c1', image, {
    'registry-username': 'bot',
    'registry-password': password,
  });
  const samples = await sampler.stop();
  expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
    exit: 0,
    log: '',
  });
  expect([...samples].some((c) => c.includes('dk-pull'))).toBe(true);
  expect([...samples].filter((c) => c.includes(password))).toEqual([]);
  assertNoSecret(result.log, password, 'log');
  expect(await filesWithLogin('bot', password)).toEqual([]);
  // Control: the same search finds an auth file left in such a place.
  const planted = join('/tmp', `tmp.dkcontrol${process.pid}`);
  mkdirSync(planted, { recursive: true });
  const encoded = Buffer.from(`bot:${password}`).toString('base64');
  writeFileSync(join(planted, 'auth.json'), `{"auths":{"r":{"auth":"${encoded}"}}}`);
  try {
    expect(await filesWithLogin('bot', password)).toEqual([join(planted, 'auth.json')]);
  } finally {
    rmSync(planted, { recursive: true, force: true });
  }
});

test('image-transfer ssh: an image only the runner has is streamed to the host; the same image again sends nothing', async () => {
  const ref = 'localhost/only-here/shop:v5';
  await target.buildApp(ref, 'v5');
  const first = await target.deploy('v5', ref, { 'image-transfer': 'ssh' });
  expect({ exit: first.exitCode, log: first.exitCode === 0 ? '' : first.log }).toEqual({ exit: 0, log: '' });
  expect(first.log).toMatch(/transferred image [0-9a-f]{12} \([\d.]+ MB gzip\) over SSH/);
  expect((await get(host.nginx.url)).body).toBe('hello from v5');
  const again = await target.deploy('v5b', ref, { 'image-transfer': 'ssh' });
  expect(again.exitCode).toBe(0);
  expect(again.log).toMatch(/is already on the host; nothing to transfer/);
  expect(again.log).not.toMatch(/transferred image/);
  expect(await target.hostPodman(['images', '--format', '{{.Repository}}:{{.Tag}}'])).toContain(
    'localhost/deploy-kit/shop:v5b',
  );
});

test('a container that exits while its gate runs is refused at once, with its log; the live one keeps serving', async () => {
  const live = (await get(host.nginx.url)).body;
  const ref = 'localhost/exits/shop:x1';
  await target.buildApp(ref, 'x1', false, false, '127.0.0.1', 2);
  const started = Date.now();
  // 20 probes 200 ms apart would pass after 4 s; the container exits after 2.
  const result = await target.deploy('x1', ref, {
    'image-transfer': 'ssh',
    'health-success-threshold': '20',
    'health-interval': '200ms',
    'health-timeout': '30s',
  });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/the container exited during its health gate/);
  expect(Date.now() - started).toBeLessThan(20_000);
  expect((await get(host.nginx.url)).body).toBe(live);
});

test('in-place: the one container is replaced (with a warning), and rollback brings the previous back', async () => {
  // Its own port: the blue/green containers of the tests above still hold theirs.
  const port = await freePort();
  const inPlace = { strategy: 'in-place', proxy: 'none', ports: String(port), 'image-transfer': 'ssh' };
  for (const v of ['i1', 'i2']) {
    const ref = `localhost/inplace/shop:${v}`;
    await target.buildApp(ref, v);
    const result = await target.deploy(v, ref, inPlace);
    expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
      exit: 0,
      log: '',
    });
    expect(result.log).toMatch(/::warning::.*in-place container deploys stop the old container/);
    expect((await get(`http://127.0.0.1:${port}/`)).body).toBe(`hello from ${v}`);
  }
  expect((await target.hostPodman(['ps', '--format', '{{.Names}}'])).split('\n')).toContain('shop-app');
  const back = await host.rollback({}, { env: { ...target.runnerEnv, GITHUB_RUN_ID: '8802' } });
  expect({ exit: back.exitCode, log: back.exitCode === 0 ? '' : back.log }).toEqual({ exit: 0, log: '' });
  expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('hello from i1');
});

test('hooks run in a throwaway container of the new image, with its env and run-args; migrate once before the switch', async () => {
  const state = join(host.root, 'hook-state');
  mkdirSync(state, { recursive: true });
  const ref = 'localhost/hooks/shop:h1';
  await target.buildApp(ref, 'h1');
  const log = (name: string): string => `echo "${name} $(cat /www/health) $GREETING" >> /state/hooks.log`;
  const result = await target.deploy('h1', ref, {
    'image-transfer': 'ssh',
    env: 'GREETING=hello from the env file',
    'run-args': `--volume=${state}:/state`,
    'migrate-command': log('migrate'),
    'post-switch-command': log('post-switch'),
  });
  expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
    exit: 0,
    log: '',
  });
  expect(readFileSync(join(state, 'hooks.log'), 'utf8')).toBe(
    'migrate h1 hello from the env file\npost-switch h1 hello from the env file\n',
  );
  expect(host.history().at(-1)?.phases).toEqual(
    expect.arrayContaining(['transfer', 'migrate', 'start', 'gate', 'switch', 'post-switch']),
  );
  const phases = host.history().at(-1)?.phases as string[];
  expect(phases.indexOf('migrate')).toBeLessThan(phases.indexOf('switch'));
  // The hooks' containers are gone: of h1's image, only the slot that serves it remains.
  const ofImage = (await target.hostPodman(['ps', '-a', '--format', '{{.Image}}']))
    .split('\n')
    .filter((image) => image.endsWith(':h1'));
  expect(ofImage).toEqual(['localhost/deploy-kit/shop:h1']);
});

describe('bad container input: one clear line, nothing deployed', () => {
  const marker = '/tmp/dk-container-injection-marker';
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ image: 'Acme/Shop:v1' }, /^Input 'image' must be an image reference/],
    [{ image: `shop:v1; touch ${marker}` }, /^Input 'image' must be an image reference/],
    [{ image: `$(touch ${marker})` }, /^Input 'image' must be an image reference/],
    [{ image: 'shop@sha256:abc' }, /^Input 'image' must be an image reference/],
    [{ image: '-shop' }, /^Input 'image' must be an image reference/],
    [{ engine: 'containerd' }, /^Input 'engine' must be one of docker, podman/],
    [{ 'image-transfer': 'ftp' }, /^Input 'image-transfer' must be one of registry, ssh/],
    [{ 'run-args': 'shop' }, /^Input 'run-args' must be engine run options/],
    [{ 'run-args': '--name=other' }, /^Input 'run-args' must be engine run options/],
    [{ 'run-args': '--memory=64m\n-p\n8080:80' }, /^Input 'run-args' must be engine run options/],
    [{ 'container-port': '0' }, /^Input 'container-port' must be an integer 1-65535/],
    [{ ports: '3001,3001' }, /^Input 'ports' must be one port/],
    [{ 'start-command': 'node server.js' }, /^Input 'start-command' is for mode release/],
    [{ 'registry-username': 'bot' }, /^Inputs 'registry-username' and 'registry-password' go together/],
    [
      { image: '', 'image-manifest': '' },
      /^mode container needs exactly one of 'image' and 'image-manifest'/,
    ],
    [
      { 'image-manifest': '/nonexistent/manifest.json', image: '' },
      /^Input 'image-manifest' must be a JSON file/,
    ],
  ];
  test.each(cases)('%j', async (extra, message) => {
    const before = host.history().length;
    const result = await target.deploy('bad', 'localhost/only-here/shop:v5', extra);
    expect(result.exitCode).toBe(1);
    const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.slice('::error::'.length)).toMatch(message);
    expect(host.history()).toHaveLength(before);
  });
});
