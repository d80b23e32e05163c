// The deploy-kit CLI (bin/deploy-kit.js → dist/cli): a laptop rollback against a real host, with the
// key passed in the environment, never on the command line.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { assertNoSecret } from '../support/secrets.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';
import { makeTempDir } from '../support/tempdir.js';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'deploy-kit.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const outputs = (stdout: string): Record<string, string> =>
  Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

let host: TargetHost;
beforeAll(async () => {
  host = await startTargetHost('cli');
  for (const v of ['v1', 'v2']) expect((await host.deploy(v)).exitCode).toBe(0);
});
afterAll(async () => {
  await host.stop();
});

function target(): string[] {
  const inputs = host.inputs('unused', '');
  return [
    '--hosts',
    inputs.hosts!,
    '--host-fingerprint',
    inputs['host-fingerprint']!,
    '--app',
    'cli',
    '--deploy-path',
    host.deployPath,
  ];
}

test('--help lists every action; an unknown action or flag is refused', async () => {
  const help = await cli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stderr).toMatch(
    /Actions: health-gate, deploy-ssh, deploy-swarm, rollback, slack-notify, deploy, build-image/,
  );
  expect(help.stderr).toMatch(/DEPLOY_KIT_SSH_KEY/);
  expect((await cli(['rollbak'])).code).toBe(2);
  const flag = await cli(['rollback', '--rollback-to', 'v1']);
  expect(flag.code).toBe(1);
  expect(flag.stderr).toMatch(/Unknown input --rollback-to for rollback/);
});

test('a laptop rollback: list, then roll back, with the key from DEPLOY_KIT_SSH_KEY', async () => {
  const env = { DEPLOY_KIT_SSH_KEY: host.sshd.privateKey, USER: 'oncall' };
  const listed = await cli(['rollback', ...target(), '--list', 'true'], env);
  expect(listed.code).toBe(0);
  const listOutputs = outputs(listed.stdout);
  expect(listOutputs.version).toBe('v2');
  expect((JSON.parse(listOutputs.candidates!) as Array<{ version: string }>).map((c) => c.version)).toEqual([
    'v1',
  ]);

  const rolled = await cli(
    ['rollback', ...target(), '--reason', 'from my laptop', '--health-interval', '200ms'],
    env,
  );
  expect(rolled.code).toBe(0);
  expect(outputs(rolled.stdout)).toMatchObject({ version: 'v1', 'from-version': 'v2' });
  expect(host.current()).toBe('v1');
  expect(host.history().at(-1)).toMatchObject({
    event: 'rollback',
    actor: 'oncall',
    reason: 'from my laptop',
  });
  const keyLine = host.sshd.privateKey.split('\n')[1]!;
  assertNoSecret(rolled.stdout + rolled.stderr, keyLine, 'CLI output');
});

test('without a key the CLI says which input is missing, and how to pass it', async () => {
  const result = await cli(['rollback', ...target()]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/ssh-key/);
});

test('deploy-ssh --dry-run prints the plan and connects to nothing; a bad input still fails', async () => {
  const fingerprint = `SHA256:${'A'.repeat(43)}`;
  const args = [
    'deploy-ssh',
    '--dry-run',
    '--hosts',
    'app1.invalid,deploy@app2.invalid:2222',
    '--host-fingerprint',
    fingerprint,
    '--app',
    'shop',
    '--version',
    'v3',
    '--proxy',
    'nginx',
    '--ports',
    '3001,3002',
    '--start-command',
    'npm start',
    '--env',
    'DATABASE_URL=postgres://u:dry-run-secret-77@db/shop',
    '--migrate-command',
    'npm run migrate',
    '--migrate-host',
    'app2.invalid:2222',
    '--post-switch-command',
    'curl -fsS -X POST http://127.0.0.1:9000/flush',
  ];
  const started = Date.now();
  const plan = await cli(args, { DEPLOY_KIT_PASSWORD: 'not-used-ssh-password' });
  expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
  expect(Date.now() - started).toBeLessThan(5000); // no connection attempt (.invalid never resolves)
  expect(plan.stdout).toMatch(/^Plan: deploy shop v3 \(dry run: nothing connects, nothing changes\)/);
  expect(plan.stdout).toContain('hosts: deploy@app1.invalid:22, deploy@app2.invalid:2222');
  expect(plan.stdout).toContain(`host keys pinned: ${fingerprint}`);
  expect(plan.stdout).toMatch(
    /5\. migrate, once per deploy, on deploy@app2\.invalid:2222 only, before any host switches, in \/opt\/shop\/releases\/v3: npm run migrate/,
  );
  expect(plan.stdout).toMatch(/6\. start in the idle slot on its port: npm start/);
  expect(plan.stdout).toMatch(
    // A deploy user runs nginx's default commands through sudo -n.
    /8\. switch: rewrite \/opt\/shop\/\.deploy-kit\/upstream\.conf, sudo -n nginx -t, sudo -n nginx -s reload/,
  );
  expect(plan.stdout).toMatch(/9\. post-switch, in \/opt\/shop\/releases\/v3: curl -fsS/);
  expect(plan.stdout).toContain('write the env file (0600): DATABASE_URL');
  assertNoSecret(plan.stdout, 'dry-run-secret-77', 'plan');

  const bad = await cli([...args.filter((a) => a !== '3001,3002' && a !== '--ports'), '--ports', '3001,x'], {
    DEPLOY_KIT_PASSWORD: 'not-used-ssh-password',
  });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/Input 'ports' must be/);
  expect(bad.stdout).toBe('');
});

