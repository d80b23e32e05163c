// ssh-run's inputs (every one refused with a clear error when bad) and the stdin records the remote
// runner reads, decoded here by a real dash exactly as on a host.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputReader, SecretRegistry } from '@deploy-kit/core';
import { RUN_SCRIPT, runPayload, scriptArgv } from '@deploy-kit/ssh';
import { readInputs } from '../../actions/ssh-run/inputs.js';
import { testBadInputs, type BadInput } from '../support/bad-inputs.js';
import { repoRoot } from '../support/paths.js';

const spec = parse(readFileSync(join(repoRoot, 'ssh-run', 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};
const defaults: Record<string, string> = Object.fromEntries(
  Object.entries(spec.inputs).map(([name, def]) => [name, def.default ?? '']),
);
Object.assign(defaults, {
  hosts: 'app1.example.com',
  'ssh-key': '',
  password: 'pw',
  'host-fingerprint': 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  script: 'uptime',
});
const read = (values: Record<string, string>, secrets = new SecretRegistry()) =>
  readInputs(new InputReader((name) => ({ ...defaults, ...values })[name], secrets));

test('defaults: sh, set -eu, 1 MiB captured, the login directory', () => {
  expect(read({})).toMatchObject({
    shell: 'sh',
    'script-stop': true,
    'capture-limit': 1024 * 1024,
    'working-directory': '',
    env: [],
    upload: [],
    download: [],
    'command-timeout': 600_000,
  });
});

test('pairs, sizes, heredoc env values and masking', () => {
  const secrets = new SecretRegistry();
  const inputs = read(
    {
      upload: 'dist:/srv/app/public\nC:\\build\\app.tar:releases/app.tar',
      download: 'logs/app.log:~/app/log/production.log',
      'capture-limit': '64 KiB',
      env: 'A=1\nKEY<<EOT\n-----BEGIN-----\nabc\nEOT\nB=x=y',
    },
    secrets,
  );
  expect(inputs.upload).toEqual([
    { local: 'dist', remote: '/srv/app/public' },
    { local: 'C:\\build\\app.tar', remote: 'releases/app.tar' },
  ]);
  expect(inputs.download).toEqual([{ local: 'logs/app.log', remote: '~/app/log/production.log' }]);
  expect(inputs['capture-limit']).toBe(65536);
  expect(inputs.env).toEqual([
    ['A', '1'],
    ['KEY', '-----BEGIN-----\nabc'],
    ['B', 'x=y'],
  ]);
  expect(secrets.redact('key -----BEGIN-----\nabc and x=y')).toBe('key *** and ***');
});

const bad: BadInput[] = [
  ['hosts', { hosts: 'a b' }, /Input 'hosts' must be/],
  ['user', { user: 'de ploy' }, /Input 'user' must be a user name/],
  ['port', { port: '70000' }, /Input 'port' must be an integer 1-65535/],
  ['ssh-key', { 'ssh-key': '', password: '' }, /Set 'ssh-key'/],
  ['ssh-key-passphrase', { 'ssh-key-passphrase': 'p' }, /passphrase/],
  ['password', { password: '', 'ssh-key': '' }, /Set 'ssh-key' \(recommended\) or 'password'/],
  ['host-fingerprint', { 'host-fingerprint': 'md5:xx' }, /Input 'host-fingerprint'/],
  ['known-hosts', { 'known-hosts': 'garbage' }, /Input 'known-hosts'/],
  ['insecure-skip-host-key-check', { 'insecure-skip-host-key-check': 'yes' }, /true or false/],
  ['proxy-jump', { 'proxy-jump': 'a b' }, /Input 'proxy-jump' must be/],
  ['connect-timeout', { 'connect-timeout': '0s' }, /Input 'connect-timeout' must be a duration/],
  ['command-timeout', { 'command-timeout': 'soon' }, /Input 'command-timeout' must be a duration/],
  ['max-parallel', { 'max-parallel': '0' }, /Input 'max-parallel' must be an integer 1-1000/],
  ['fail-fast', { 'fail-fast': 'maybe' }, /Input 'fail-fast' must be true or false/],
  ['script', { script: '  ' }, /Input 'script' is required/],
  ['script-stop', { 'script-stop': 'no' }, /Input 'script-stop' must be true or false/],
  ['shell', { shell: 'zsh' }, /Input 'shell' must be one of sh, bash/],
  [
    'working-directory',
    { 'working-directory': 'app/../../etc' },
    /Input 'working-directory' must be a path without/,
  ],
  ['working-directory', { 'working-directory': '-rf' }, /Input 'working-directory' must be a path without/],
  ['working-directory', { 'working-directory': 'a\nb' }, /Input 'working-directory' must be a path without/],
  ['env', { env: '1A=x' }, /Input 'env' must be KEY=VALUE lines/],
  ['env', { env: 'A=1\nA=2' }, /each KEY once/],
  ['env', { env: 'A<<EOF\nx' }, /Input 'env': A<<EOF has no closing line EOF/],
  ['upload', { upload: 'dist' }, /Input 'upload' must be local:remote lines/],
  ['upload', { upload: 'dist:../x' }, /Input 'upload' must be local:remote lines/],
  ['upload', { upload: 'dist:-x' }, /Input 'upload' must be local:remote lines/],
  ['download', { download: ':x' }, /Input 'download' must be local:remote lines/],
  ['download', { download: 'x:a/../../b' }, /Input 'download' must be local:remote lines/],
  ['capture-limit', { 'capture-limit': '2MiB' }, /Input 'capture-limit' must be a size/],
  ['capture-limit', { 'capture-limit': 'lots' }, /Input 'capture-limit' must be a size/],
  ['allow-untrusted-event', { 'allow-untrusted-event': 'y' }, /true or false/],
];
testBadInputs(read, bad, Object.keys(spec.inputs));

test('a script is optional when there is something to transfer', () => {
  expect(read({ script: '', upload: 'a:b' }).script).toBe('');
});

describe('the stdin records, read by the remote runner under dash', () => {
  /**
   * Runs RUN_SCRIPT locally with `sh` = dash, printing the environment it builds and the script.
   * Stdin stays open until it exits, as the SSH channel's does: its end would stop the script.
   */
  async function decode(
    env: Array<[string, string]>,
    script: string,
  ): Promise<{ code: number | null; stdout: string }> {
    const argv = scriptArgv('dk-ssh-run', RUN_SCRIPT, ['sh', '', 'stop']);
    const child = spawn('/usr/bin/dash', argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.write(runPayload(env, script));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    return { code, stdout };
  }

  test('values arrive byte-exact, whatever they hold', async () => {
    const values = ["it's $(echo no) `echo no` \\n", 'line 1\nline 2\n\n', '', 'x'.repeat(5000), '   '];
    const env = values.map((v, i): [string, string] => [`V${i}`, v]);
    const script = values.map((_v, i) => `printf '[%s]' "$V${i}"`).join('\n');
    expect(await decode(env, script)).toEqual({ code: 0, stdout: values.map((v) => `[${v}]`).join('') });
  });

  test('the script is run as a file, and stops at its first failing line', async () => {
    expect(await decode([], 'echo one\nfalse\necho two')).toEqual({ code: 1, stdout: 'one\n' });
    expect(await decode([], 'echo "$0" | grep -c dk-run')).toEqual({ code: 0, stdout: '1\n' });
  });
});
