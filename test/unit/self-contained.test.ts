// The repository stands on its own: nothing under test/, scripts/ or bench/ reads outside it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
        `export const d = join(root, '${up}', 'data');`,
      ].join('\n'),
    );
    expect(outsideReferences(temp.path, ['test'])).toEqual([
      `test/support/paths.ts:1: ${up}/${up}/${up}/${shared}/`,
      `test/support/paths.ts:1: ${shared}/`,
      `test/support/paths.ts:2: '${up}', '${up}', '${up}'`,
      `test/support/paths.ts:4: ${shared}/`,
      `test/support/paths.ts:5: root, ${up}`,
    ]);
  } finally {
    temp.remove();
  }
});

test('every document the code cites is in the repository', () => {
  const cited = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'fixtures', 'results'].includes(entry.name)) walk(path);
      } else if (/\.(?:[cm]?[jt]s)$|^[a-z-]+$/.test(entry.name)) {
        for (const m of readFileSync(join(repoRoot, path), 'utf8').matchAll(
          /\b(docs\/[\w-]+\.md|[A-Z][A-Z_]+\.md)\b/g,
        ))
          cited.set(m[1]!, path);
      }
    }
  };
  for (const dir of ['packages', 'actions', 'test', 'scripts', 'bench']) walk(dir);
  const missing = [...cited].filter(
    ([doc]) => !existsSync(join(repoRoot, doc)) && !existsSync(join(repoRoot, 'test', 'fixtures', doc)),
  );
  expect(missing).toEqual([]);
  expect([...cited.keys()]).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/testbed.md']));
});
