// Compose mode without a gap: podman-compose on the host behind sshd, HAProxy switching between the
// web service's two slots (web-blue, web-green) through its runtime API, under load. The database
// service runs once and is recreated only when its definition changes. The control is the in-place
// compose path under the same load, which drops requests while compose replaces the container.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerTarget, type ContainerTarget } from '../support/container-target.js';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { get, startLoad, type LoadReport } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { teardown } from '../support/teardown.js';

const APP = 'cbg';
let target: ContainerTarget;
let haproxy: Haproxy;
const images: Record<string, string> = {};
let composeFile: string;
// What users write: the app on a published port, a database beside it that must not run twice.
const COMPOSE = `services:
  web:
    image: \${IMAGE}
    depends_on: [db]
    environment:
      PORT: "8080"
    ports:
      - "127.0.0.1:\${WEB_PORT:-8000}:8080"
  db:
    image: \${DB_IMAGE}
    environment:
      PORT: "9090"
      TUNING: \${DB_TUNING:-1}
`;

beforeAll(async () => {
  target = await startContainerTarget(APP);
  const { host, registry } = target;
  for (const v of ['v1', 'v2', 'v3']) {
    const ref = `${registry.address}/acme/cbg:${v}`;
    await target.buildApp(ref, v, v === 'v3', true, '0.0.0.0');
    images[v] = `${registry.address}/acme/cbg@${await target.push(ref)}`;
  }
  haproxy = await startHaproxy({
    app: APP,
    ports: host.ports,
    stateFile: join(host.deployPath, '.deploy-kit', 'haproxy.state'),
  });
  composeFile = join(host.root, 'compose.yaml');
  writeFileSync(composeFile, COMPOSE);
}, 300_000);
afterAll(async () => {
  await teardown(
    () => haproxy.stop(),
    async () => {
      await target.hostPodman(['rm', '-af', '-t', '0']);
      await target.hostPodman(['network', 'rm', '-f', `${APP}_default`]);
    },
    () => target.stop(),
  );
}, 120_000);

function deploy(version: string, image: string, extra: Record<string, string> = {}): Promise<RunResult> {
  const inputs = target.host.inputs(version, '.', {
    mode: 'compose',
    engine: 'podman',
    'compose-file': composeFile,
    image,
    proxy: 'haproxy',
    'haproxy-socket': haproxy.socket,
    env: `DB_IMAGE=${images.v1 ?? ''}`,
    'start-command': '',
    drain: '1s',
    ...extra,
  });
  delete inputs.source;
  return runBundle('deploy-ssh', { inputs, env: target.runnerEnv });
}

/** The running containers of the project: compose service → container ID. */
async function containers(): Promise<Record<string, string>> {
  const out = await target.hostPodman([
    'ps',
    '--filter',
    `label=com.docker.compose.project=${APP}`,
    '--format',
    '{{.Labels}} {{.ID}}',
  ]);
  const found: Record<string, string> = {};
  for (const line of out.trim().split('\n').filter(Boolean)) {
    const service = /com\.docker\.compose\.service:([^ \]]+)/.exec(line)?.[1];
    if (service) found[service] = line.split(' ').at(-1) ?? '';
  }
  return found;
}

const failures = (r: LoadReport) => ({
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
  fresh: r.freshFailureSamples,
});

