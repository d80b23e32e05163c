// ssh-run against real OpenSSH: scripts as users write them under dash, bash and busybox sh, env as
// data, uploads and downloads byte-exact, timeouts that stop the script's processes, and a fleet.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFleet, type Fleet } from '../support/fleet.js';
import { injectionStrings, settledConnections } from '../support/injections.js';
import { waitFor } from '../support/procs.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret, sampleCommandLines } from '../support/secrets.js';
import { startSshd, type Sshd } from '../support/sshd.js';
import { makeTempDir } from '../support/tempdir.js';

const SHELLS = { dash: '/usr/bin/dash', bash: '/usr/bin/bash', busybox: '/bin/busybox' } as const;
type Shell = keyof typeof SHELLS;

const temp = makeTempDir('ssh-run');
const hosts = new Map<Shell, Sshd>();

/** A PATH whose `sh` is the given shell, for the host's SSH sessions (sshd SetEnv). */
function shellPath(shell: Shell): string {
  const dir = join(temp.path, 'shells', shell);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'sh'))) symlinkSync(SHELLS[shell], join(dir, 'sh'));
  return `${dir}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`;
}

beforeAll(async () => {
  for (const shell of Object.keys(SHELLS) as Shell[])
    hosts.set(shell, await startSshd({ env: { PATH: shellPath(shell) } }));
});
afterAll(async () => {
  for (const sshd of hosts.values()) await sshd.stop();
  temp.remove();
});

function host(shell: Shell = 'dash'): Sshd {
  const sshd = hosts.get(shell);
  if (!sshd) throw new Error(`no host for ${shell}`);
  return sshd;
}

function sshInputs(sshd: Sshd): Record<string, string> {
  return {
    hosts: `${sshd.user}@${sshd.host}:${sshd.port}`,
    'ssh-key': sshd.privateKey,
    'host-fingerprint': sshd.fingerprint,
  };
}

function sshRun(inputs: Record<string, string>, shell: Shell = 'dash'): Promise<RunResult> {
  return runBundle('ssh-run', { inputs: { ...sshInputs(host(shell)), ...inputs } });
}

