import {
  buildArgv,
  computeTags,
  ghaScope,
  IMAGE_NAME,
  loginArgv,
  mergeLabels,
  ociLabels,
  pushArgv,
  sanitizeTag,
  type BuildSpec,
  type TagContext,
} from '@deploy-kit/image';

const sha = '860c1904a1ce19322e91ac35af1ab07466440c37';
const ctx = (over: Partial<TagContext>): TagContext => ({
  eventName: 'push',
  ref: 'refs/heads/main',
  sha,
  defaultBranch: 'main',
  ...over,
});

describe('computeTags (as docker/metadata-action)', () => {
  test.each<[string, Partial<TagContext>, string[], string]>([
    ['push to the default branch', {}, ['main', 'sha-860c190', 'latest'], 'main'],
    [
      'push to another branch, sanitised',
      { ref: 'refs/heads/feature/Login#2' },
      ['feature-Login-2', 'sha-860c190'],
      'feature-Login-2',
    ],
    [
      'stable semver tag',
      { ref: 'refs/tags/v1.2.3' },
      ['1.2.3', '1.2', '1', 'sha-860c190', 'latest'],
      '1.2.3',
    ],
    [
      'pre-release tag: the full version only, no latest',
      { ref: 'refs/tags/v1.2.3-rc.1' },
      ['1.2.3-rc.1', 'sha-860c190'],
      '1.2.3-rc.1',
    ],
    ['0.x tag: no bare 0', { ref: 'refs/tags/v0.4.1' }, ['0.4.1', '0.4', 'sha-860c190', 'latest'], '0.4.1'],
    ['non-semver tag', { ref: 'refs/tags/release-7' }, ['release-7', 'sha-860c190'], 'release-7'],
    [
      'pull request',
      { eventName: 'pull_request', ref: 'refs/pull/12/merge', pullRequestNumber: 12 },
      ['pr-12', 'sha-860c190'],
      'pr-12',
    ],
    ['no default branch known: no latest', { defaultBranch: undefined }, ['main', 'sha-860c190'], 'main'],
  ])('%s', (_name, over, tags, version) => {
    expect(computeTags(ctx(over), { latest: 'auto', extra: [] })).toEqual({ tags, version });
  });

  test('latest forced on or off; extra tags appended once; invalid extra tags never emitted', () => {
    expect(
      computeTags(ctx({ ref: 'refs/heads/dev' }), { latest: 'true', extra: ['edge', 'edge'] }).tags,
    ).toEqual(['dev', 'sha-860c190', 'edge', 'latest']);
    expect(computeTags(ctx({}), { latest: 'false', extra: [] }).tags).toEqual(['main', 'sha-860c190']);
    expect(computeTags(ctx({}), { latest: 'false', extra: ['-bad', 'a b'] }).tags).toEqual([
      'main',
      'sha-860c190',
    ]);
  });

  test('sanitizeTag keeps the tag alphabet and 128 characters', () => {
    expect(sanitizeTag('.-x/y')).toBe('x-y');
    expect(sanitizeTag('a'.repeat(200))).toHaveLength(128);
  });

  test.each(['ghcr.io/acme/app', '127.0.0.1:5000/app', 'app', 'registry.example.com:443/a/b_c-d'])(
    'image name %s accepted',
    (n) => expect(IMAGE_NAME.test(n)).toBe(true),
  );
  test.each(['ghcr.io/Acme/App', 'app;rm', '$(id)', '-app', 'app:tag', '../app', 'a\nb'])(
    'image name %j refused',
    (n) => expect(IMAGE_NAME.test(n)).toBe(false),
  );
});

test('OCI labels, with the user overriding one', () => {
  const auto = ociLabels({
    serverUrl: 'https://github.com',
    repository: 'acme/app',
    sha,
    createdIso: '2026-01-01T00:00:00.000Z',
    version: '1.2.3',
  });
  expect(auto).toEqual({
    'org.opencontainers.image.created': '2026-01-01T00:00:00.000Z',
    'org.opencontainers.image.revision': sha,
    'org.opencontainers.image.version': '1.2.3',
    'org.opencontainers.image.source': 'https://github.com/acme/app',
    'org.opencontainers.image.title': 'app',
  });
  expect(
    mergeLabels(auto, [
      ['org.opencontainers.image.title', 'shop'],
      ['team', 'web'],
    ]),
  ).toContainEqual(['org.opencontainers.image.title', 'shop']);
});

