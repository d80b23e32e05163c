// Bad input to deploy-ssh: rejected with one line before any connection, or delivered byte-exact
// without being executed. Secrets: nowhere in logs, outputs, summary, or remote process argv.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '@deploy-kit/core';
import { keyMessages, sshMessages } from '@deploy-kit/ssh';
import { get } from '../support/load.js';
import { runOk } from '../support/procs.js';
import { assertNoSecret, sampleCommandLines } from '../support/secrets.js';
import { injectionStrings, settledConnections } from '../support/injections.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

let host: TargetHost;
beforeAll(async () => {
  host = await startTargetHost();
});
afterAll(async () => {
  await host.stop();
});

const marker = '/tmp/dk-injection-marker';
const injections = injectionStrings(marker);

const connections = (): Promise<number> => settledConnections(host.sshd);

describe('remote-bound inputs with injection strings are rejected before connecting', () => {
  const cases: Array<[string, string, RegExp]> = [
    ...injections.map((v): [string, string, RegExp] => [
      'app',
      v,
      /^Input 'app' must be a name of lower-case letters/,
    ]),
    ...injections.map((v): [string, string, RegExp] => [
      'version',
      v,
      /^Input 'version' must be letters, digits and \. _ \+ -/,
    ]),
    ...injections.map((v): [string, string, RegExp] => [
      'deploy-path',
      `/srv/${v}`,
      /^Input 'deploy-path' must be an absolute path/,
    ]),
    ...injections.map((v): [string, string, RegExp] => [
      'shared-paths',
      v,
      /^Input 'shared-paths' must be relative paths|^Input 'shared-paths' must be/,
    ]),
    ...injections.map((v): [string, string, RegExp] => [
      'hosts',
      `root@${v}`,
      /^Input 'hosts' must be \[user@\]host\[:port\]/,
    ]),
    ['hosts', '-oProxyCommand=touch /tmp/x', /^Input 'hosts' must be/],
    ['ports', '3001;touch /tmp/x,3002', /^Input 'ports' must be one port/],
    ['ports', '3001,3001', /^Input 'ports' must be one port/],
    ['ports', '99999,3002', /^Input 'ports' must be one port/],
    ['env', `BAD KEY=1`, /^Input 'env' must be KEY=VALUE lines/],
    ['env', `$(touch ${marker})=1`, /^Input 'env' must be KEY=VALUE lines/],
    ['user', 'root;id', /^Input 'user' must be a user name/],
    ['port', '22a', /^Input 'port' must be an integer 1-65535, got "22a"$/],
    ['proxy-jump', `bastion;touch ${marker}`, /^Input 'proxy-jump' must be \[user@\]host\[:port\]/],
    ['health-path', 'health', /^Input 'health-path' must be a path starting with '\/'/],
    ['host-fingerprint', 'SHA256:short', /^Input 'host-fingerprint' must be SHA256:/],
    ['known-hosts', 'not a known hosts line', /^Input 'known-hosts' must be known_hosts lines/],
    ['connect-timeout', '1d', /^Input 'connect-timeout' must be a duration/],
    ['command-timeout', 'forever', /^Input 'command-timeout' must be a duration/],
    ['max-parallel', '0', /^Input 'max-parallel' must be an integer 1-1000, got "0"$/],
    ['fail-fast', 'yes', /^Input 'fail-fast' must be true or false, got "yes"$/],
    ['insecure-skip-host-key-check', 'TRUE', /^Input 'insecure-skip-host-key-check' must be true or false/],
    ['mode', 'swarm', /^Input 'mode' must be one of release, container, compose, got "swarm"$/],
    ['keep-releases', '0', /^Input 'keep-releases' must be an integer 1-100/],
    ['strategy', 'rolling', /^Input 'strategy' must be blue-green or in-place/],
    ['proxy', 'apache', /^Input 'proxy' must be one of nginx, caddy, haproxy, none, got "apache"$/],
    ...injections.map((v): [string, string, RegExp] => [
      'haproxy-socket',
      `/run/${v}`,
      /^Input 'haproxy-socket' must be an absolute path/,
    ]),
    ['haproxy-socket', 'admin.sock', /^Input 'haproxy-socket' must be an absolute path/],
    ['haproxy-socket', '-/admin.sock', /^Input 'haproxy-socket' must be an absolute path/],
    ...injections.map((v): [string, string, RegExp] => [
      'caddy-admin',
      `localhost:2019${v}`,
      /^Input 'caddy-admin' must be host:port \(e\.g\. localhost:2019\), unix\/\/<absolute path>, or off/,
    ]),
    ['caddy-admin', 'localhost', /^Input 'caddy-admin' must be host:port/],
    ['caddy-admin', 'localhost:70000', /^Input 'caddy-admin' must be host:port/],
    ['caddy-admin', '-oProxyCommand=x:1', /^Input 'caddy-admin' must be host:port/],
    ['caddy-admin', 'unix/run/caddy.sock', /^Input 'caddy-admin' must be host:port/],
    ['caddy-admin', 'unix//run/../etc/caddy.sock', /^Input 'caddy-admin' must be host:port/],
    ['drain', 'long', /^Input 'drain' must be a duration/],
    ['stop-timeout', '-1s', /^Input 'stop-timeout' must be a duration/],
    ['stop-timeout', '0', /^Input 'stop-timeout' must be a duration.*between 1s and 10m/],
    [
      'stop-timeout',
      '600',
      /^Input 'stop-timeout' must be a duration at least 5s shorter than 'command-timeout', got "600"$/,
    ],
    ['health-check', 'no', /^Input 'health-check' must be true or false/],
    ['health-url', 'ftp://x', /^Input 'health-url' must be a URL starting with http:\/\/ or https:\/\//],
    ['health-interval', '1x', /^Input 'health-interval' must be a duration/],
    ['health-timeout', '10ms', /^Input 'health-timeout' must be a duration.*between 1s and/],
    ['health-success-threshold', '0', /^Input 'health-success-threshold' must be an integer 1-100/],
    ['health-expect-status', '2xx', /^Input 'health-expect-status' must be HTTP status codes/],
    [
      'health-expect-body',
      '/[/',
      /^Input 'health-expect-body' must be a substring, or a valid \/regex\/flags/,
    ],
    ['health-expect-version', '1;rm', /^Input 'health-expect-version' must be letters, digits/],
    ['soak', 'a while', /^Input 'soak' must be a duration/],
    ['rollback-on-failure', 'maybe', /^Input 'rollback-on-failure' must be true or false/],
    ['lock-timeout', 'x', /^Input 'lock-timeout' must be a duration/],
    ['break-stale-lock-after', '5s', /^Input 'break-stale-lock-after' must be a duration.*between 1m and/],
    [
      'source',
      'does-not-exist',
      /^Input 'source' must be an existing directory or tarball, got "does-not-exist"$/,
    ],
    ['allow-untrusted-event', 'sure', /^Input 'allow-untrusted-event' must be true or false/],
    ['start-command', '', /^Input 'start-command' is required: the command that starts the app/],
    ['proxy-test-command', '', /^Input 'proxy-test-command' is required/],
    ['proxy-reload-command', '', /^Input 'proxy-reload-command' is required/],
    ['migrate-host', 'db1.example.com', /^Input 'migrate-host' needs 'migrate-command'/],
    ['upload-compression', 'zstd', /^Input 'upload-compression' must be one of none, gzip, got "zstd"$/],
  ];
  test.each(cases)('%s = %j', async (input, value, message) => {
    const before = await connections();
    const result = await host.deploy('v1', { [input]: value });
    expect(result.exitCode).toBe(1);
    const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.slice('::error::'.length)).toMatch(message);
    expect(await connections()).toBe(before);
    expect(existsSync(marker)).toBe(false);
    expect(result.outputs).toEqual({});
  });

  test('hook inputs: migrate-host must be one of the hosts', async () => {
    const before = await connections();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { 'migrate-command': 'npm run migrate', 'migrate-host': `${host.sshd.host}:2222` },
        /^Input 'migrate-host' must be one of the hosts in 'hosts', got "127\.0\.0\.1:2222"$/,
      ],
      [
        { 'migrate-command': 'true', 'migrate-host': `root@${injections[0] ?? ''}` },
        /^Input 'migrate-host' must be \[user@\]host\[:port\]/,
      ],
    ];
    for (const [overrides, expected] of cases) {
      const result = await host.deploy('v1', overrides);
      expect(result.exitCode).toBe(1);
      const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
      expect(errors.map((e) => e.slice('::error::'.length))).toEqual([expect.stringMatching(expected)]);
    }
    expect(await connections()).toBe(before);
  });

  test('key and credential mistakes are named before connecting', async () => {
    const before = await connections();
    const pub = readFileSync(`${host.sshd.privateKeyPath}.pub`, 'utf8');
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'ssh-key': pub }, keyMessages.publicKey()],
      [{ 'ssh-key': '', password: '' }, sshMessages.noCredentials()],
      [{ 'host-fingerprint': '' }, sshMessages.noHostKeyPolicy()],
      [{ 'known-hosts': host.sshd.knownHostsLine }, sshMessages.bothHostKeyInputs()],
      [{ 'ssh-key-passphrase': 'x', 'ssh-key': '', password: 'pw' }, keyMessages.passphraseWithoutKey()],
      [
        { app: '' },
        messages.requiredInput(
          'app',
          'a name of lower-case letters, digits and _ . - (starting with a letter or digit, at most 64)',
        ),
      ],
    ];
    for (const [overrides, expected] of cases) {
      const result = await host.deploy('v1', overrides);
      expect(result.exitCode).toBe(1);
      expect(result.log).toContain(`::error::${expected}`);
    }
    expect(await connections()).toBe(before);
  });
});