/** A fresh directory on the host (the test sshd's user is this machine's, so it is also local). */
function remoteDir(name: string): string {
  const dir = join(temp.path, 'remote', `${name}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe.each(Object.keys(SHELLS) as Shell[])('/bin/sh is %s', (shell) => {
  test('a failing middle line fails the step; the lines after it do not run', async () => {
    const dir = remoteDir('stop');
    const result = await sshRun(
      { 'working-directory': dir, script: 'echo first > a\nfalse\necho third > c' },
      shell,
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs['exit-code']).toBe('1');
    expect(existsSync(join(dir, 'a'))).toBe(true);
    expect(existsSync(join(dir, 'c'))).toBe(false);
    expect(result.log).toMatch(/ssh-run failed on 1 of 1 host\(s\).*the script exited with 1/);
    // Control: with script-stop false every line runs and the last one's exit decides.
    const lenient = await sshRun(
      { 'working-directory': dir, 'script-stop': 'false', script: 'false\necho third > c' },
      shell,
    );
    expect(lenient.exitCode).toBe(0);
    expect(lenient.outputs['exit-code']).toBe('0');
    expect(existsSync(join(dir, 'c'))).toBe(true);
  });

  test('multi-line commands, a pipeline and an unset variable behave as in set -eu', async () => {
    const result = await sshRun(
      {
        script: 'for i in 1 2 3; do\n  echo "line $i"\ndone | tail -n 1\necho "$UNSET_VARIABLE"\necho never',
      },
      shell,
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs.stdout).toBe('line 3\n');
    expect(result.log).not.toContain('never');
  });
});

test('bash as the shell runs bash syntax; stdout chains into the next step', async () => {
  const first = await sshRun({ shell: 'bash', script: 'arr=(a b c)\necho "${#arr[@]} items: ${arr[*]}"' });
  expect(first.exitCode).toBe(0);
  expect(first.outputs.stdout).toBe('3 items: a b c\n');
  // The next step reads it, as `${{ steps.x.outputs.stdout }}` would hand it over.
  const second = await sshRun({
    env: `PREVIOUS=${(first.outputs.stdout ?? '').trim()}`,
    script: 'echo "got: $PREVIOUS"',
  });
  expect(second.outputs.stdout).toBe('got: 3 items: a b c\n');
  const hostsOutput = JSON.parse(second.outputs.hosts ?? '[]') as Array<Record<string, unknown>>;
  expect(hostsOutput).toEqual([
    expect.objectContaining({ status: 'ok', exitCode: 0, stdoutTail: 'got: 3 items: a b c\n', error: null }),
  ]);
  expect(second.summary).toMatch(/ssh-run: ✅ succeeded on 1\/1 host/);
});

test('env values with quotes, newlines and $(…) arrive byte-exact and never execute; secrets stay out of logs and argv', async () => {
  const dir = remoteDir('env');
  const marker = join(dir, 'executed');
  const secret = `s3cr3t-${randomBytes(8).toString('hex')}`;
  const tricky = [`it's "quoted" $(touch ${marker}) \`touch ${marker}\` $HOME \\ end`, `  spaced  `];
  const sampler = sampleCommandLines();
  const result = await sshRun({
    'working-directory': dir,
    env: [
      `TRICKY=${tricky[0]}`,
      `SPACED=${tricky[1]}`,
      'MULTI<<EOF',
      'line one',
      `line two; touch ${marker}`,
      '',
      'EOF',
      `TOKEN=${secret}`,
    ].join('\n'),
    script:
      'printf %s "$TRICKY" > tricky\nprintf %s "$SPACED" > spaced\nprintf %s "$MULTI" > multi\n' +
      'printf %s "$TOKEN" > token\necho "token is $TOKEN"\nsleep 0.3',
  });
  const commandLines = await sampler.stop();
  expect(result.exitCode).toBe(0);
  expect(readFileSync(join(dir, 'tricky'), 'utf8')).toBe(tricky[0]);
  expect(readFileSync(join(dir, 'spaced'), 'utf8')).toBe(tricky[1]);
  expect(readFileSync(join(dir, 'multi'), 'utf8')).toBe(`line one\nline two; touch ${marker}\n`);
  expect(readFileSync(join(dir, 'token'), 'utf8')).toBe(secret);
  expect(existsSync(marker)).toBe(false);
  assertNoSecret(result.log, secret, 'log');
  expect(result.log).toContain('token is ***');
  assertNoSecret(result.summary, secret, 'summary');
  const onCommandLine = [...commandLines].filter((line) => line.includes(secret));
  expect(onCommandLine).toEqual([]);
});

test('control: the command-line sampler catches a secret in argv', async () => {
  const secret = `argv-${randomBytes(6).toString('hex')}`;
  const sampler = sampleCommandLines();
  const result = await sshRun({ script: `sh -c 'sleep 0.5' ${secret}` });
  const lines = await sampler.stop();
  expect(result.exitCode).toBe(0);
  expect([...lines].some((line) => line.includes(secret))).toBe(true);
});

test('remote output is fenced from workflow commands', async () => {
  const result = await sshRun({
    script: 'echo "::set-output name=exit-code::0"\necho "::error::forged"\nexit 3',
  });
  expect(result.exitCode).toBe(1);
  expect(result.outputs['exit-code']).toBe('3');
  const token = /::stop-commands::([0-9a-f]+)/.exec(result.log)?.[1];
  expect(token).toBeDefined();
  const fenced = result.log.slice(
    result.log.indexOf(`::stop-commands::${token ?? ''}`),
    result.log.indexOf(`::${token ?? ''}::`),
  );
  expect(fenced).toContain('::error::forged');
});

