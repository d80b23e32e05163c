// deploy-swarm's hooks on a real one-node swarm: migrate runs once on the manager before anything is
// deployed (with the env values byte-exact and each service's pinned image), post-switch after the
// rollout; a failing migrate leaves the stack as it was, a failing post-switch re-deploys the
// previous version; on-failure and on-rollback follow. And the stack status read through the
// Engine API (curl), which a docker CLI fallback would otherwise hide.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnapshot } from '../../packages/swarm/src/status.js';
import { SWARM_STATUS } from '../../packages/swarm/src/scripts.js';
import { run } from '../support/procs.js';
import { assertNoSecret } from '../support/secrets.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { startSwarm, type SwarmNode, type TestSwarm } from '../support/swarm.js';
import { makeTempDir } from '../support/tempdir.js';
import { teardown } from '../support/teardown.js';

const SECRET = `pw-'quoted' "double" $(touch /tmp/dk-hook-pwned) \`id\` ; rm -rf /`;
let swarm: TestSwarm;
let node: SwarmNode;
let stackDir: string;
const work = makeTempDir('swarm-hooks');
const images: Record<string, string> = {};

beforeAll(async () => {
  swarm = await startSwarm(1);
  const [first] = swarm.nodes;
  if (!first) throw new Error('no node');
  node = first;
  for (const v of ['v1', 'v2']) images[v] = await swarm.image('hk', v);
  writeFileSync(
    join(work.path, 'compose.yaml'),
    'services:\n  web:\n    image: ${IMAGE}\n    deploy:\n      replicas: 1\n      update_config: { monitor: 2s }\n',
  );
  stackDir = join(node.root, 'dk', 'stacks', 'hk');
}, 300_000);
afterAll(async () => {
  await teardown(() => swarm.stop());
  work.remove();
}, 120_000);

const LOG = 'echo "post $VERSION" >> hooks.log';

function deploy(version: string, image: string, hooks: Record<string, string>): Promise<RunResult> {
  return runBundle('deploy-swarm', {
    inputs: swarm.inputs('hk', 'compose.yaml', {
      version,
      'deploy-path': join(node.root, 'dk'),
      env: `IMAGE=${image}\nDB_PASSWORD=${SECRET}`,
      timeout: '2m',
      ...hooks,
    }),
    env: { GITHUB_WORKSPACE: work.path },
    timeoutMs: 300_000,
  });
}

const serviceImage = async (): Promise<string> =>
  (
    await node.docker([
      'service',
      'inspect',
      '--format',
      '{{.Spec.TaskTemplate.ContainerSpec.Image}}',
      'hk_web',
    ])
  ).trim();
const hookLog = (): string[] => readFileSync(join(stackDir, 'hooks.log'), 'utf8').trim().split('\n');

// Runs before the deploy: it sees what the stack runs then, and the new version's pinned image.
const MIGRATE = [
  'running=$(docker service inspect --format "{{.Spec.TaskTemplate.ContainerSpec.Image}}" "${STACK}_web" 2>/dev/null) || running=none',
  'echo "migrate $VERSION from ${PREVIOUS_VERSION:-nothing} while running ${running%%@*}" >> hooks.log',
  'docker run --rm "$IMAGE_WEB" /bin/busybox cat /www/VERSION >> hooks.log',
  'printf "%s" "$DB_PASSWORD" > secret.txt',
].join('\n');

