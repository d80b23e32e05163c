// deploy-swarm for real, under load: three dockerd (two managers, one worker) in network namespaces
// on one bridge form a swarm; images come from Debian's docker-registry on the bridge, pinned by
// digest. v1 → v2 rolls out on every node under load through nginx (0 failed requests); v3, whose
// healthcheck fails, is rolled back by Swarm and the action fails with the whole stack on v2;
// rollback mode swarm brings v1 back by `to`. These suites have the machine to themselves
// (CONTRIBUTING.md, tests side by side); the rest of deploy-swarm is in deploy-swarm-cluster.test.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoad } from '../support/load.js';
import { startNginx, type Nginx } from '../support/nginx.js';
import { runBundle } from '../support/runner.js';
import { assertNoSecret, sampleCommandLines } from '../support/secrets.js';
import { ok } from '../support/runner.js';
import { SHOP_SECRET, startShop, type Shop } from '../support/swarm-shop.js';
import { teardown } from '../support/teardown.js';

const LONG = 600_000;

let shop: Shop;
let front: Nginx;

beforeAll(async () => {
  shop = await startShop();
  // The proxy in front, as a load balancer over the nodes' host-mode ports, configured as the README
  // says: a connect that takes over 2 s is given up and the next node tried, and a node is never
  // marked down (while its task is replaced it refuses, and the next one answers). In this test bed
  // about 1 SYN in 100 to a node is lost and waits for its retransmit (the front's error log showed
  // it with no deploy running); with nginx's 60 s default, one lost three times outlasts the load's
  // 5 s timeout.
  front = await startNginx({ app: 'shop', upstreamPort: 8080, location: 'proxy_connect_timeout 2s;' });
  writeFileSync(
    front.upstreamPath,
    `upstream shop { ${shop.swarm.nodes.map((n) => `server ${n.address}:8080 max_fails=0;`).join(' ')} }\n`,
  );
  await front.reload();
}, LONG);
afterAll(async () => {
  await teardown(() => front.stop());
  await teardown(() => shop.stop());
}, LONG);

/** The front nginx's errors since the last call (why a request failed, when one did). */
let frontLogSeen = 0;
function frontErrors(): string[] {
  const file = join(front.dir, 'logs', 'error.log');
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const fresh = text.slice(frontLogSeen);
  frontLogSeen = text.length;
  return (
    fresh
      .split('\n')
      // A refused connect is a node passed over (its task being replaced), not why a request failed.
      .filter((l) => /\[(error|crit|alert|emerg)\]/.test(l) && !/\(111: Connection refused\)/.test(l))
      .slice(-8)
  );
}

async function servedVersions(): Promise<string[]> {
  const out: string[] = [];
  for (const node of shop.swarm.nodes) {
    const res = await fetch(`http://${node.address}:8080/VERSION`).catch(() => undefined);
    out.push(res ? (await res.text()).trim() : 'down');
  }
  return out;
}