test('capture-limit keeps the start of stdout and says it was cut', async () => {
  const result = await sshRun({
    'capture-limit': '1KiB',
    script: 'i=0; while [ $i -lt 300 ]; do echo "line $i"; i=$((i+1)); done',
  });
  expect(result.exitCode).toBe(0);
  expect(Buffer.byteLength(result.outputs.stdout ?? '')).toBe(1024);
  expect(result.outputs.stdout?.startsWith('line 0\nline 1\n')).toBe(true);
  expect(result.log).toMatch(/longer than capture-limit \(1024 bytes\)/);
});

test('uploads and downloads files and directories byte-identical, relative to working-directory', async () => {
  const local = join(temp.path, 'local', randomBytes(4).toString('hex'));
  mkdirSync(join(local, 'site', 'assets'), { recursive: true });
  const binary = randomBytes(3 * 1024 * 1024 + 17);
  writeFileSync(join(local, 'blob.bin'), binary);
  writeFileSync(join(local, 'site', 'index.html'), '<h1>hi</h1>\n');
  writeFileSync(join(local, 'site', 'assets', 'app.js'), 'console.log(1)\n');
  const dir = remoteDir('transfer');
  const back = join(local, 'back');
  const result = await sshRun({
    'working-directory': dir,
    upload: `${join(local, 'blob.bin')}:data/blob.bin\n${join(local, 'site')}:public`,
    script: 'sha256sum data/blob.bin > data/blob.sum\nls public public/assets > listing',
    download: `${join(back, 'blob.bin')}:data/blob.bin\n${join(back, 'public')}:public\n${join(back, 'listing')}:listing`,
  });
  expect(result.exitCode).toBe(0);
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
  expect(sha(readFileSync(join(dir, 'data', 'blob.bin')))).toBe(sha(binary));
  expect(readFileSync(join(dir, 'public', 'assets', 'app.js'), 'utf8')).toBe('console.log(1)\n');
  expect(sha(readFileSync(join(back, 'blob.bin')))).toBe(sha(binary));
  expect(readFileSync(join(back, 'public', 'index.html'), 'utf8')).toBe('<h1>hi</h1>\n');
  expect(readFileSync(join(back, 'listing'), 'utf8')).toContain('app.js');
  // Nothing half-written is left beside the targets.
  expect(readdirSync(join(dir, 'data')).sort()).toEqual(['blob.bin', 'blob.sum']);
  expect(result.log).toMatch(/uploaded .*blob\.bin → data\/blob\.bin \(3145745 bytes, SHA-256 checked\)/);
});

test('the timeout stops every process the script started, and says so', async () => {
  const marker = `dk-timeout-${randomBytes(4).toString('hex')}`;
  const survivors = (): string[] =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
        } catch {
          return '';
        }
      })
      .filter((line) => line.startsWith('sh -c sleep') && line.includes(marker));
  const started = Date.now();
  const running = sshRun({
    'command-timeout': '2s',
    // A child in the background and one in the foreground, as `npm start` leaves them.
    script: `sh -c 'sleep 300; : ${marker} bg' &\nsh -c 'sleep 301; : ${marker} fg'`,
  });
  // Control: both are seen while the script runs, so "none left" below can fail.
  await waitFor(() => survivors().length === 2, 10_000, 'both processes of the script');
  const result = await running;
  expect(result.exitCode).toBe(1);
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(JSON.parse(result.outputs.hosts ?? '[]')).toEqual([expect.objectContaining({ status: 'timeout' })]);
  expect(result.log).toMatch(/timed out after 2s \(command-timeout\); its processes were stopped/);
  await waitFor(
    () => survivors().length === 0,
    10_000,
    `the script's processes to stop (${survivors().join(' | ')})`,
  );
});

