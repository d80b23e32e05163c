// deploy-ssh's hooks on a fleet of 3 hosts with a real PostgreSQL: the migration runs exactly once,
// before any host switches; a failing migration switches nothing; a failing post-switch command
// switches its host back and runs on-rollback (in the new release) and on-failure (in the live one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blueGreenPhases } from '@deploy-kit/release';
import { startPostgres, type Postgres } from '../support/databases.js';
import { startFleet, type Fleet } from '../support/fleet.js';
import { get } from '../support/load.js';
import { runOk } from '../support/procs.js';
import { runBundle, type RunResult } from '../support/runner.js';

let fleet: Fleet;
let pg: Postgres;

beforeAll(async () => {
  [fleet, pg] = await Promise.all([startFleet(3), startPostgres()]);
  await sql('CREATE TABLE hook_log (name text, host text, dir text, at timestamptz)');
  const v1 = await runBundle('deploy-ssh', { inputs: fleet.deployInputs('v1') });
  expect(v1.exitCode).toBe(0);
});
afterAll(async () => {
  await Promise.all([fleet.stop(), pg.stop()]);
});

async function sql(query: string): Promise<string[]> {
  const out = await runOk(pg.psql[0] ?? 'psql', [...pg.psql.slice(1), '-v', 'ON_ERROR_STOP=1', '-c', query]);
  return out.trim() === '' ? [] : out.trim().split('\n');
}

/** A hook command that logs its name, host and directory to PostgreSQL (over the socket, from the host's namespace). */
function logHook(name: string): string {
  return `psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO hook_log VALUES ('${name}', '$(hostname -I | tr -d ' ')', '$PWD', clock_timestamp())"`;
}

function deploy(version: string, extra: Record<string, string>): Promise<RunResult> {
  return runBundle('deploy-ssh', {
    inputs: fleet.deployInputs(version, 3, {
      env: `PGHOST=${pg.socketDir}\nPGPORT=${pg.port}\nPGUSER=postgres`,
      ...extra,
    }),
  });
}

const statuses = (r: RunResult): string[] =>
  (JSON.parse(r.outputs.hosts ?? '[]') as Array<{ status: string }>).map((h) => h.status);
const lastPhases = (host: Fleet['hosts'][number]): unknown => host.history().at(-1)?.phases;
async function served(): Promise<string[]> {
  return Promise.all(fleet.hosts.map(async (h) => (await get(h.nginxUrl)).body));
}

test('migrate-command runs exactly once, on migrate-host, before any host switches', async () => {
  const third = fleet.hosts[2]!;
  const result = await deploy('v2', {
    'migrate-command': `psql -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE widgets (id int)"\n${logHook('migrate')}`,
    'migrate-host': `root@${third.address}`,
    'post-switch-command': logHook('post-switch'),
  });
  expect(result.exitCode).toBe(0);
  expect(await served()).toEqual(['hello from v2', 'hello from v2', 'hello from v2']);
  expect(await sql("SELECT host, dir FROM hook_log WHERE name = 'migrate'")).toEqual([
    `${third.address}|${fleet.deployPath}/releases/v2`,
  ]);
  expect(await sql("SELECT count(*) FROM pg_tables WHERE tablename = 'widgets'")).toEqual(['1']);
  const switches = await sql("SELECT host FROM hook_log WHERE name = 'post-switch' ORDER BY host");
  expect(switches).toEqual(fleet.hosts.map((h) => h.address).sort());
  // Every host switched after the migration had finished.
  expect(
    await sql(
      "SELECT bool_and(s.at > m.at) FROM hook_log s, hook_log m WHERE s.name = 'post-switch' AND m.name = 'migrate'",
    ),
  ).toEqual(['t']);
  // The order of phases, as each host's history records it: the activation is the list the
  // dry-run plan is derived from (phases.ts).
  expect(lastPhases(third)).toEqual([
    'upload',
    'migrate',
    ...blueGreenPhases({ hooks: { postSwitch: 'set' }, soakMs: 0, health: {} }),
  ]);
  expect(lastPhases(third)).toEqual([
    'upload',
    'migrate',
    'start',
    'gate',
    'switch',
    'post-switch',
    'drain',
    'stop-old',
  ]);
  for (const host of fleet.hosts.slice(0, 2))
    expect(lastPhases(host)).toEqual([
      'upload',
      'start',
      'gate',
      'switch',
      'post-switch',
      'drain',
      'stop-old',
    ]);
});

test('a failing migration fails the deploy with nothing switched; on-failure runs where it ran', async () => {
  const result = await deploy('v3', {
    // The table exists since v2: the migration fails.
    'migrate-command': 'psql -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE widgets (id int)"',
    'on-failure-command': logHook('on-failure'),
  });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/migrate failed/);
  expect(statuses(result)).toEqual(['failed', 'skipped', 'skipped']);
  expect(result.outputs['rolled-back']).toBe('true');
  for (const host of fleet.hosts) expect(host.current()).toBe('v2');
  expect(await served()).toEqual(['hello from v2', 'hello from v2', 'hello from v2']);
  expect(await sql("SELECT host, dir FROM hook_log WHERE name = 'on-failure'")).toEqual([
    `${fleet.hosts[0]!.address}|${fleet.deployPath}/releases/v2`,
  ]);
  expect(fleet.hosts[0]!.history().at(-1)).toMatchObject({
    version: 'v3',
    status: 'failed',
    phases: ['upload', 'migrate', 'on-failure'],
  });
  expect(fleet.hosts[1]!.history().at(-1)).toMatchObject({ version: 'v2' });
});

test('a failing post-switch command switches its host back; on-rollback and on-failure run after', async () => {
  await sql('DELETE FROM hook_log');
  writeFileSync(join(fleet.hosts[1]!.root, 'app', 'shared', 'FAIL_POST_SWITCH'), '1');
  const result = await deploy('v4', {
    'max-parallel': '1',
    'post-switch-command': `${logHook('post-switch')}\ntest ! -e ${fleet.deployPath}/shared/FAIL_POST_SWITCH`,
    'on-rollback-command': logHook('on-rollback'),
    'on-failure-command': logHook('on-failure'),
  });
  expect(result.exitCode).toBe(1);
  expect(statuses(result)).toEqual(['rolled-back', 'rolled-back', 'skipped']);
  for (const host of fleet.hosts) expect(host.current()).toBe('v2');
  expect(await served()).toEqual(['hello from v2', 'hello from v2', 'hello from v2']);
  const switched = fleet.hosts.slice(0, 2).map((h) => h.address);
  expect(await sql("SELECT host, dir FROM hook_log WHERE name = 'on-rollback' ORDER BY host")).toEqual(
    switched.sort().map((a) => `${a}|${fleet.deployPath}/releases/v4`),
  );
  expect(await sql("SELECT host, dir FROM hook_log WHERE name = 'on-failure' ORDER BY host")).toEqual(
    switched.sort().map((a) => `${a}|${fleet.deployPath}/releases/v2`),
  );
  expect(lastPhases(fleet.hosts[1]!)).toEqual([
    'upload',
    'start',
    'gate',
    'switch',
    'post-switch',
    'switch-back',
    'on-rollback',
    'on-failure',
  ]);
});
