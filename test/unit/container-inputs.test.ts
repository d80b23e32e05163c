import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputReader, SecretRegistry } from '@deploy-kit/core';
import { isImageReference } from '@deploy-kit/image';
import { composeEnvValueProblem, renderComposeEnvFile } from '@deploy-kit/release';
import { readComposeInputs, readContainerInputs } from '../../actions/deploy-ssh/container-inputs.js';
import { injectionStrings } from '../support/injections.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const defaults = { 'image-transfer': 'registry', engine: 'docker' };
const read = (values: Record<string, string>): InputReader =>
  new InputReader(
    (name) => (({ ...defaults, ...values }) as Record<string, string | undefined>)[name],
    new SecretRegistry(),
  );

test.each([
  ['ghcr.io/acme/shop@' + DIGEST, true],
  ['ghcr.io/acme/shop:1.2.3', true],
  ['127.0.0.1:5000/shop:v1@' + DIGEST, true],
  ['shop', true],
  ['ghcr.io/Acme/shop:1', false],
  ['shop:bad tag', false],
  ['shop@sha256:short', false],
  ['shop:-x', false],
])('isImageReference(%j) = %s', (ref, ok) => expect(isImageReference(ref)).toBe(ok));

describe('readContainerInputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dk-manifest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('image-manifest: the entry named after the app, or the only one', () => {
    const many = join(dir, 'many.json');
    writeFileSync(many, JSON.stringify({ web: `ghcr.io/a/web@${DIGEST}`, shop: `ghcr.io/a/shop@${DIGEST}` }));
    expect(readContainerInputs(read({ 'image-manifest': many }), 'container', 'shop')?.image).toBe(
      `ghcr.io/a/shop@${DIGEST}`,
    );
    const one = join(dir, 'one.json');
    writeFileSync(one, JSON.stringify({ worker: `ghcr.io/a/worker@${DIGEST}` }));
    expect(readContainerInputs(read({ 'image-manifest': one }), 'container', 'shop')?.image).toBe(
      `ghcr.io/a/worker@${DIGEST}`,
    );
    expect(() => readContainerInputs(read({ 'image-manifest': many }), 'container', 'api')).toThrow(
      /has web, shop; expected one entry, or one named 'api'/,
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ shop: 'ghcr.io/a/shop;id' }));
    expect(() => readContainerInputs(read({ 'image-manifest': bad }), 'container', 'shop')).toThrow(
      /Input 'image-manifest' must be an image reference/,
    );
  });

  test('run-args: one argv item per line, commas kept; the password registered as a secret', () => {
    const secrets = new SecretRegistry();
    const values: Record<string, string> = {
      ...defaults,
      image: 'shop:1',
      'run-args': '--memory=512m\n--label=a,b\n--ulimit\nnofile=1024:2048',
      'registry-username': 'bot',
      'registry-password': 'pw-123456',
    };
    const config = readContainerInputs(new InputReader((n) => values[n], secrets), 'container', 'shop');
    expect(config?.runArgs).toEqual(['--memory=512m', '--label=a,b', '--ulimit', 'nofile=1024:2048']);
    expect(secrets.redact('x pw-123456 y')).toBe('x *** y');
  });

  test('release mode: container inputs are refused, the rest ignored', () => {
    expect(readContainerInputs(read({}), 'release', 'shop')).toBeUndefined();
    expect(() => readContainerInputs(read({ image: 'shop:1' }), 'release', 'shop')).toThrow(
      /need 'mode: container'/,
    );
  });
});

