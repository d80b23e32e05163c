// The compose project env file as deploy-ssh renders it, read back by the real podman-compose (its
// python-dotenv parser and interpolation): every accepted value arrives byte-exact; the rest is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeEnvValueProblem, renderComposeEnvFile } from '@deploy-kit/release';
import { run } from '../support/procs.js';
import { makeTempDir } from '../support/tempdir.js';

const temp = makeTempDir('compose-env');
afterAll(() => temp.remove());

const ACCEPTED = [
  'plain-1.2:3',
  'C:\\dir\\file',
  'say "hi"',
  '$HOME and $PATH',
  'a#b # not a comment',
  'two  spaces',
  '50% off',
  'p@ss word $x #1',
  '',
];

/**
 * What podman-compose would pass the container for each value (its dry run prints the podman
 * command): one env file holding them all, each key V<i> followed by an end marker Z<i>, as a
 * real env file holds many keys. One dry run for all, since each costs seconds of CPU.
 */
async function readBack(values: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(temp.path, 'case-'));
  const keys = values.flatMap((_, i) => [`V${i}`, `Z${i}`]);
  const environment = keys.map((key) => `      ${key}: "\${${key}}"\n`).join('');
  writeFileSync(
    join(dir, 'compose.yaml'),
    `services:\n  app:\n    image: localhost/none\n    environment:\n${environment}`,
  );
  const entries = values.flatMap((value, i): Array<[string, string]> => [
    [`V${i}`, value],
    [`Z${i}`, `end-marker-${i}`],
  ]);
  writeFileSync(join(dir, '.env'), renderComposeEnvFile({}, 'v1', entries).replace(/^VERSION=.*\n/, ''));
  const result = await run('podman-compose', ['--dry-run', '-f', 'compose.yaml', 'up', '-d'], { cwd: dir });
  const line = result.stdout.split('\n').find((l) => l.includes(' -e Z0=end-marker-0')) ?? '';
  return values.map((_, i) => {
    const [from, to] = [` -e V${i}=`, ` -e Z${i}=end-marker-${i}`];
    const start = line.indexOf(from);
    const stop = line.indexOf(to);
    if (start < 0 || stop < start)
      throw new Error(`podman-compose passed no V${i}: ${result.stdout}${result.stderr}`);
    return line.slice(start + from.length, stop);
  });
}

let accepted: string[];
beforeAll(async () => {
  accepted = await readBack(ACCEPTED);
}, 120_000);

test.each(ACCEPTED.map((value, i) => [value, i] as const))(
  'accepted and read back byte-exact: %j',
  (value, i) => {
    expect(composeEnvValueProblem(value)).toBeUndefined();
    expect(accepted[i]).toBe(value);
  },
);

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
  const [doubled, expanded] = await readBack(['a\\\\b', 'x ${PATH}']);
  expect(doubled).not.toBe('a\\\\b');
  expect(expanded).not.toBe('x ${PATH}');
});
