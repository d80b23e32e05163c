import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputReader, SecretRegistry } from '@deploy-kit/core';
import { isImageReference } from '@deploy-kit/image';
import { readContainerInputs } from '../../actions/deploy-ssh/container-inputs.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const defaults = { 'image-transfer': 'registry', engine: 'docker' };
const read = (values: Record<string, string>): InputReader =>
  new InputReader(
    (name) => ({ ...defaults, ...values })[name as keyof typeof defaults] ?? values[name],
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
