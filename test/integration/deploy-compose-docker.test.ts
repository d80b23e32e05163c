// Compose mode blue-green on dockerd: a host with its own network namespace, sshd and dockerd
// (test/support/swarm.ts, one node), docker-compose from Debian (no compose plugin here), HAProxy in
// the host's namespace switching web-blue/web-green through its runtime API, under load from outside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHaproxy, type Haproxy } from '../support/haproxy.js';
import { get, startLoad } from '../support/load.js';
import { freePort } from '../support/ports.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { startSwarm, type SwarmNode, type TestSwarm } from '../support/swarm.js';
import { teardown } from '../support/teardown.js';

const APP = 'dcb';
let swarm: TestSwarm;
let node: SwarmNode;
let haproxy: Haproxy;
let deployPath: string;
let composeFile: string;
let ports: [number, number];
const images: Record<string, string> = {};
const COMPOSE = `services:
  web:
    image: \${IMAGE}
    depends_on: [db]
    ports:
      - "127.0.0.1:\${WEB_PORT:-8000}:8080"
  db:
    image: \${DB_IMAGE}
`;

beforeAll(async () => {
  swarm = await startSwarm(1);
  const [first] = swarm.nodes;
  if (!first) throw new Error('no node');
  node = first;
  for (const v of ['v1', 'v2']) images[v] = await swarm.image('dcb', v);
  images.v3 = await swarm.image('dcb', 'v3', { healthy: false });
  deployPath = join(node.root, 'srv', APP);
  mkdirSync(join(deployPath, '.deploy-kit'), { recursive: true });
  ports = [await freePort(), await freePort()];
  haproxy = await startHaproxy({
    app: APP,
    ports,
    stateFile: join(deployPath, '.deploy-kit', 'haproxy.state'),
    address: node.address,
    wrap: ['nsenter', '-t', String(node.sshdPid), '-n', '-m'],
  });
  composeFile = join(node.root, 'compose.yaml');
  writeFileSync(composeFile, COMPOSE);
}, 300_000);
afterAll(async () => {
  await teardown(
    () => haproxy.stop(),
    () => swarm.stop(),
  );
}, 120_000);

function deploy(version: string): Promise<RunResult> {
  const base = swarm.inputs(APP, composeFile);
  return runBundle('deploy-ssh', {
    inputs: {
      hosts: base.hosts ?? '',
      'ssh-key': base['ssh-key'] ?? '',
      'host-fingerprint': base['host-fingerprint'] ?? '',
      mode: 'compose',
      engine: 'docker',
      app: APP,
      version,
      'deploy-path': deployPath,
      'compose-file': composeFile,
      image: images[version] ?? '',
      proxy: 'haproxy',
      'haproxy-socket': haproxy.socket,
      ports: ports.join(','),
      env: `DB_IMAGE=${images.v1 ?? ''}`,
      drain: '1s',
      'health-interval': '200ms',
      'health-timeout': '10s',
    },
  });
}

async function running(): Promise<Record<string, string>> {
  const out = await node.docker([
    'ps',
    '--filter',
    `label=com.docker.compose.project=${APP}`,
    '--format',
    '{{.Label "com.docker.compose.service"}} {{.ID}}',
  ]);
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}

test('docker-compose on dockerd: v1 → v2 → refused v3 behind HAProxy with 0 failed requests; the slot answers to its service name', async () => {
  const v1 = await deploy('v1');
  expect({ exit: v1.exitCode, log: v1.exitCode === 0 ? '' : v1.log }).toEqual({ exit: 0, log: '' });
  expect((await get(haproxy.url)).body).toBe('v1\n');
  const first = await running();
  expect(Object.keys(first).sort()).toEqual(['db', 'web-blue']);

  const load = await startLoad(haproxy.url, 8);
  const v2 = await deploy('v2');
  const v3 = await deploy('v3');
  await new Promise((r) => setTimeout(r, 300));
  const report = await load.stop();
  console.log(
    `compose on dockerd behind haproxy: ${JSON.stringify({ ...report, bodies: [...report.bodies] })}`,
  );
  expect({ exit: v2.exitCode, log: v2.exitCode === 0 ? '' : v2.log }).toEqual({ exit: 0, log: '' });
  expect(v3.exitCode).toBe(1);
  expect(report.requests + report.freshRequests).toBeGreaterThanOrEqual(2000);
  expect({
    errors: report.errors,
    timeouts: report.timeouts,
    non2xx: report.non2xx,
    fresh: report.freshFailureSamples,
  }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, fresh: [] });
  expect(report.bodies.has('v3\n')).toBe(false);
  expect((await get(haproxy.url)).body).toBe('v2\n');
  const now = await running();
  expect(Object.keys(now).sort()).toEqual(['db', 'web-green']);
  expect(now.db).toBe(first.db);
  // The alias: other services still reach the app as `web` (docker compose honours network aliases).
  const fromDb = await node.docker([
    'exec',
    now.db ?? '',
    '/bin/busybox',
    'wget',
    '-qO-',
    'http://web:8080/',
  ]);
  expect(fromDb).toBe('v2\n');
}, 600_000);

test('docker-compose on dockerd in place: v1 → v2 → broken v3 switched back, each release with its own .env', async () => {
  const port = await freePort();
  const file = join(node.root, 'compose-in-place.yaml');
  writeFileSync(file, 'services:\n  web:\n    image: ${IMAGE}\n    ports:\n      - "${WEB_PORT}:8080"\n');
  const base = swarm.inputs('dci', file);
  const run = (version: string): Promise<RunResult> =>
    runBundle('deploy-ssh', {
      inputs: {
        hosts: base.hosts ?? '',
        'ssh-key': base['ssh-key'] ?? '',
        'host-fingerprint': base['host-fingerprint'] ?? '',
        mode: 'compose',
        engine: 'docker',
        app: 'dci',
        version,
        'deploy-path': join(node.root, 'srv', 'dci'),
        'compose-file': file,
        image: images[version] ?? '',
        ports: String(port),
        env: `WEB_PORT=${port}`,
        'health-interval': '200ms',
        'health-timeout': '10s',
      },
    });
  const url = `http://${node.address}:${port}/`;
  expect((await run('v1')).exitCode).toBe(0);
  expect((await get(url)).body).toBe('v1\n');
  expect((await run('v2')).exitCode).toBe(0);
  expect((await get(url)).body).toBe('v2\n');
  const v3 = await run('v3');
  expect(v3.exitCode).toBe(1);
  expect(v3.outputs['rolled-back']).toBe('true');
  expect((await get(url)).body).toBe('v2\n');
}, 300_000);
