// deploy-swarm for real, beside other suites (nothing here runs under load; CONTRIBUTING.md, tests
// side by side): on three dockerd in network namespaces (two managers, one worker), a two-service
// stack where one service fails, configs by content hash, manager choice, the lock, a private
// registry's login, deploy-ssh's container mode on dockerd, and a node lost mid-update. The
// zero-downtime rollouts are in deploy-swarm.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry } from '../support/podman.js';
import { runOk } from '../support/procs.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret, sampleCommandLines } from '../support/secrets.js';
import { ok } from '../support/runner.js';
import { startShop, type Shop } from '../support/swarm-shop.js';

const LONG = 600_000;

let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
}, LONG);
afterAll(async () => {
  await shop.stop();
}, LONG);

describe('a stack of two services where only one fails', () => {
  test(
    'both services are back on the previous version',
    async () => {
      const duo = `services:
  web:
    image: \${WEB}
    deploy: { replicas: 1, endpoint_mode: dnsrr }
    healthcheck: { test: ["CMD", "/bin/busybox", "test", "-f", "/www/health"], interval: 1s, retries: 2 }
  api:
    image: \${API}
    deploy: { replicas: 1, endpoint_mode: dnsrr, update_config: { monitor: 5s } }
    healthcheck: { test: ["CMD", "/bin/busybox", "test", "-f", "/www/health"], interval: 1s, retries: 2 }
`;
      writeFileSync(join(shop.work, 'duo.yaml'), duo);
      const run = (version: string, web: string, api: string): Promise<RunResult> =>
        runBundle('deploy-swarm', {
          inputs: shop.swarm.inputs('duo', 'duo.yaml', {
            version,
            env: `WEB=${web}\nAPI=${api}`,
            timeout: '3m',
          }),
          env: { GITHUB_WORKSPACE: shop.work },
          timeoutMs: 300_000,
        });
      expect(ok(await run('d1', shop.images.v1!, shop.images.api1!))).toEqual({ exit: 0, log: '' });
      const failed = await run('d2', shop.images.v2!, shop.images.api2!);
      expect(failed.exitCode).toBe(1);
      expect(failed.outputs['rolled-back']).toBe('true');
      expect(failed.log).toMatch(/api/);
      for (const t of await shop.runningImages('duo_web')) expect(t).toContain(`${shop.images.v1}@sha256:`);
      for (const t of await shop.runningImages('duo_api')) expect(t).toContain(`${shop.images.api1}@sha256:`);
    },
    LONG,
  );
});

describe('configs by content hash', () => {
  const stackFile = `services:
  web:
    image: \${IMAGE}
    deploy: { replicas: 1, endpoint_mode: dnsrr }
    configs: [{ source: app_conf, target: /www/conf.txt }]
configs:
  app_conf:
    file: ./conf.txt
`;
  const run = (version: string): Promise<RunResult> =>
    runBundle('deploy-swarm', {
      inputs: shop.swarm.inputs('cfg', 'cfg.yaml', {
        version,
        env: `IMAGE=${shop.images.v1 ?? ''}`,
        timeout: '3m',
      }),
      env: { GITHUB_WORKSPACE: shop.work },
      timeoutMs: 300_000,
    });
  const configs = async (): Promise<string[]> =>
    (await shop.swarm.nodes[0]!.docker(['config', 'ls', '--format', '{{.Name}}']))
      .trim()
      .split('\n')
      .filter((n) => n.startsWith('cfg_'))
      .sort();
  const taskIds = async (): Promise<string> =>
    (
      await shop.swarm.nodes[0]!.docker([
        'service',
        'ps',
        '-q',
        '--filter',
        'desired-state=running',
        'cfg_web',
      ])
    ).trim();

  test(
    'a change rolls the service; unchanged content creates nothing; the previous one is kept, older ones pruned',
    async () => {
      writeFileSync(join(shop.work, 'cfg.yaml'), stackFile);
      writeFileSync(join(shop.work, 'conf.txt'), 'one\n');
      expect(ok(await run('c1'))).toEqual({ exit: 0, log: '' });
      const first = await configs();
      expect(first).toEqual([expect.stringMatching(/^cfg_app_conf-[a-f0-9]{12}$/) as unknown]);
      const tasks = await taskIds();
      expect(ok(await run('c2'))).toEqual({ exit: 0, log: '' });
      expect(await configs()).toEqual(first);
      expect(await taskIds()).toBe(tasks);
      writeFileSync(join(shop.work, 'conf.txt'), 'two\n');
      expect(ok(await run('c3'))).toEqual({ exit: 0, log: '' });
      const third = await configs();
      expect(third).toHaveLength(2);
      expect(await taskIds()).not.toBe(tasks);
      writeFileSync(join(shop.work, 'conf.txt'), 'three\n');
      expect(ok(await run('c4'))).toEqual({ exit: 0, log: '' });
      const fourth = await configs();
      expect(fourth).toHaveLength(2);
      expect(fourth).not.toContain(first[0]);
    },
    LONG,
  );
});