test('blue-green compose behind HAProxy: v1 → v2 → refused v3 with 0 failed requests; the database is not recreated', async () => {
  const v1 = await deploy('v1', images.v1 ?? '');
  expect({ exit: v1.exitCode, log: v1.exitCode === 0 ? '' : v1.log }).toEqual({ exit: 0, log: '' });
  expect((await get(haproxy.url)).body).toBe('hello from v1');
  const first = await containers();
  expect(Object.keys(first).sort()).toEqual(['db', 'web-blue']);

  // 8 connections: busybox httpd listens with a backlog of 9 (deploy-container.test.ts says why).
  const load = await startLoad(haproxy.url, 8);
  const v2 = await deploy('v2', images.v2 ?? '');
  const v3 = await deploy('v3', images.v3 ?? '');
  await new Promise((r) => setTimeout(r, 300));
  const report = await load.stop();
  console.log(`compose behind haproxy: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`);
  expect([v2.exitCode, v3.exitCode]).toEqual([0, 1]);
  expect(v3.log).toMatch(/health/);
  expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(2000);
  expect(failures(report)).toEqual({ errors: 0, timeouts: 0, non2xx: 0, fresh: [] });
  expect(report.bodies.has('hello from v3')).toBe(false);
  expect((await get(haproxy.url)).body).toBe('hello from v2');
  // v2 runs in green, v1's blue was removed after the drain, v3's refused blue removed at once;
  // the database kept its container through all three.
  const now = await containers();
  expect(Object.keys(now).sort()).toEqual(['db', 'web-green']);
  expect(now.db).toBe(first.db);
  expect(
    target.host
      .history()
      .slice(-3)
      .map((h) => [h.version, h.status, h.slot]),
  ).toEqual([
    ['v1', 'success', 'blue'],
    ['v2', 'success', 'green'],
    ['v3', 'failed', 'blue'],
  ]);

  // A changed database definition (a variable it uses) recreates it, once, in place.
  const v4 = await deploy('v4', images.v2 ?? '', { env: `DB_IMAGE=${images.v1 ?? ''}\nDB_TUNING=2` });
  expect(v4.exitCode).toBe(0);
  const after = await containers();
  expect(after.db).not.toBe(first.db);
  expect(Object.keys(after).sort()).toEqual(['db', 'web-blue']);
  const env = await target.hostPodman([
    'inspect',
    '--format',
    '{{range .Config.Env}}{{println .}}{{end}}',
    after.db ?? '',
  ]);
  expect(env.split('\n')).toContain('TUNING=2');

  // rollback brings v1 back into a slot from its own release (its file, its env file).
  const inputs = target.host.inputs('unused', '');
  const back = await runBundle('rollback', {
    inputs: {
      hosts: inputs.hosts ?? '',
      'ssh-key': inputs['ssh-key'] ?? '',
      'host-fingerprint': inputs['host-fingerprint'] ?? '',
      app: APP,
      'deploy-path': target.host.deployPath,
      to: 'v1',
      reason: 'compose blue-green rollback',
    },
    env: { ...target.runnerEnv, GITHUB_RUN_ID: '9902' },
  });
  expect({ exit: back.exitCode, log: back.exitCode === 0 ? '' : back.log }).toEqual({ exit: 0, log: '' });
  expect((await get(haproxy.url)).body).toBe('hello from v1');
  const rolled = await containers();
  expect(Object.keys(rolled).sort()).toEqual(['db', 'web-green']);
  // v1 defines the database with TUNING=1 again.
  expect(rolled.db).not.toBe(after.db);
}, 600_000);

test('control: the in-place compose path under the same load drops requests', async () => {
  const port = await freePort();
  const inputs = (version: string): Record<string, string> => {
    const all = target.host.inputs(version, '.', {
      mode: 'compose',
      engine: 'podman',
      app: 'cip',
      'deploy-path': join(target.host.root, 'srv', 'cip'),
      'compose-file': composeFile,
      image: images[version] ?? '',
      proxy: 'none',
      strategy: 'in-place',
      ports: String(port),
      env: `WEB_PORT=${port}\nDB_IMAGE=${images.v1 ?? ''}`,
      'start-command': '',
    });
    delete all.source;
    return all;
  };
  const url = `http://127.0.0.1:${port}/`;
  try {
    expect((await runBundle('deploy-ssh', { inputs: inputs('v1'), env: target.runnerEnv })).exitCode).toBe(0);
    const load = await startLoad(url, 8);
    const v2 = await runBundle('deploy-ssh', { inputs: inputs('v2'), env: target.runnerEnv });
    const report = await load.stop();
    console.log(`compose in place: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`);
    expect(v2.exitCode).toBe(0);
    expect((await get(url)).body).toBe('hello from v2');
    expect(report.errors + report.timeouts + report.non2xx + report.freshFailures).toBeGreaterThan(0);
  } finally {
    const ids = await target.hostPodman(['ps', '-aq', '--filter', 'label=com.docker.compose.project=cip']);
    if (ids.trim()) await target.hostPodman(['rm', '-f', '-t', '0', ...ids.trim().split('\n')]);
    await target.hostPodman(['network', 'rm', '-f', 'cip_default']).catch(() => '');
  }
}, 300_000);
