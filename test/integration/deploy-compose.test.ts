// deploy-ssh mode compose for real: podman-compose on the host behind sshd (its own podman
// storage), images pulled by digest from Debian's docker-registry, the project's port gated
// through the SSH connection; a broken release is switched back, rollback brings an older one back
// with the registry stopped (no pull).
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerTarget, type ContainerTarget } from '../support/container-target.js';
import { get } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { ok, runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret, filesWithLogin } from '../support/secrets.js';
import { makeTempDir } from '../support/tempdir.js';

const APP = 'cmp';
let target: ContainerTarget;
let port: number;
let composeFile: string;
const work = makeTempDir('compose-test');
const COMPOSE = `services:
  web:
    image: \${IMAGE}
    environment:
      PORT: "8080"
      GREETING: \${GREETING}
    ports:
      - "127.0.0.1:\${WEB_PORT}:8080"
`;

beforeAll(async () => {
  target = await startContainerTarget(APP);
  port = await freePort();
  composeFile = join(work.path, 'compose.yaml');
  writeFileSync(composeFile, COMPOSE);
});
afterAll(async () => {
  await target.hostPodman(['rm', '-af', '-t', '0']).catch(() => '');
  await target.hostPodman(['network', 'rm', '-f', `${APP}_default`]).catch(() => '');
  await target.stop();
  work.remove();
});

function deploy(version: string, image: string, extra: Record<string, string> = {}): Promise<RunResult> {
  const inputs = target.host.inputs(version, '.', {
    mode: 'compose',
    engine: 'podman',
    'compose-file': composeFile,
    image,
    proxy: 'none',
    strategy: 'in-place',
    ports: String(port),
    env: `WEB_PORT=${port}\nGREETING=hello ${version} #1`,
    'start-command': '',
    ...extra,
  });
  delete inputs.source;
  return runBundle('deploy-ssh', { inputs, env: target.runnerEnv });
}

test('compose: v1 → v2 → broken v3 switched back; rollback to v1 with the registry down; file checksum in history', async () => {
  const { registry } = target;
  const images: Record<string, string> = {};
  for (const v of ['v1', 'v2', 'v3']) {
    const ref = `${registry.address}/acme/cmp:${v}`;
    await target.buildApp(ref, v, v === 'v3', true, '0.0.0.0');
    images[v] = `${registry.address}/acme/cmp@${await target.push(ref)}`;
  }
  const password = 'cmp-reg-pa55-41d2';
  const v1 = await deploy('v1', images.v1!, { 'registry-username': 'bot', 'registry-password': password });
  expect(ok(v1)).toEqual({ exit: 0, log: '' });
  assertNoSecret(v1.log, password, 'log');
  // The login went to a temporary auth file that is gone: no copy of the credentials anywhere usual.
  expect(await filesWithLogin('bot', password, [target.host.deployPath])).toEqual([]);
  expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('hello from v1');
  // The release holds the compose file as uploaded and its project env file, private.
  const release = join(target.host.deployPath, 'releases', 'v1');
  expect(readFileSync(join(release, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
  expect(statSync(join(release, '.env')).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(release, '.env'), 'utf8')).toBe(
    `VERSION=v1\nIMAGE=${images.v1}\nWEB_PORT=${port}\nGREETING='hello v1 #1'\n`,
  );
  const sha256 = createHash('sha256').update(COMPOSE).digest('hex');
  expect(target.host.history().at(-1)).toMatchObject({
    version: 'v1',
    status: 'success',
    mode: 'compose',
    image: images.v1,
    composeSha256: sha256,
  });
  // The container got GREETING from the env file exactly, through compose's interpolation.
  const envOf = async (): Promise<string> =>
    target.hostPodman(['inspect', '--format', '{{range .Config.Env}}{{println .}}{{end}}', `${APP}_web_1`]);
  expect((await envOf()).split('\n')).toContain('GREETING=hello v1 #1');

  const v2 = await deploy('v2', images.v2!);
  expect(ok(v2)).toEqual({ exit: 0, log: '' });
  expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('hello from v2');

  const v3 = await deploy('v3', images.v3!);
  expect(v3.exitCode).toBe(1);
  expect(v3.outputs['rolled-back']).toBe('true');
  expect(v3.log).toMatch(/failed its health check/);
  expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('hello from v2');
  expect(target.host.current()).toBe('v2');
  expect(
    target.host
      .history()
      .slice(-3)
      .map((h) => [h.version, h.status]),
  ).toEqual([
    ['v1', 'success'],
    ['v2', 'success'],
    ['v3', 'rolled-back'],
  ]);

  // Rollback re-applies v1's own compose file and env file; its image is still on the host.
  await registry.stop();
  const inputs = target.host.inputs('unused', '');
  const back = await runBundle('rollback', {
    inputs: {
      hosts: inputs.hosts!,
      'ssh-key': inputs['ssh-key']!,
      'host-fingerprint': inputs['host-fingerprint']!,
      app: APP,
      'deploy-path': target.host.deployPath,
      to: 'v1',
      reason: 'compose rollback, registry down',
    },
    env: { ...target.runnerEnv, GITHUB_RUN_ID: '9901' },
  });
  expect(ok(back)).toEqual({ exit: 0, log: '' });
  expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('hello from v1');
  expect((await envOf()).split('\n')).toContain('GREETING=hello v1 #1');
  expect(target.host.history().at(-1)).toMatchObject({ event: 'rollback', version: 'v1', mode: 'compose' });
});