describe('argv builders', () => {
  const base: BuildSpec = {
    engine: 'docker',
    context: '.',
    refs: ['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest'],
    labels: [['a', 'b c']],
    platforms: [],
    buildArgs: [],
    secrets: [],
    cache: { kind: 'none' },
    push: true,
    metadataFile: '/tmp/meta.json',
  };
  test.each<[string, Partial<BuildSpec>, string[]]>([
    [
      'docker push',
      {},
      [
        'docker',
        'buildx',
        'build',
        '--tag',
        'ghcr.io/acme/app:1.2.3',
        '--tag',
        'ghcr.io/acme/app:latest',
        '--label',
        'a=b c',
        '--metadata-file',
        '/tmp/meta.json',
        '--push',
        '.',
      ],
    ],
    [
      'docker load, file, target, platforms, build args, secret by file',
      {
        push: false,
        refs: ['app:x'],
        labels: [],
        file: 'Dockerfile.prod',
        target: 'runtime',
        platforms: ['linux/amd64', 'linux/arm64'],
        buildArgs: [['NODE', '20']],
        secrets: [{ id: 'npm', file: '/run/s/npm' }],
      },
      [
        'docker',
        'buildx',
        'build',
        '--file',
        'Dockerfile.prod',
        '--tag',
        'app:x',
        '--platform',
        'linux/amd64,linux/arm64',
        '--build-arg',
        'NODE=20',
        '--secret',
        'id=npm,src=/run/s/npm',
        '--target',
        'runtime',
        '--metadata-file',
        '/tmp/meta.json',
        '--load',
        '.',
      ],
    ],
    [
      'docker gha cache',
      { refs: ['app:x'], labels: [], cache: { kind: 'gha', scope: 'app-linux-amd64' } },
      [
        'docker',
        'buildx',
        'build',
        '--tag',
        'app:x',
        '--cache-from',
        'type=gha,scope=app-linux-amd64',
        '--cache-to',
        'type=gha,mode=max,scope=app-linux-amd64',
        '--metadata-file',
        '/tmp/meta.json',
        '--push',
        '.',
      ],
    ],
    [
      'docker registry cache',
      { refs: ['app:x'], labels: [], cache: { kind: 'registry', ref: 'app:buildcache' } },
      [
        'docker',
        'buildx',
        'build',
        '--tag',
        'app:x',
        '--cache-from',
        'type=registry,ref=app:buildcache',
        '--cache-to',
        'type=registry,ref=app:buildcache,mode=max',
        '--metadata-file',
        '/tmp/meta.json',
        '--push',
        '.',
      ],
    ],
    [
      'podman',
      { engine: 'podman', refs: ['app:x'], labels: [], secrets: [{ id: 's', file: '/f' }] },
      [
        'podman',
        'build',
        '--tag',
        'app:x',
        '--secret',
        'id=s,src=/f',
        '--layers',
        '--iidfile',
        '/tmp/meta.json',
        '.',
      ],
    ],
  ])('%s', (_name, over, argv) => expect(buildArgv({ ...base, ...over })).toEqual(argv));

  test('push, login with the password on stdin, gha scope', () => {
    expect(pushArgv('r/app:1', '/tmp/d')).toEqual(['podman', 'push', '--digestfile', '/tmp/d', 'r/app:1']);
    expect(loginArgv('docker', 'ghcr.io', 'bot')).toEqual([
      'docker',
      'login',
      '--username',
      'bot',
      '--password-stdin',
      'ghcr.io',
    ]);
    expect(ghaScope('ghcr.io/acme/app', 'linux/arm64')).toBe('ghcr.io-acme-app-linux-arm64');
  });
});