test('migrate runs once before the stack is deployed, post-switch after; failures of each undo what they should', async () => {
  const v1 = await deploy('v1', images.v1 ?? '', { 'migrate-command': MIGRATE, 'post-switch-command': LOG });
  expect({ exit: v1.exitCode, log: v1.exitCode === 0 ? '' : v1.log }).toEqual({ exit: 0, log: '' });
  const v2 = await deploy('v2', images.v2 ?? '', { 'migrate-command': MIGRATE, 'post-switch-command': LOG });
  expect({ exit: v2.exitCode, log: v2.exitCode === 0 ? '' : v2.log }).toEqual({ exit: 0, log: '' });
  const repo = (images.v1 ?? '').replace(/:[^:/]+$/, '');
  expect(hookLog()).toEqual([
    'migrate v1 from nothing while running none',
    'v1',
    'post v1',
    `migrate v2 from v1 while running ${repo}:v1`,
    'v2',
    'post v2',
  ]);
  // The env value arrived byte-exact through stdin and ran nothing.
  expect(readFileSync(join(stackDir, 'secret.txt'), 'utf8')).toBe(SECRET);
  expect(existsSync('/tmp/dk-hook-pwned')).toBe(false);
  assertNoSecret(v2.log, SECRET, 'log');
  const live = await serviceImage();
  expect(live).toMatch(/:v2@sha256:/);

  // A failing migration: nothing deployed, nothing rolled back, on-failure ran.
  const v3 = await deploy('v3', images.v1 ?? '', {
    'migrate-command': 'echo "migrate v3" >> hooks.log; exit 3',
    'on-failure-command': 'echo "on-failure $VERSION" >> hooks.log',
    'on-rollback-command': 'echo "on-rollback $VERSION" >> hooks.log',
  });
  expect(v3.exitCode).toBe(1);
  expect(v3.outputs['rolled-back']).toBe('false');
  expect(v3.log).toMatch(/Nothing was deployed: the stack runs v2 as before/);
  expect(await serviceImage()).toBe(live);
  expect(hookLog().slice(-2)).toEqual(['migrate v3', 'on-failure v3']);

  // A failing post-switch: the previous version re-deployed, then on-rollback and on-failure, whose
  // own failure is reported beside the first.
  const v4 = await deploy('v4', images.v1 ?? '', {
    'post-switch-command': 'echo "post v4" >> hooks.log; exit 4',
    'on-rollback-command': 'echo "on-rollback $VERSION to $PREVIOUS_VERSION" >> hooks.log',
    'on-failure-command': 'echo "on-failure $VERSION" >> hooks.log; exit 5',
  });
  expect(v4.exitCode).toBe(1);
  expect(v4.outputs['rolled-back']).toBe('true');
  expect(await serviceImage()).toBe(live);
  expect(hookLog().slice(-3)).toEqual(['post v4', 'on-rollback v4 to v2', 'on-failure v4']);
  expect(v4.log).toMatch(/on-failure failed too/);
  const history = readFileSync(join(stackDir, 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { version: string; outcome: string });
  expect(history.map((h) => [h.version, h.outcome])).toEqual([
    ['v1', 'deployed'],
    ['v2', 'deployed'],
    ['v3', 'failed'],
    ['v4', 'rolled-back'],
  ]);
}, 600_000);

test('the stack status comes from the Engine API through curl, with no docker CLI on PATH', async () => {
  const bin = join(work.path, 'curl-only');
  mkdirSync(bin);
  symlinkSync('/usr/bin/curl', join(bin, 'curl'));
  const result = await run('nsenter', [
    '-t',
    String(node.sshdPid),
    '-m',
    '-n',
    '-u',
    'env',
    `PATH=${bin}`,
    '/bin/sh',
    '-c',
    SWARM_STATUS,
    'sh',
    'hk',
  ]);
  expect(result.code).toBe(0);
  const snapshot = parseSnapshot(result.stdout);
  expect(snapshot.services.map((s) => s.Spec?.Name)).toEqual(['hk_web']);
  expect(snapshot.tasks.length).toBeGreaterThan(0);
  // Control: with no curl either, the CLI fallback is the only way, and it is not on this PATH.
  const none = await run('nsenter', [
    '-t',
    String(node.sshdPid),
    '-m',
    '-n',
    '-u',
    'env',
    'PATH=/nonexistent',
    '/bin/sh',
    '-c',
    SWARM_STATUS,
    'sh',
    'hk',
  ]);
  expect(none.code).not.toBe(0);
}, 120_000);
