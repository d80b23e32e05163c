// The compose project env file as deploy-ssh renders it, read back by the real podman-compose (its
// python-dotenv parser and interpolation): every accepted value arrives byte-exact; the rest is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeEnvValueProblem, renderComposeEnvFile } from '@deploy-kit/release';
import { run } from '../support/procs.js';
import { makeTempDir } from '../support/tempdir.js';

const temp = makeTempDir('compose-env');
afterAll(() => temp.remove());

const COMPOSE =
  'services:\n  app:\n    image: localhost/none\n    environment:\n      V: "${V}"\n      Z: "${Z}"\n';

/** What podman-compose would pass the container for V (its dry run prints the podman command). */
async function readBack(value: string): Promise<string> {
  const dir = mkdtempSync(join(temp.path, 'case-'));
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(
    join(dir, '.env'),
    renderComposeEnvFile({}, 'v1', [
      ['V', value],
      ['Z', 'end-marker'],
    ]).replace(/^VERSION=.*\n/, ''),
  );
  const result = await run('podman-compose', ['--dry-run', '-f', 'compose.yaml', 'up', '-d'], { cwd: dir });
  const line = result.stdout.split('\n').find((l) => l.includes(' -e Z=end-marker')) ?? '';
  const start = line.indexOf(' -e V=');
  if (start < 0) throw new Error(`podman-compose passed no V: ${result.stdout}${result.stderr}`);
  return line.slice(start + ' -e V='.length, line.indexOf(' -e Z=end-marker'));
}

test.each([
  'plain-1.2:3',
  'C:\\dir\\file',
  'say "hi"',
  '$HOME and $PATH',
  'a#b # not a comment',
  'two  spaces',
  '50% off',
  'p@ss word $x #1',
  '',
])('accepted and read back byte-exact: %j', async (value) => {
  expect(composeEnvValueProblem(value)).toBeUndefined();
  expect(await readBack(value)).toBe(value);
});

test.each([
  ['C:\\dir\\', /a backslash at its end/],
  ['a\\\\b', /two backslashes in a row/],
  ["it's $HOME", /a single quote/],
  ['two\nlines', /a line break/],
  ['${PATH}', /compose would expand it/],
])('refused: %j', (value, problem) => {
  expect(composeEnvValueProblem(value)).toMatch(problem);
});

test('control: the refused values do not survive the round trip', async () => {
  // Written as the old renderer did, single-quoted as is.
  expect(await readBack('a\\\\b')).not.toBe('a\\\\b');
  expect(await readBack('x ${PATH}')).not.toBe('x ${PATH}');
});
