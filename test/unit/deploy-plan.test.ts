// The dry-run plan lists the activation phases from the same lists HostDeploy runs
// (packages/release/src/phases.ts): reorder a list and the plan follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputReader, SecretRegistry } from '@deploy-kit/core';
import { blueGreenPhases, inPlacePhases } from '@deploy-kit/release';
import { readInputs } from '../../actions/deploy-ssh/inputs.js';
import { deployPlan } from '../../actions/deploy-ssh/plan.js';
import { repoRoot } from '../support/paths.js';

const action = parse(readFileSync(join(repoRoot, 'deploy-ssh', 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};
const defaults = Object.fromEntries(
  Object.entries(action.inputs).map(([name, spec]) => [name, spec.default ?? '']),
);
const inputs = (values: Record<string, string>) =>
  readInputs(new InputReader((name) => ({ ...defaults, ...values })[name], new SecretRegistry()), {
    GITHUB_SHA: 'a'.repeat(40),
  });
const base = {
  hosts: 'app1.invalid',
  user: 'deploy',
  password: 'not-used',
  'host-fingerprint': `SHA256:${'A'.repeat(43)}`,
  app: 'shop',
  version: 'v3',
  'post-switch-command': 'echo switched',
  soak: '30s',
};
const blueGreen = await inputs({ ...base, proxy: 'nginx', ports: '3001,3002', 'start-command': 'npm start' });
const inPlace = await inputs({ ...base, ports: '3001', 'restart-command': 'systemctl restart shop' });

/** The plan's numbered steps, without their numbers. */
const steps = (lines: string[]): string[] =>
  lines.flatMap((line) => {
    const m = /^ {2}\d+\. (.*)$/.exec(line);
    return m ? [m[1] as string] : [];
  });
/** Which phase each activation step describes, by the words it starts with. */
const STARTS: Array<[string, RegExp]> = [
  ['start', /^start in the idle slot/],
  ['gate', /^gate: /],
  ['switch', /^switch( through|:)/],
  ['post-switch', /^post-switch, /],
  ['drain', /^drain /],
  ['stop-old', /^stop the old slot/],
  ['soak', /^soak /],
  ['restart', /^restart: /],
];
const phasesOf = (lines: string[]): string[] =>
  steps(lines).flatMap((step) => STARTS.filter(([, re]) => re.test(step)).map(([name]) => name));

test('blue-green: the plan lists the phases HostDeploy runs, in its order', async () => {
  expect(phasesOf(deployPlan(blueGreen))).toEqual(
    blueGreenPhases({ hooks: { postSwitch: 'x' }, soakMs: 30_000, health: blueGreen.deploy.health }),
  );
  expect(phasesOf(deployPlan(blueGreen))).toEqual([
    'start',
    'gate',
    'switch',
    'post-switch',
    'drain',
    'stop-old',
    'soak',
  ]);
});

test('in place: the same, from the in-place list', async () => {
  expect(phasesOf(deployPlan(inPlace))).toEqual(['switch', 'restart', 'gate', 'post-switch', 'soak']);
});

test('a reordered phase list reorders the plan: it is derived, not restated', async () => {
  const reversed = {
    blueGreen: (shape: Parameters<typeof blueGreenPhases>[0]) => blueGreenPhases(shape).reverse(),
    inPlace: (shape: Parameters<typeof inPlacePhases>[0]) => inPlacePhases(shape).reverse(),
  };
  expect(phasesOf(deployPlan(blueGreen, reversed))).toEqual([...phasesOf(deployPlan(blueGreen))].reverse());
  expect(phasesOf(deployPlan(inPlace, reversed))).toEqual([...phasesOf(deployPlan(inPlace))].reverse());
});

test('a phase the config leaves out is not planned', async () => {
  const plain = await inputs({
    ...base,
    'post-switch-command': '',
    soak: '0',
    proxy: 'nginx',
    ports: '3001,3002',
    'start-command': 'npm start',
  });
  expect(phasesOf(deployPlan(plain))).toEqual(['start', 'gate', 'switch', 'drain', 'stop-old']);
});

describe("nginx's default commands", () => {
  const nginx = { ...base, proxy: 'nginx', ports: '3001,3002', 'start-command': 'npm start' };
  test('a deploy user runs them through sudo -n (never a password prompt)', async () => {
    const { deploy } = await inputs(nginx);
    expect([deploy.proxyTestCommand, deploy.proxyReloadCommand]).toEqual([
      'sudo -n nginx -t',
      'sudo -n nginx -s reload',
    ]);
    expect(deployPlan(await inputs(nginx)).join('\n')).toContain('sudo -n nginx -t, sudo -n nginx -s reload');
  });
  test('root runs them as they are', async () => {
    const { deploy } = await inputs({ ...nginx, user: 'root' });
    expect([deploy.proxyTestCommand, deploy.proxyReloadCommand]).toEqual(['nginx -t', 'nginx -s reload']);
  });
  test('commands the user wrote are kept as written', async () => {
    const { deploy } = await inputs({
      ...nginx,
      'proxy-test-command': 'doas nginx -t',
      'proxy-reload-command': 'systemctl reload nginx',
    });
    expect([deploy.proxyTestCommand, deploy.proxyReloadCommand]).toEqual([
      'doas nginx -t',
      'systemctl reload nginx',
    ]);
  });
});

describe('Caddy', () => {
  const caddy = { ...base, proxy: 'caddy', ports: '3001,3002', 'start-command': 'npm start' };
  test('by default through its admin API on localhost:2019, the Caddyfile reload as the fallback', async () => {
    const { deploy } = await inputs(caddy);
    expect(deploy.caddyAdmin).toBe('localhost:2019');
    const plan = deployPlan(await inputs(caddy)).join('\n');
    expect(plan).toContain("switch through Caddy's admin API (localhost:2019)");
    expect(plan).toContain('if the API does not answer: caddy validate --config /etc/caddy/Caddyfile');
    expect(plan).toContain('drain until Caddy has no request in flight to the old slot');
  });
  test('caddy-admin: off switches through the snippet and the reload command alone', async () => {
    const plan = deployPlan(await inputs({ ...caddy, 'caddy-admin': 'off' })).join('\n');
    expect(plan).not.toContain('admin API');
    expect(plan).toContain('caddy reload --config /etc/caddy/Caddyfile');
  });
  test.each(['127.0.0.1:2019', '[::1]:2019', 'caddy.internal:2020', 'unix//run/caddy/admin.sock'])(
    'caddy-admin %s is accepted',
    async (admin) => expect((await inputs({ ...caddy, 'caddy-admin': admin })).deploy.caddyAdmin).toBe(admin),
  );
});

test('stop-timeout: the plan names the grace the old slot gets, and bad values are refused', async () => {
  const stopStep = async (values: Record<string, string>): Promise<string | undefined> =>
    steps(deployPlan(await inputs({ ...base, proxy: 'nginx', ports: '3001,3002', ...values }))).find((s) =>
      s.startsWith('stop the old slot'),
    );
  expect(await stopStep({ 'start-command': 'npm start' })).toBe(
    'stop the old slot: SIGTERM, SIGKILL after 10s',
  );
  expect(
    await stopStep({ 'start-command': 'npm start', 'stop-command': 'npm run stop', 'stop-timeout': '30s' }),
  ).toBe('stop the old slot: npm run stop, then SIGTERM, SIGKILL after 30s');
  await expect(inputs({ ...base, ports: '3001', 'stop-timeout': '500ms' })).rejects.toThrow(
    /^Input 'stop-timeout' must be a duration.*between 1s and 10m/,
  );
  await expect(
    inputs({ ...base, ports: '3001', 'stop-timeout': '10m', 'command-timeout': '10m' }),
  ).rejects.toThrow(
    /^Input 'stop-timeout' must be a duration at least 5s shorter than 'command-timeout', got "10m"$/,
  );
  await expect(inputs({ ...base, ports: '3001', 'stop-timeout': '595s' })).resolves.toBeDefined();
});