test('deploy-swarm --dry-run renders the stack and prints the plan without connecting; an unset required variable fails', async () => {
  const temp = makeTempDir('cli-swarm');
  try {
    const file = join(temp.path, 'stack.yml');
    writeFileSync(
      file,
      'services:\n  web:\n    image: ghcr.io/acme/web:7\n    environment:\n      DB: ${DB_PASSWORD:?set DB_PASSWORD}\n    ports: [{ target: 80, published: 80, mode: host }]\n',
    );
    const args = [
      'deploy-swarm',
      '--dry-run',
      '--hosts',
      'manager1.invalid',
      '--host-fingerprint',
      `SHA256:${'B'.repeat(43)}`,
      '--stack',
      'shop',
      '--version',
      'v7',
      '--compose-file',
      file,
    ];
    const plan = await cli([...args, '--env', 'DB_PASSWORD=swarm-dry-secret-31'], {
      DEPLOY_KIT_PASSWORD: 'not-used',
    });
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
    expect(plan.stdout).toMatch(/^Plan: deploy stack shop v7 \(dry run: nothing connects, nothing changes\)/);
    expect(plan.stdout).toContain(
      'web: ghcr.io/acme/web:7 → pinned to the digest the manager pulls; update stop-first',
    );
    expect(plan.stdout).toContain('variables from env: DB_PASSWORD');
    assertNoSecret(plan.stdout, 'swarm-dry-secret-31', 'plan');
    const missing = await cli(args, { DEPLOY_KIT_PASSWORD: 'not-used' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/required variable DB_PASSWORD is not set: set DB_PASSWORD/);
  } finally {
    temp.remove();
  }
});

test('db-backup from a terminal: the defaults the runner would evaluate (github.token) come from the environment', async () => {
  const temp = makeTempDir('cli-backup');
  try {
    const source = join(temp.path, 'data.txt');
    writeFileSync(source, 'kept by the CLI\n');
    const dest = join(temp.path, 'backups');
    const help = await cli(['db-backup', '--help']);
    expect(help.stderr).toContain('--github-token (default ${{ github.token }}; here $GITHUB_TOKEN)');
    const args = ['db-backup', '--engine', 'files', '--paths', source, '--destination', `local:${dest}`];
    // No GITHUB_TOKEN: the token's default is empty, not the literal `${{ github.token }}`.
    const backup = await cli(args);
    expect({ code: backup.code, stderr: backup.code === 0 ? '' : backup.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const made = outputs(backup.stdout);
    expect(made['backup-path']).toMatch(/^local:\//);
    const stored = made['backup-path']!.slice('local:'.length);
    expect(readdirSync(dest)).toContain(basename(stored));
    expect(made.sha256).toBe(createHash('sha256').update(readFileSync(stored)).digest('hex'));
    const listed = await cli([...args, '--operation', 'list'], { GITHUB_TOKEN: 'ghs_cliTokenNeverPrinted' });
    expect(listed.code).toBe(0);
    expect(outputs(listed.stdout).backups).toContain(basename(stored));
    assertNoSecret(listed.stdout + listed.stderr, 'ghs_cliTokenNeverPrinted', 'CLI output');
  } finally {
    temp.remove();
  }
});