describe('bad input changes nothing and names the input', () => {
  test.each([
    [
      'working-directory',
      { 'working-directory': '../etc' },
      /Input 'working-directory' must be a path without control characters, \.\. segments or a leading -/,
    ],
    ['working-directory', { 'working-directory': '-rf' }, /Input 'working-directory'/],
    ['upload', { upload: 'only-one-side' }, /Input 'upload' must be local:remote lines/],
    ['upload', { upload: 'a:../../etc/passwd' }, /Input 'upload' must be local:remote lines/],
    ['download', { download: '../outside:file' }, /Input 'download' must be local:remote lines/],
    [
      'upload',
      { upload: '/nonexistent/file:x' },
      /Input 'upload': \/nonexistent\/file does not exist on the runner/,
    ],
    ['script', { script: '' }, /Input 'script' is required/],
    ['shell', { shell: 'zsh' }, /Input 'shell'/],
    ['capture-limit', { 'capture-limit': '2MiB' }, /Input 'capture-limit' must be a size/],
    ['env', { env: 'BAD-NAME=1' }, /Input 'env' must be KEY=VALUE lines/],
    ['env', { env: 'A<<EOF\nno end' }, /Input 'env': A<<EOF has no closing line EOF/],
  ])('%s: %j', async (_input, values, message) => {
    const sshd = host();
    const before = await settledConnections(sshd);
    const result = await sshRun({ script: 'true', ...values });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(message);
    expect(await settledConnections(sshd)).toBe(before);
  });

  test('injection strings in working-directory and remote paths arrive as literal names or are refused', async () => {
    const dir = remoteDir('inject');
    const marker = join(dir, 'pwned');
    const local = join(temp.path, 'inject-source');
    writeFileSync(local, 'payload');
    for (const value of injectionStrings(marker)) {
      const result = await sshRun({
        'working-directory': dir,
        upload: `${local}:${value}`,
        script: 'ls -a > /dev/null',
      });
      const refused = /Input 'upload' must be/.test(result.log);
      if (!refused) {
        expect(result.exitCode).toBe(0);
        expect(readFileSync(join(dir, value), 'utf8')).toBe('payload');
      }
      const wd = await sshRun({ 'working-directory': `${dir}/${value}`, script: 'true' });
      if (!/Input 'working-directory' must be/.test(wd.log))
        expect(wd.log).toMatch(/deploy-kit: working-directory .* does not exist/);
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a fleet', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet(3);
  });
  afterAll(async () => {
    await fleet.stop();
  });

  function fleetInputs(extra: Record<string, string>): Record<string, string> {
    return {
      hosts: fleet.hosts.map((h) => `${fleet.user}@${h.address}`).join('\n'),
      'ssh-key': fleet.privateKey,
      'host-fingerprint': fleet.hosts.map((h) => `${h.address}=${h.fingerprint}`).join('\n'),
      ...extra,
    };
  }

  test('with fail-fast, a failing host stops the hosts not yet started; without, every host runs', async () => {
    const failOnSecond = `case "$(hostname -I 2>/dev/null || ip -o addr)" in *${fleet.hosts[1]!.address}*) exit 7 ;; esac\necho ran`;
    const fast = await runBundle('ssh-run', {
      inputs: fleetInputs({ 'max-parallel': '1', script: failOnSecond }),
    });
    expect(fast.exitCode).toBe(1);
    const statuses = (r: RunResult): string[] =>
      (JSON.parse(r.outputs.hosts ?? '[]') as Array<{ status: string }>).map((h) => h.status);
    expect(statuses(fast)).toEqual(['ok', 'failed', 'skipped']);
    expect(fast.outputs['exit-code']).toBe('7');
    expect(fast.outputs.stdout).toBe('');
    const all = await runBundle('ssh-run', {
      inputs: fleetInputs({ 'max-parallel': '1', 'fail-fast': 'false', script: failOnSecond }),
    });
    expect(statuses(all)).toEqual(['ok', 'failed', 'ok']);
    expect(all.log).toContain(`[${fleet.user}@${fleet.hosts[2]!.address}:22] ran`);
  });
});
