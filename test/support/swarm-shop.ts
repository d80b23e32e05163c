// The "shop" stack the two deploy-swarm suites deploy (deploy-swarm.test.ts under load,
// deploy-swarm-cluster.test.ts beside other suites): three swarm nodes (two managers, one worker),
// the images every test of theirs uses, and the step as the suites run it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundle, type RunResult } from './runner.js';
import { startSwarm, type TestSwarm } from './swarm.js';
import { makeTempDir } from './tempdir.js';
import { teardown } from './teardown.js';

/** Reaches the service's environment; must never reach a log, an output or a command line. */
export const SHOP_SECRET = 'db-pw-7f3a91-"quoted" $(touch /tmp/dk-swarm-pwned) `id`';

const COMPOSE = `services:
  web:
    image: \${IMAGE}
    environment:
      DB_PASSWORD: \${DB_PASSWORD:?set DB_PASSWORD}
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      update_config: { monitor: 5s }
    ports:
      - { target: 8080, published: 8080, mode: host }
    healthcheck:
      test: ["CMD", "/bin/busybox", "test", "-f", "/www/health"]
      interval: 1s
      retries: 2
`;

export interface Shop {
  swarm: TestSwarm;
  /** The workspace: compose.yaml (the shop stack) and whatever stack file a test writes. */
  work: string;
  /** Image tags by version: v1, v2, v4 healthy; v3 failing its healthcheck; api1 healthy, api2 not. */
  images: Record<string, string>;
  /** deploy-swarm of the shop stack at `version` (its image and the secret in env) through `managers`. */
  deploy(version: string, extra?: Record<string, string>, managers?: number[]): Promise<RunResult>;
  /** The images of the service's tasks meant to run, sorted. */
  runningImages(service: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startShop(): Promise<Shop> {
  const work = makeTempDir('swarm-test');
  const swarm = await startSwarm(3, { managers: 2 });
  writeFileSync(join(work.path, 'compose.yaml'), COMPOSE);
  const images: Record<string, string> = {};
  const [manager] = swarm.nodes;
  try {
    for (const v of ['v1', 'v2', 'v4']) images[v] = await swarm.image('web', v);
    images.v3 = await swarm.image('web', 'v3', { healthy: false });
    images.api1 = await swarm.image('api', 'a1');
    images.api2 = await swarm.image('api', 'a2', { healthy: false });
  } catch (error) {
    await teardown(() => swarm.stop());
    work.remove();
    throw error;
  }
  if (!manager) throw new Error('the swarm has no node');
  return {
    swarm,
    work: work.path,
    images,
    deploy: (version, extra = {}, managers = [0, 1]) =>
      runBundle('deploy-swarm', {
        inputs: swarm.inputs(
          'shop',
          'compose.yaml',
          {
            version,
            env: `IMAGE=${images[version] ?? ''}\nDB_PASSWORD=${SHOP_SECRET}`,
            timeout: '3m',
            ...extra,
          },
          managers,
        ),
        env: { GITHUB_WORKSPACE: work.path },
        timeoutMs: 300_000,
      }),
    runningImages: async (service) => {
      const out = await manager.docker([
        'service',
        'ps',
        service,
        '--no-trunc',
        '--filter',
        'desired-state=running',
        '--format',
        '{{.Image}}',
      ]);
      return out.trim().split('\n').sort();
    },
    stop: async () => {
      await teardown(() => swarm.stop());
      work.remove();
    },
  };
}

/** A step's result as the suites compare it: its log only when it failed. */