function historyOn(node: number, stack = 'shop'): Array<Record<string, unknown>> {
  const file = join(shop.swarm.nodes[node]!.root, 'home', '.deploy-kit', 'stacks', stack, 'history.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('one stack, v1 → v2 → failing v3 → rollback to v1', () => {
  test(
    'v1 then v2 roll out on every node, pinned to the digest, with 0 failed requests',
    async () => {
      expect(ok(await shop.deploy('v1'))).toEqual({ exit: 0, log: '' });
      expect(await servedVersions()).toEqual(['v1', 'v1', 'v1']);
      frontErrors();
      const load = await startLoad(`${front.url}/VERSION`, 20);
      const cmdlines = sampleCommandLines();
      const second = await shop.deploy('v2');
      const seen = await cmdlines.stop();
      const report = await load.stop();
      expect(ok(second)).toEqual({ exit: 0, log: '' });
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
      const tasks = await shop.runningImages('shop_web');
      expect(tasks).toHaveLength(3);
      for (const t of tasks)
        expect(t).toMatch(new RegExp(`^${shop.images.v2!.replace(/[.]/g, '\\.')}@sha256:[a-f0-9]{64}$`));
      expect(second.log).toMatch(/web \d\/3/);
      // Zero downtime through the proxy: keep-alive and fresh connections, ≥ 5,000 requests.
      expect({
        requests: report.requests >= 5000,
        errors: report.errors,
        non2xx: report.non2xx,
        fresh: report.freshFailureSamples,
        // Only to say why, when a request failed: nginx logs every upstream it passed over too.
        proxyLog: report.freshFailures + report.errors > 0 ? frontErrors() : [],
      }).toEqual({
        requests: true,
        errors: 0,
        non2xx: 0,
        fresh: [],
        proxyLog: [],
      });
      // The secret: in the service's environment, never in the log, outputs, summary or a command line.
      for (const [where, text] of [
        ['log', second.log],
        ['outputs', JSON.stringify(second.outputs)],
        ['summary', second.summary],
        ['command lines', [...seen].join('\n')],
      ] as const)
        assertNoSecret(text, 'db-pw-7f3a91', where);
      const env = await shop.swarm.nodes[0]!.docker([
        'service',
        'inspect',
        'shop_web',
        '--format',
        '{{json .Spec.TaskTemplate.ContainerSpec.Env}}',
      ]);
      expect(JSON.parse(env)).toEqual([`DB_PASSWORD=${SHOP_SECRET}`]);
      expect(existsSync('/tmp/dk-swarm-pwned')).toBe(false);
      // History on both managers listed, the version file private.
      for (const node of [0, 1])
        expect(historyOn(node).map((h) => `${String(h.version)} ${String(h.outcome)}`)).toEqual([
          'v1 deployed',
          'v2 deployed',
        ]);
      const recorded = readFileSync(
        join(shop.swarm.nodes[0]!.root, 'home', '.deploy-kit', 'stacks', 'shop', 'versions', 'v2.yml'),
        'utf8',
      );
      expect(recorded).toContain('@sha256:');
    },
    LONG,
  );

  test(
    'v3 fails its healthcheck under load: the step fails, the whole stack runs v2 again, 0 failed requests',
    async () => {
      const load = await startLoad(`${front.url}/VERSION`, 20);
      const third = await shop.deploy('v3');
      const report = await load.stop();
      expect(third.exitCode).toBe(1);
      expect(third.outputs['rolled-back']).toBe('true');
      expect(third.log).toMatch(/Swarm rolled web back|not rolled out/);
      expect(third.log).toMatch(/the whole stack runs v2 again/);
      expect(await servedVersions()).toEqual(['v2', 'v2', 'v2']);
      for (const t of await shop.runningImages('shop_web')) expect(t).toContain(shop.images.v2);
      expect({
        errors: report.errors,
        non2xx: report.non2xx,
        fresh: report.freshFailureSamples,
      }).toEqual({ errors: 0, non2xx: 0, fresh: [] });
      expect(historyOn(0).map((h) => `${String(h.version)} ${String(h.outcome)}`)).toEqual([
        'v1 deployed',
        'v2 deployed',
        'v3 rolled-back',
      ]);
    },
    LONG,
  );

  test(
    'rollback mode swarm lists the versions and brings v1 back by `to`',
    async () => {
      const base = shop.swarm.inputs('shop', '', {}, [0, 1]);
      const common = {
        mode: 'swarm',
        hosts: base.hosts ?? '',
        'ssh-key': base['ssh-key'] ?? '',
        'host-fingerprint': base['host-fingerprint'] ?? '',
        stack: 'shop',
      };
      const list = await runBundle('rollback', { inputs: { ...common, list: 'true' } });
      expect(ok(list)).toEqual({ exit: 0, log: '' });
      expect(
        (JSON.parse(list.outputs.candidates ?? '[]') as Array<{ version: string }>).map((c) => c.version),
      ).toEqual(['v2', 'v1']);
      const back = await runBundle('rollback', {
        inputs: { ...common, to: 'v1', reason: 'checkout 500s' },
        timeoutMs: 300_000,
      });
      expect(ok(back)).toEqual({ exit: 0, log: '' });
      expect(back.outputs['from-version']).toBe('v2');
      expect(back.outputs.version).toBe('v1');
      expect(await servedVersions()).toEqual(['v1', 'v1', 'v1']);
      for (const t of await shop.runningImages('shop_web')) expect(t).toContain(`${shop.images.v1}@sha256:`);
      expect(historyOn(1).at(-1)).toEqual(
        expect.objectContaining({ version: 'v1', outcome: 'deployed', action: 'rollback' }),
      );
    },
    LONG,
  );
});
