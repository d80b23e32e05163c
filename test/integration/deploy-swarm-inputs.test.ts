// Bad input to deploy-swarm: one clear line naming the input, before any connection (a real sshd
// counts them), and nothing executed. Compose files, variables, and the files configs and secrets
// are made from are checked on the runner.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { injectionStrings, settledConnections } from '../support/injections.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { startSshd, type Sshd } from '../support/sshd.js';
import { makeTempDir } from '../support/tempdir.js';

let sshd: Sshd;
const outer = makeTempDir('swarm-inputs');
const work = join(outer.path, 'workspace');
const marker = '/tmp/dk-swarm-injection-marker';
const injections = injectionStrings(marker);

beforeAll(async () => {
  sshd = await startSshd();
  mkdirSync(work);
  writeFileSync(
    join(work, 'compose.yaml'),
    'services:\n  web:\n    image: ${IMAGE:-registry.example/web:1}\n',
  );
  writeFileSync(join(outer.path, 'outside.yaml'), 'services:\n  web:\n    image: web:1\n');
  writeFileSync(join(outer.path, 'secret.txt'), 'not yours\n');
  writeFileSync(join(work, 'manifest.json'), '{"web": "web:1"}');
});
afterAll(async () => {
  await sshd.stop();
  outer.remove();
});

function deploy(inputs: Record<string, string>, files: Record<string, string> = {}): Promise<RunResult> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
  return runBundle('deploy-swarm', {
    inputs: {
      hosts: `${sshd.user}@${sshd.host}:${sshd.port}`,
      'ssh-key': sshd.privateKey,
      'host-fingerprint': sshd.fingerprint,
      stack: 'shop',
      version: 'v1',
      ...inputs,
    },
    env: { GITHUB_WORKSPACE: work },
  });
}

