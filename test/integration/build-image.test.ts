// build-image with engine podman for real: podman builds, pushes to a real registry (Debian's
// docker-registry), and the digest output is the registry's own (skopeo inspect).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPodman, engineEnv, startRegistry, type Podman, type Registry } from '../support/podman.js';
import { runOk } from '../support/procs.js';
import { runBundle, type RunOptions, type RunResult } from '../support/runner.js';
import { assertNoSecret } from '../support/secrets.js';

let podman: Podman;
let registry: Registry;
let env: Record<string, string>;
let workspaceSource: string;

beforeAll(async () => {
  [podman, registry] = await Promise.all([createPodman(), startRegistry()]);
  // The action runs plain `podman`: point it at the test's storage, engine settings and registry.
  env = engineEnv(podman, registry);
  workspaceSource = join(podman.dir, 'app');
  mkdirSync(workspaceSource, { recursive: true });
  copyFileSync('/bin/busybox', join(workspaceSource, 'busybox'));
  writeFileSync(join(workspaceSource, 'index.html'), 'hello\n');
  writeFileSync(
    join(workspaceSource, 'Containerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nCOPY index.html /www/index.html\nENTRYPOINT ["/bin/busybox", "httpd", "-f", "-h", "/www"]\n',
  );
});
afterAll(async () => {
  await registry.stop();
  await podman.remove();
});

const SHA = '0123456789abcdef0123456789abcdef01234567';

function build(inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  return runBundle('build-image', {
    ...options,
    inputs: { engine: 'podman', context: workspaceSource, ...inputs },
    env: { ...env, ...options.env },
  });
}

async function skopeo(args: string[]): Promise<Record<string, unknown>> {
  return JSON.parse(
    await runOk('skopeo', [...args.slice(0, 1), '--tls-verify=false', ...args.slice(1)]),
  ) as Record<string, unknown>;
}

test('push to the default branch: tags, OCI labels, and the digest the registry serves', async () => {
  const image = `${registry.address}/acme/web`;
  const result = await build(
    { image, labels: 'team=web\norg.opencontainers.image.title=storefront' },
    { env: { GITHUB_REF: 'refs/heads/main' }, event: { repository: { default_branch: 'main' } } },
  );
  expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
    exit: 0,
    log: '',
  });
  expect(result.outputs.tags!.split('\n')).toEqual([
    `${image}:main`,
    `${image}:sha-0123456`,
    `${image}:latest`,
  ]);
  const inspected = await skopeo(['inspect', `docker://${image}:main`]);
  expect(result.outputs.digest).toBe(inspected.Digest);
  expect(result.outputs['image-ref']).toBe(`${image}@${String(inspected.Digest)}`);
  const tags = await skopeo(['list-tags', `docker://${image}`]);
  expect([...(tags.Tags as string[])].sort()).toEqual(['latest', 'main', 'sha-0123456']);
  for (const tag of ['latest', 'sha-0123456'])
    expect((await skopeo(['inspect', `docker://${image}:${tag}`])).Digest).toBe(inspected.Digest);
  const config = await skopeo(['inspect', '--config', `docker://${image}:main`]);
  expect((config.config as { Labels: Record<string, string> }).Labels).toMatchObject({
    'org.opencontainers.image.revision': SHA,
    'org.opencontainers.image.source': 'https://github.com/acme/app',
    'org.opencontainers.image.version': 'main',
    'org.opencontainers.image.title': 'storefront',
    team: 'web',
  });
  expect(JSON.parse(result.outputs.metadata!)).toMatchObject({ pushed: true, digest: inspected.Digest });
  expect(result.summary).toMatch(/build-image .*: pushed/);
});

test('a v1.2.3 tag pushes 1.2.3, 1.2, 1 and latest; a pre-release only its own version', async () => {
  const image = `${registry.address}/acme/api`;
  expect((await build({ image }, { env: { GITHUB_REF: 'refs/tags/v1.2.3' } })).exitCode).toBe(0);
  expect((await build({ image }, { env: { GITHUB_REF: 'refs/tags/v2.0.0-rc.1' } })).exitCode).toBe(0);
  const tags = await skopeo(['list-tags', `docker://${image}`]);
  expect([...(tags.Tags as string[])].sort()).toEqual([
    '1',
    '1.2',
    '1.2.3',
    '2.0.0-rc.1',
    'latest',
    'sha-0123456',
  ]);
  const labels = (await skopeo(['inspect', '--config', `docker://${image}:2.0.0-rc.1`])).config as {
    Labels: Record<string, string>;
  };
  expect(labels.Labels['org.opencontainers.image.version']).toBe('2.0.0-rc.1');
});