test('env values with injection strings are delivered byte-exact and never executed', async () => {
  const values = injections.concat([`it's "quoted" \\ back\\slash`, 'multi\nline\nvalue', '$HOME ${PATH}']);
  const env = values.map((v, i) => `V${i}=${v.replace(/\n/g, '\\n')}`).join('\n');
  // Newlines inside a value cannot be expressed in KEY=VALUE lines; the literal \n arrives as typed.
  const result = await host.deploy('inj1', { env });
  expect(result.exitCode).toBe(0);
  const seen = JSON.parse((await get(`${host.nginx.url}/env`)).body) as Record<string, string>;
  values.forEach((v, i) => expect(seen[`V${i}`]).toBe(v.replace(/\n/g, '\\n')));
  expect(existsSync(marker)).toBe(false);
});

test('secrets appear nowhere: log, outputs, summary, files left behind, or any process argv on the host', async () => {
  const secretValue = 'sup3r-s3cret-env-value-7f3a';
  const keyLine = host.sshd.privateKey.split('\n')[1]!;
  const sampler = sampleCommandLines();
  // The build step sees the secret in its environment and lasts long enough to be sampled for sure
  // (a one-line remote command now takes a few milliseconds, shorter than one sampling sweep).
  const result = await host.deploy('sec1', { env: `API_KEY=${secretValue}`, 'build-command': 'sleep 0.5' });
  const samples = await sampler.stop();
  expect(result.exitCode).toBe(0);
  // The sampler did see the deploy's remote commands, so an argv leak would have been caught.
  expect([...samples].some((c) => c.includes('sleep 0.5'))).toBe(true);
  for (const secret of [secretValue, keyLine]) {
    assertNoSecret(result.log, secret, 'log');
    assertNoSecret(result.summary, secret, 'summary');
    assertNoSecret(JSON.stringify(result.outputs), secret, 'outputs');
    expect([...samples].filter((c) => c.includes(secret))).toEqual([]);
  }
  // The env file is the one place the value lives: 0600, under .deploy-kit/env.
  const grep = await runOk('grep', ['-rl', secretValue, host.deployPath]).catch(() => '');
  expect(grep.trim().split('\n').filter(Boolean)).toEqual([
    join(host.deployPath, '.deploy-kit', 'env', 'sec1.env'),
  ]);
});
