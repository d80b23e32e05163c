// The repository stands on its own: nothing under test/, scripts/ or bench/ reads outside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { makeTempDir } from '../support/tempdir.js';

interface Checker {
  outsideReferences: (root: string, dirs?: string[]) => string[];
}
const { outsideReferences } = (await import(
  join(repoRoot, 'scripts', 'check-self-contained.mjs')
)) as Checker;

test('no file under test/, scripts/ or bench/ refers to a path above the repository root', () => {
  expect(outsideReferences(repoRoot)).toEqual([]);
});

test('control: the check finds each form of a reference outside the root', () => {
  const temp = makeTempDir('self-contained');
  try {
    mkdirSync(join(temp.path, 'test', 'support'), { recursive: true });
    // Written from pieces, so this file itself holds no such reference.
    const up = ['.', '.'].join('');
    const shared = ['sha', 'red'].join('');
    writeFileSync(
      join(temp.path, 'test', 'support', 'paths.ts'),
      [
        `export const a = new URL('${up}/${up}/${up}/${shared}/', import.meta.url);`,
        `export const b = join(__dirname, '${up}', '${up}', '${up}', 'data');`,
        `export const ok = join(__dirname, '${up}', 'fixtures');`,
        `export const c = '/work/${shared}/fixtures';`,
      ].join('\n'),
    );
    expect(outsideReferences(temp.path, ['test'])).toEqual([
      `test/support/paths.ts:1: ${up}/${up}/${up}/${shared}/`,
      `test/support/paths.ts:1: ${shared}/`,
      `test/support/paths.ts:2: '${up}', '${up}', '${up}'`,
      `test/support/paths.ts:4: ${shared}/`,
    ]);
  } finally {
    temp.remove();
  }
});