describe('which manager, and one deploy at a time', () => {
  test(
    'an unreachable first host is passed over; a worker alone is refused, naming what to do',
    async () => {
      const unreachable = shop.swarm.nodes[0]!.address.replace(/\.\d+$/, '.250');
      const inputs = shop.swarm.inputs('shop', 'compose.yaml', {
        version: 'v1',
        env: `IMAGE=${shop.images.v1 ?? ''}\nDB_PASSWORD=x`,
        'connect-timeout': '2s',
      });
      const passed = await runBundle('deploy-swarm', {
        inputs: {
          ...inputs,
          hosts: `root@${unreachable}\n${inputs.hosts ?? ''}`,
          'host-fingerprint': `${unreachable}=${shop.swarm.nodes[0]!.fingerprint}\n${inputs['host-fingerprint'] ?? ''}`,
        },
        env: { GITHUB_WORKSPACE: shop.work },
        timeoutMs: 300_000,
      });
      expect(ok(passed)).toEqual({ exit: 0, log: '' });
      expect(passed.log).toMatch(/Passed over: .*250/);
      const worker = await shop.deploy('v1', {}, [2]);
      expect(worker.exitCode).toBe(1);
      expect(worker.log).toMatch(/is a swarm worker; deploy-swarm needs a manager/);
    },
    LONG,
  );

  test(
    'a second deploy while one runs fails at once naming the holder',
    async () => {
      const [a, b] = await Promise.all([shop.deploy('v2'), shop.deploy('v4')]);
      const results = [a, b].map((r) => r.exitCode).sort();
      expect(results).toEqual([0, 1]);
      const loser = a.exitCode === 1 ? a : b;
      expect(loser.log).toMatch(/another deploy holds the lock \(run .*version v[24]/);
    },
    LONG,
  );
});

describe('a private registry', () => {
  test(
    'the login reaches the nodes; the password is never in the log, a command line or a file left on the manager',
    async () => {
      const password = 'reg-pw-5c1e0b77';
      const registry = await startRegistry({
        auth: { username: 'ci', password },
        host: shop.swarm.registry.address.split(':')[0],
      });
      try {
        const ref = `${registry.address}/private/web:p1`;
        await shop.swarm.copyImage(shop.images.v1 ?? '', ref, { username: 'ci', password });
        // Every node trusts this registry over plain HTTP (its daemon.json), none has credentials.
        writeFileSync(
          join(shop.work, 'private.yaml'),
          `services:\n  web:\n    image: ${ref}\n    deploy: { replicas: 3, endpoint_mode: dnsrr }\n`,
        );
        const inputs = shop.swarm.inputs('private', 'private.yaml', {
          version: 'p1',
          registry: registry.address,
          'registry-username': 'ci',
          'registry-password': password,
          timeout: '3m',
        });
        const cmdlines = sampleCommandLines();
        const result = await runBundle('deploy-swarm', {
          inputs,
          env: { GITHUB_WORKSPACE: shop.work },
          timeoutMs: 300_000,
        });
        const seen = await cmdlines.stop();
        expect(ok(result)).toEqual({ exit: 0, log: '' });
        for (const t of await shop.runningImages('private_web')) expect(t).toContain(`${ref}@sha256:`);
        for (const [where, text] of [
          ['log', result.log],
          ['outputs', JSON.stringify(result.outputs)],
          ['summary', result.summary],
          ['command lines', [...seen].join('\n')],
        ] as const)
          assertNoSecret(text, password, where);
        const home = join(shop.swarm.nodes[0]!.root, 'home');
        const leftovers = (await runOk('grep', ['-rl', password, home]).catch(() => '')).trim();
        expect(leftovers).toBe('');
      } finally {
        await registry.stop();
      }
    },
    LONG,
  );
});

describe('deploy-ssh container mode on this dockerd (engine: docker)', () => {
  test(
    'v1 → v2 in place; a broken v3 is switched back; docker runs exactly the live one',
    async () => {
      const node = shop.swarm.nodes[0]!;
      const broken = await shop.swarm.image('dock', 'd3', { healthy: false });
      const run = (version: string, image: string): Promise<RunResult> =>
        runBundle('deploy-ssh', {
          inputs: {
            hosts: `root@${node.address}`,
            'ssh-key': shop.swarm.privateKey,
            'host-fingerprint': `${node.address}=${node.fingerprint}`,
            app: 'dock',
            version,
            mode: 'container',
            engine: 'docker',
            image,
            'deploy-path': '/root/apps/dock',
            proxy: 'none',
            strategy: 'in-place',
            ports: '3005',
            'container-port': '8080',
            'health-interval': '300ms',
            'health-timeout': '10s',
          },
          timeoutMs: 300_000,
        });
      expect(ok(await run('d1', shop.images.v1 ?? ''))).toEqual({ exit: 0, log: '' });
      expect(ok(await run('d2', shop.images.v2 ?? ''))).toEqual({ exit: 0, log: '' });
      const failed = await run('d3', broken);
      expect(failed.exitCode).toBe(1);
      expect(failed.outputs['rolled-back']).toBe('true');
      const live = (await node.docker(['ps', '--filter', 'name=dock', '--format', '{{.Image}}']))
        .trim()
        .split('\n');
      expect(live).toEqual(['localhost/deploy-kit/dock:d2']);
    },
    LONG,
  );
});

describe('a node lost mid-update', () => {
  test(
    'the deploy never reports success with missing replicas',
    async () => {
      const running = shop.deploy('v1', { timeout: '40s', 'rollback-on-failure': 'false' });
      await new Promise((r) => setTimeout(r, 3000));
      await shop.swarm.nodes[2]!.killDocker();
      const result = await running;
      const services = JSON.parse(result.outputs.services ?? '[]') as Array<{
        running: number;
        desired: number;
      }>;
      if (result.exitCode === 0) {
        // Converged on the nodes left: every replica must be running.
        for (const s of services) expect(s.running).toBe(s.desired);
      } else {
        expect(result.log).toMatch(/not rolled out after 40s|Swarm rolled web back|paused/);
      }
    },
    LONG,
  );
});