describe('readComposeInputs', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dk-compose-'));
    file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: ${IMAGE}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const IN_PLACE = { strategy: 'in-place', ports: [], version: 'v1' } as const;
  const compose = (values: Record<string, string>, env: Array<[string, string]> = []) =>
    readComposeInputs(read(values), 'compose', 'shop', env, dir, IN_PLACE);

  test('the file (relative to the workspace), its SHA-256, services, the image from image or image-manifest', async () => {
    const config = await compose({
      'compose-file': 'compose.yaml',
      services: 'web, worker',
      image: `ghcr.io/a/shop@${DIGEST}`,
    });
    expect(config).toMatchObject({
      content: 'services:\n  web:\n    image: ${IMAGE}\n',
      services: ['web', 'worker'],
      engine: 'docker',
      image: `ghcr.io/a/shop@${DIGEST}`,
      registry: 'ghcr.io',
    });
    expect(config?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const manifest = join(dir, 'm.json');
    writeFileSync(manifest, JSON.stringify({ shop: `ghcr.io/a/shop@${DIGEST}` }));
    expect((await compose({ 'compose-file': file, 'image-manifest': manifest }))?.image).toBe(
      `ghcr.io/a/shop@${DIGEST}`,
    );
    expect((await compose({ 'compose-file': file }))?.image).toBeUndefined();
  });

  test.each([
    [{}, /Input 'compose-file' is required/],
    [{ 'compose-file': 'missing.yaml' }, /Input 'compose-file' must be a compose file/],
    [
      { 'compose-file': 'compose.yaml', services: 'web;id' },
      /Input 'services' must be compose service names/,
    ],
    [{ 'compose-file': 'compose.yaml', services: '-rm' }, /Input 'services' must be compose service names/],
    [{ 'compose-file': 'compose.yaml', image: 'Shop:1' }, /Input 'image' must be an image reference/],
    [
      { 'compose-file': 'compose.yaml', 'image-transfer': 'ssh' },
      /image-transfer' ssh is for mode container/,
    ],
    [{ 'compose-file': 'compose.yaml', engine: 'nerdctl' }, /Input 'engine' must be/],
    [
      { 'compose-file': 'compose.yaml', 'registry-username': 'bot', 'registry-password': 'x' },
      /Input 'registry' is required/,
    ],
  ] as Array<[Record<string, string>, RegExp]>)('bad compose input %j', async (values, message) => {
    await expect(
      (async () => {
        readContainerInputs(read(values), 'compose', 'shop');
        await compose(values);
      })(),
    ).rejects.toThrow(message);
  });

  test.each(injectionStrings('/tmp/dk-compose-marker'))(
    'services refuses the injection string %j',
    async (injection) => {
      await expect(compose({ 'compose-file': 'compose.yaml', services: injection })).rejects.toThrow(
        /Input 'services'/,
      );
    },
  );

  test("env: VERSION and IMAGE are deploy-ssh's; values compose would misread are refused", async () => {
    await expect(compose({ 'compose-file': 'compose.yaml' }, [['IMAGE', 'x']])).rejects.toThrow(
      /IMAGE is written by deploy-ssh/,
    );
    await expect(compose({ 'compose-file': 'compose.yaml' }, [['A', `it's $HOME`]])).rejects.toThrow(
      /value of A has a single quote/,
    );
    expect(composeEnvValueProblem('plain-1.2:3')).toBeUndefined();
    expect(composeEnvValueProblem('p@ss word $x #1')).toBeUndefined();
  });

  test('blue-green: the slot plan is made from the file and the ports, and a file that cannot run twice is refused', async () => {
    writeFileSync(
      join(dir, 'bg.yaml'),
      'services:\n  web:\n    image: ${IMAGE}\n    ports: ["127.0.0.1:${WEB_PORT}:8080"]\n  db:\n    image: postgres\n',
    );
    const blueGreen = { strategy: 'blue-green', ports: [3001, 3002], version: 'v7' } as const;
    const config = await readComposeInputs(
      read({ 'compose-file': 'bg.yaml' }),
      'compose',
      'shop',
      [],
      dir,
      blueGreen,
    );
    expect(config?.rollout).toMatchObject({
      strategy: 'blue-green',
      services: ['web'],
      inPlace: ['db'],
    });
    expect(config?.rollout.strategy === 'blue-green' && config.rollout.file).toContain('127.0.0.1:3002:8080');
    writeFileSync(
      join(dir, 'two.yaml'),
      'services:\n  a:\n    image: x\n    ports: ["80"]\n  b:\n    image: x\n    ports: ["81"]\n',
    );
    await expect(
      readComposeInputs(read({ 'compose-file': 'two.yaml' }), 'compose', 'shop', [], dir, blueGreen),
    ).rejects.toThrow(/Input 'services': blue-green compose fronts exactly one service/);
    expect((await compose({ 'compose-file': 'bg.yaml' }))?.rollout).toEqual({ strategy: 'in-place' });
  });

  test('release and container modes refuse compose-file and services', async () => {
    for (const mode of ['release', 'container'] as const)
      await expect(
        readComposeInputs(read({ services: 'web' }), mode, 'shop', [], dir, IN_PLACE),
      ).rejects.toThrow(/need 'mode: compose'/);
  });
});

test('the compose env file: VERSION, IMAGE, then env; bare when plain, single-quoted otherwise', () => {
  expect(
    renderComposeEnvFile({ image: `r/shop@${DIGEST}` }, 'v2', [
      ['PLAIN', 'a-b_c.1'],
      ['SPACED', 'p@ss word $x #1'],
      ['EMPTY', ''],
    ]),
  ).toBe(`VERSION=v2\nIMAGE=r/shop@${DIGEST}\nPLAIN=a-b_c.1\nSPACED='p@ss word $x #1'\nEMPTY=\n`);
});