// The compose file of a case is in its inputs under the pseudo-key FILE (none: a good one): a
// row of test.each must not carry an optional fourth item, which jest would pass as `done`.
const FILE = '__compose';
const file = (text: string): Record<string, string> => ({ [FILE]: text });
const cases: Array<[string, Record<string, string>, RegExp]> = [
  ...injections.map((v): [string, Record<string, string>, RegExp] => [
    'stack',
    { stack: v },
    /^Input 'stack' must be a stack name/,
  ]),
  ['stack', { stack: 'Shop' }, /^Input 'stack' must be a stack name/],
  ['stack', { stack: '' }, /^Input 'stack' is required/],
  ...injections.map((v): [string, Record<string, string>, RegExp] => [
    'version',
    { version: v },
    /^Input 'version' must be letters, digits/,
  ]),
  ...injections.map((v): [string, Record<string, string>, RegExp] => [
    'deploy-path',
    { 'deploy-path': `~/${v}` },
    /^Input 'deploy-path' must be an absolute path, or one under '~\/'/,
  ]),
  ['deploy-path', { 'deploy-path': 'relative/dir' }, /^Input 'deploy-path' must be an absolute path/],
  ...injections.map((v): [string, Record<string, string>, RegExp] => [
    'hosts',
    { hosts: `root@${v}` },
    /^Input 'hosts' must be \[user@\]host\[:port\]/,
  ]),
  [
    'compose-file',
    { 'compose-file': '../outside.yaml' },
    /^Input 'compose-file': \.\.\/outside\.yaml is outside the workspace/,
  ],
  ['compose-file', { 'compose-file': '-rf' }, /^Input 'compose-file' must be one or more compose files/],
  [
    'compose-file',
    { 'compose-file': `a;touch ${marker}` },
    /^Input 'compose-file' must be one or more compose files/,
  ],
  [
    'compose-file',
    { 'compose-file': 'missing.yaml' },
    /^Input 'compose-file' must be one or more compose files/,
  ],
  ['compose-file', file('services: [\n'), /^Input 'compose-file': compose\.yaml is not valid YAML/],
  ['compose-file', file('version: "3.8"\n'), /^Input 'compose-file': no services/],
  [
    'compose-file',
    file('services:\n  "a;touch x":\n    image: web:1\n'),
    /^Input 'compose-file': service "a;touch x" is not compose service names/,
  ],
  [
    'compose-file',
    file('services:\n  web:\n    image: "Web:$$(id)"\n'),
    /^Input 'compose-file': service web: 'image' must be an image reference/,
  ],
  [
    'compose-file',
    file('services:\n  web:\n    build: .\n'),
    /^Input 'compose-file': service web has 'build' but no 'image'/,
  ],
  [
    'compose-file',
    file('services:\n  web:\n    image: web:1\nsecrets:\n  db:\n    file: ../secret.txt\n'),
    /^Input 'compose-file': secret db reads \.\.\/secret\.txt, which is not a file inside the workspace/,
  ],
  [
    'compose-file',
    file('services:\n  web:\n    image: web:1\nconfigs:\n  app:\n    content: x\n'),
    /^Input 'compose-file': config app needs 'file'/,
  ],
  [
    'compose-file',
    file('services:\n  web:\n    image: ${IMAGE:?build it first}\n'),
    /compose\.yaml: services\.web\.image: required variable IMAGE is not set: build it first/,
  ],
  ['compose-file', file('services:\n  web:\n    image: "${IMAGE"\n'), /invalid interpolation "\$\{IMAGE"/],
  ['env', { env: `1A=x` }, /^Input 'env' must be KEY=VALUE lines/],
  ['env', { env: `A B=x` }, /^Input 'env' must be KEY=VALUE lines/],
  ['env', { env: `A=1\nA=2` }, /^Input 'env' must be KEY=VALUE lines.*each KEY once/],
  [
    'image-manifest',
    { 'image-manifest': 'manifest.json' },
    /^Input 'image-manifest': entry "web" is not a reference pinned to a digest/,
  ],
  ['image-manifest', { 'image-manifest': 'nope.json' }, /^Input 'image-manifest' must be a JSON file/],
  ['registry', { registry: `reg;touch ${marker}` }, /^Input 'registry' must be a registry host\[:port\]/],
  [
    'registry-username',
    { registry: 'r.example', 'registry-username': 'a b', 'registry-password': 'pw-not-short' },
    /^Input 'registry-username' must be a registry user name/,
  ],
  [
    'registry-password',
    { registry: 'r.example', 'registry-username': 'me' },
    /^Inputs 'registry-username' and 'registry-password' go together/,
  ],
  [
    'registry',
    { 'registry-username': 'me', 'registry-password': 'pw-not-short' },
    /^Input 'registry' is required/,
  ],
  ['prune', { prune: 'yes' }, /^Input 'prune' must be true or false/],
  ['timeout', { timeout: '1s' }, /^Input 'timeout' must be a duration.*between 10s and/],
  [
    'health-url',
    { 'health-url': 'ftp://x' },
    /^Input 'health-url' must be a URL starting with http:\/\/ or https:\/\//,
  ],
  ['health-interval', { 'health-interval': '1x' }, /^Input 'health-interval' must be a duration/],
  [
    'health-timeout',
    { 'health-timeout': '10ms' },
    /^Input 'health-timeout' must be a duration.*between 1s and/,
  ],
  [
    'health-success-threshold',
    { 'health-success-threshold': '0' },
    /^Input 'health-success-threshold' must be an integer 1-100/,
  ],
  [
    'health-expect-status',
    { 'health-expect-status': '2xx' },
    /^Input 'health-expect-status' must be HTTP status codes/,
  ],
  [
    'health-expect-body',
    { 'health-expect-body': '/[/' },
    /^Input 'health-expect-body' must be a substring, or a valid \/regex\/flags/,
  ],
  [
    'health-expect-version',
    { 'health-expect-version': '1;rm' },
    /^Input 'health-expect-version' must be letters, digits/,
  ],
  [
    'rollback-on-failure',
    { 'rollback-on-failure': 'maybe' },
    /^Input 'rollback-on-failure' must be true or false/,
  ],
  ['lock-timeout', { 'lock-timeout': 'x' }, /^Input 'lock-timeout' must be a duration/],
  [
    'allow-untrusted-event',
    { 'allow-untrusted-event': 'sure' },
    /^Input 'allow-untrusted-event' must be true or false/,
  ],
  ['command-timeout', { 'command-timeout': 'forever' }, /^Input 'command-timeout' must be a duration/],
  ['connect-timeout', { 'connect-timeout': '1d' }, /^Input 'connect-timeout' must be a duration/],
  ['user', { user: 'root;id' }, /^Input 'user' must be a user name/],
  ['port', { port: '0' }, /^Input 'port' must be an integer 1-65535/],
  ['proxy-jump', { 'proxy-jump': `b;touch ${marker}` }, /^Input 'proxy-jump' must be \[user@\]host\[:port\]/],
  ['host-fingerprint', { 'host-fingerprint': 'MD5:aa' }, /^Input 'host-fingerprint' must be SHA256:/],
  [
    'known-hosts',
    { 'host-fingerprint': '', 'known-hosts': 'nonsense' },
    /^Input 'known-hosts' must be known_hosts lines/,
  ],
  [
    'insecure-skip-host-key-check',
    { 'insecure-skip-host-key-check': 'TRUE' },
    /^Input 'insecure-skip-host-key-check' must be true or false/,
  ],
  [
    'on-rollback-command',
    { 'on-rollback-command': 'echo back', 'rollback-on-failure': 'false' },
    /^Input 'on-rollback-command' runs after a failed deploy re-deployed the previous version, which 'rollback-on-failure: false' turns off$/,
  ],
  ['ssh-key', { 'ssh-key': 'not a key' }, /ssh-key/],
  ['ssh-key-passphrase', { 'ssh-key': '', password: 'pw', 'ssh-key-passphrase': 'x' }, /passphrase/],
  ['password', { 'ssh-key': '', password: '' }, /Set 'ssh-key' \(recommended\) or 'password'/],
];

const good = 'services:\n  web:\n    image: ${IMAGE:-registry.example/web:1}\n';

test.each(cases)('%s: %j', async (_input, given, message) => {
  const { [FILE]: compose = good, ...inputs } = given;
  const before = await settledConnections(sshd);
  const result = await deploy(inputs, { 'compose.yaml': compose });
  expect(result.exitCode).toBe(1);
  const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  expect(errors[0]?.slice('::error::'.length)).toMatch(message);
  expect(await settledConnections(sshd)).toBe(before);
  expect(existsSync(marker)).toBe(false);
  expect(result.outputs).toEqual({});
});

test('every input of deploy-swarm/action.yml has a bad value above', async () => {
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const { repoRoot } = await import('../support/paths.js');
  const spec = parse(readFileSync(join(repoRoot, 'deploy-swarm', 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  // Shell commands the user writes for the manager: any text is a command. They reach it as one
  // argv item of sh -c, never spliced into a script (deploy-swarm-hooks.test.ts runs them).
  const freeForm = ['migrate-command', 'post-switch-command', 'on-failure-command'];
  const covered = new Set([...cases.map(([input]) => input), ...freeForm]);
  expect(Object.keys(spec.inputs).filter((i) => !covered.has(i))).toEqual([]);
});

test('a host that is no swarm manager (plain sshd, no docker) fails clearly after connecting', async () => {
  const result = await deploy({}, { 'compose.yaml': good });
  expect(result.exitCode).toBe(1);
  expect(result.log).toMatch(/No reachable swarm manager in 'hosts': 127\.0\.0\.1:\d+: /);
});