test('a pull request builds pr-N and pushes nothing; manifest-name needs a pushed digest', async () => {
  const image = `${registry.address}/acme/pr`;
  const result = await build(
    { image, 'manifest-name': 'web' },
    {
      eventName: 'pull_request',
      env: { GITHUB_REF: 'refs/pull/12/merge' },
      event: {
        pull_request: {
          number: 12,
          head: { repo: { full_name: 'acme/app' } },
          base: { repo: { full_name: 'acme/app' } },
        },
      },
    },
  );
  expect(result.exitCode).toBe(0);
  expect(result.outputs.digest).toBe('');
  expect(result.outputs.tags!.split('\n')).toEqual([`${image}:pr-12`, `${image}:sha-0123456`]);
  await expect(skopeo(['list-tags', `docker://${image}`])).rejects.toThrow();
  const local = await podman.podman(['images', '--format', '{{.Repository}}:{{.Tag}}']);
  expect(local).toContain(`${image}:pr-12`);
});

test('the manifest for the deploy job holds the exact digest', async () => {
  const image = `${registry.address}/acme/worker`;
  const result = await build(
    { image, 'manifest-name': 'worker' },
    { env: { GITHUB_REF: 'refs/heads/main' } },
  );
  expect(result.exitCode).toBe(0);
  // The runner's temp dir is gone after the step in this harness; the output names the file written there.
  expect(result.outputs.manifest).toMatch(/deploy-kit-manifests\/worker\.json$/);
  expect(result.outputs['image-ref']).toMatch(
    new RegExp(`^${image.replace(/\./g, '\\.')}@sha256:[0-9a-f]{64}$`),
  );
});

test('capitals in the image name are folded with a warning', async () => {
  const result = await build(
    { image: `${registry.address}/Acme/Shop`, push: 'false' },
    { env: { GITHUB_REF: 'refs/heads/dev' } },
  );
  expect(result.exitCode).toBe(0);
  expect(result.log).toMatch(
    /::warning::Input 'image': '.*\/Acme\/Shop' has capitals; using '.*\/acme\/shop'/,
  );
});

describe('bad input: one clear line, nothing built', () => {
  const marker = '/tmp/dk-build-injection-marker';
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ image: `app; touch ${marker}` }, /^Input 'image' must be image names/],
    [{ image: `$(touch ${marker})` }, /^Input 'image' must be image names/],
    [{ image: '-app' }, /^Input 'image' must be image names/],
    [{ image: 'app', tags: `v1\ntouch ${marker}` }, /^Input 'tags' must be Docker tags/],
    [{ image: 'app', tags: '`id`' }, /^Input 'tags' must be Docker tags/],
    [{ image: 'app', context: '-rf' }, /^Input 'context' must be a path relative to the workspace/],
    [
      { image: 'app', file: `Containerfile\ntouch ${marker}` },
      /^Input 'file' must be a path relative to the workspace/,
    ],
    [{ image: 'app', engine: 'buildah' }, /^Input 'engine' must be one of docker, podman/],
    [
      { image: 'app', platforms: 'linux/amd64,linux/arm64' },
      /^Input 'platforms': podman builds one platform per run/,
    ],
    [{ image: 'app', platforms: 'amd64;rm' }, /^Input 'platforms' must be platforms like/],
    [{ image: 'app', cache: 'gha' }, /^Input 'cache': gha is a BuildKit cache/],
    [{ image: 'app', cache: 's3' }, /^Input 'cache' must be one of none, gha, registry/],
    [{ image: 'app', latest: 'yes' }, /^Input 'latest' must be one of auto, true, false/],
    [{ image: 'app', push: 'maybe' }, /^Input 'push' must be true or false/],
    [{ image: 'app', username: 'bot' }, /^Inputs 'username' and 'password' go together/],
    [{ image: 'app', registry: 'ghcr.io/$(id)' }, /^Input 'registry' must be a registry host/],
    [{ image: 'app', labels: 'bad key=1' }, /^Input 'labels' must be KEY=VALUE lines with KEY a label key/],
    [{ image: 'app', 'build-args': '1X=2' }, /^Input 'build-args' must be KEY=VALUE lines/],
    [
      { image: 'app', secrets: 'a-b=s3cr3t' },
      /^Input 'secrets' must be KEY=VALUE lines with KEY a secret id/,
    ],
    [{ image: 'app', target: 'a b' }, /^Input 'target' must be a build stage name/],
    [{ image: 'app', 'manifest-name': '../x' }, /^Input 'manifest-name' must be a file name/],
    [{ image: 'app', 'allow-untrusted-event': 'ok' }, /^Input 'allow-untrusted-event' must be true or false/],
  ];
  test.each(cases)('%j', async (inputs, message) => {
    const result = await build(inputs);
    expect(result.exitCode).toBe(1);
    const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.slice('::error::'.length)).toMatch(message);
    expect(result.log).not.toMatch(/\$ podman/);
    expect(existsSync(marker)).toBe(false);
    assertNoSecret(result.log, 's3cr3t', 'log');
  });
});
