// deploy-swarm for real: three dockerd (one manager, two workers) in network namespaces on one
// bridge form a swarm; images come from Debian's docker-registry on the bridge by digest. v1 → v2
// rolls out on every node; v3, whose healthcheck fails, is rolled back by Swarm and the action fails
// with the whole stack on v2; rollback mode swarm brings v1 back by `to`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundle, type RunResult } from '../support/runner.js';
import { startSwarm, type TestSwarm } from '../support/swarm.js';
import { makeTempDir } from '../support/tempdir.js';

const LONG = 600_000;

let swarm: TestSwarm;
const work = makeTempDir('swarm-test');
const images: Record<string, string> = {};
const COMPOSE = `services:
  web:
    image: \${IMAGE}
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
    ports:
      - { target: 8080, published: 8080, mode: host }
    healthcheck:
      test: ["CMD", "/bin/busybox", "test", "-f", "/www/health"]
      interval: 1s
      retries: 2
`;

beforeAll(async () => {
  swarm = await startSwarm(3);
  writeFileSync(join(work.path, 'compose.yaml'), COMPOSE);
  for (const v of ['v1', 'v2']) images[v] = await swarm.image('web', v);
  images.v3 = await swarm.image('web', 'v3', { healthy: false });
}, LONG);
afterAll(async () => {
  await swarm?.stop();
  work.remove();
}, LONG);

function deploy(version: string, extra: Record<string, string> = {}): Promise<RunResult> {
  return runBundle('deploy-swarm', {
    inputs: swarm.inputs('shop', 'compose.yaml', {
      version,
      env: `IMAGE=${images[version] ?? ''}`,
      timeout: '3m',
      ...extra,
    }),
    env: { GITHUB_WORKSPACE: work.path },
    timeoutMs: 300_000,
  });
}

async function servedVersions(): Promise<string[]> {
  const out: string[] = [];
  for (const node of swarm.nodes) {
    const res = await fetch(`http://${node.address}:8080/VERSION`).catch(() => undefined);
    out.push(res ? (await res.text()).trim() : 'down');
  }
  return out;
}

async function taskImages(): Promise<string[]> {
  const [manager] = swarm.nodes;
  const out = await manager!.docker([
    'service',
    'ps',
    'shop_web',
    '--no-trunc',
    '--filter',
    'desired-state=running',
    '--format',
    '{{.Image}} {{.CurrentState}}',
  ]);
  return out.trim().split('\n').sort();
}

test(
  'v1 then v2 roll out on every node, pinned to the digest',
  async () => {
    const first = await deploy('v1');
    expect({ exit: first.exitCode, log: first.exitCode === 0 ? '' : first.log }).toEqual({
      exit: 0,
      log: '',
    });
    expect(await servedVersions()).toEqual(['v1', 'v1', 'v1']);
    const second = await deploy('v2');
    expect({ exit: second.exitCode, log: second.exitCode === 0 ? '' : second.log }).toEqual({
      exit: 0,
      log: '',
    });
    expect(second.outputs['previous-version']).toBe('v1');
    expect(second.outputs['rolled-back']).toBe('false');
    const services = JSON.parse(second.outputs.services ?? '[]') as Array<Record<string, unknown>>;
    expect(services).toEqual([
      expect.objectContaining({
        name: 'web',
        running: 3,
        desired: 3,
        digest: expect.stringMatching(/^sha256:/) as unknown,
      }),
    ]);
    expect(await servedVersions()).toEqual(['v2', 'v2', 'v2']);
    const tasks = await taskImages();
    expect(tasks).toHaveLength(3);
    for (const t of tasks) expect(t).toContain(`${images.v2}@sha256:`);
    expect(second.log).toMatch(/web \d\/3/);
  },
  LONG,
);

test(
  'v3 fails its healthcheck: the step fails, the whole stack runs v2 again',
  async () => {
    const third = await deploy('v3');
    expect(third.exitCode).toBe(1);
    expect(third.outputs['rolled-back']).toBe('true');
    expect(third.log).toMatch(/rolled web back|not rolled out/);
    expect(await servedVersions()).toEqual(['v2', 'v2', 'v2']);
    for (const t of await taskImages()) expect(t).toContain(images.v2);
  },
  LONG,
);
