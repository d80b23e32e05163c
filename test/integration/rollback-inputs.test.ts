// Bad input to rollback: one clear line before any connection; free text (reason) delivered
// byte-exact into the history without being executed.
import { existsSync } from 'node:fs';
import { injectionStrings, settledConnections } from '../support/injections.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';
import { assertNoSecret } from '../support/secrets.js';

let host: TargetHost;
beforeAll(async () => {
  host = await startTargetHost('rbin');
  for (const v of ['v1', 'v2']) expect((await host.deploy(v)).exitCode).toBe(0);
});
afterAll(async () => {
  await host.stop();
});

const marker = '/tmp/dk-rollback-injection-marker';
const injections = injectionStrings(marker);

const connections = (): Promise<number> => settledConnections(host.sshd);

const cases: Array<[string, string, RegExp]> = [
  ...injections.map((v): [string, string, RegExp] => [
    'app',
    v,
    /^Input 'app' must be a name of lower-case letters/,
  ]),
  ...injections.map((v): [string, string, RegExp] => [
    'to',
    v,
    /^Input 'to' must be letters, digits and \. _ \+ -/,
  ]),
  ...injections.map((v): [string, string, RegExp] => [
    'deploy-path',
    `/srv/${v}`,
    /^Input 'deploy-path' must be an absolute path/,
  ]),
  ...injections.map((v): [string, string, RegExp] => [
    'hosts',
    `root@${v}`,
    /^Input 'hosts' must be \[user@\]host\[:port\]/,
  ]),
  ['reason', `rollback\ntouch ${marker}`, /^Input 'reason' must be one line of at most 500 characters/],
  ['reason', 'x'.repeat(501), /^Input 'reason' must be one line of at most 500 characters/],
  ['list', 'yes', /^Input 'list' must be true or false/],
  ['user', 'root;id', /^Input 'user' must be a user name/],
  ['port', '0', /^Input 'port' must be an integer 1-65535/],
  ['proxy-jump', `b;touch ${marker}`, /^Input 'proxy-jump' must be \[user@\]host\[:port\]/],
  ['host-fingerprint', 'MD5:aa', /^Input 'host-fingerprint' must be SHA256:/],
  ['known-hosts', 'nonsense', /^Input 'known-hosts' must be known_hosts lines/],
  ['insecure-skip-host-key-check', '1', /^Input 'insecure-skip-host-key-check' must be true or false/],
  ['connect-timeout', 'soon', /^Input 'connect-timeout' must be a duration/],
  ['command-timeout', '-1s', /^Input 'command-timeout' must be a duration/],
  ['max-parallel', 'all', /^Input 'max-parallel' must be an integer 1-1000/],
  ['fail-fast', 'no', /^Input 'fail-fast' must be true or false/],
  ['health-path', 'health', /^Input 'health-path' must be a path starting with '\/'/],
  ['health-check', 'off', /^Input 'health-check' must be true or false/],
  ['health-url', 'javascript:alert(1)', /^Input 'health-url' must be a URL/],
  ['health-interval', '0', /^Input 'health-interval' must be a duration/],
  ['health-timeout', '1h1m', /^Input 'health-timeout' must be a duration/],
  ['health-success-threshold', '101', /^Input 'health-success-threshold' must be an integer 1-100/],
  ['health-expect-status', '600', /^Input 'health-expect-status' must be HTTP status codes/],
  ['health-expect-body', '/(/', /^Input 'health-expect-body' must be a substring, or a valid/],
  ['health-expect-version', '$(id)', /^Input 'health-expect-version' must be letters, digits/],
  ['drain', '5 s', /^Input 'drain' must be a duration/],
  ['stop-timeout', '$(id)', /^Input 'stop-timeout' must be a duration/],
  ['stop-timeout', '20m', /^Input 'stop-timeout' must be a duration.*between 1s and 10m/],
  [
    'stop-timeout',
    '10m',
    /^Input 'stop-timeout' must be a duration at least 5s shorter than 'command-timeout'/,
  ],
  ['soak', '7h', /^Input 'soak' must be a duration/],
  ['lock-timeout', 'never', /^Input 'lock-timeout' must be a duration/],
  ['break-stale-lock-after', '1s', /^Input 'break-stale-lock-after' must be a duration.*between 1m and/],
  ['allow-untrusted-event', 'TRUE', /^Input 'allow-untrusted-event' must be true or false/],
];

test.each(cases)('%s = %j is rejected before connecting, changing nothing', async (input, value, message) => {
  const before = { connections: await connections(), history: host.history().length };
  const result = await host.rollback({ [input]: value });
  expect(result.exitCode).toBe(1);
  const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]!.slice('::error::'.length)).toMatch(message);
  expect({ connections: await connections(), history: host.history().length }).toEqual(before);
  expect(existsSync(marker)).toBe(false);
  expect(host.current()).toBe('v2');
});

test('a reason with shell metacharacters is recorded byte-exact and never executed; no secret in the output', async () => {
  const reason = `checkout 500s; touch ${marker} $(touch ${marker}) \`touch ${marker}\` "quotes" 'single' ../ -rf`;
  const result = await host.rollback({ reason }, { env: { GITHUB_RUN_ID: '777001' } });
  expect(result.exitCode).toBe(0);
  expect(host.current()).toBe('v1');
  expect(host.history().at(-1)).toMatchObject({ event: 'rollback', version: 'v1', reason });
  expect(existsSync(marker)).toBe(false);
  const keyLine = host.sshd.privateKey.split('\n')[1]!;
  assertNoSecret(result.log, keyLine, 'log');
  assertNoSecret(result.summary, keyLine, 'summary');
  assertNoSecret(JSON.stringify(result.outputs), keyLine, 'outputs');
});
