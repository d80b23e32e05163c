#!/usr/bin/env node
// Fails when a file under test/, scripts/ or bench/ refers to a path above the repository root:
// the tests, the build, the demo and the benchmarks must run from a clone of this repository alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECKED = ['test', 'scripts', 'bench'];
const SKIPPED = new Set(['node_modules', 'fixtures', 'results']);
const self = fileURLToPath(import.meta.url);
const TEXT = /\.(?:[cm]?[jt]s|sh|json|md|ya?ml)$|^[^.]+$/;

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    if (SKIPPED.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(entry)) yield path;
  }
}

/** Each place in `dirs` (relative to `root`) that names a path outside `root`: `file:line: text`. */
export function outsideReferences(root, dirs = CHECKED) {
  const found = [];
  const outside = (target) => {
    const rel = relative(root, target);
    return rel === '..' || rel.startsWith(`..${sep}`);
  };
  for (const dir of dirs) {
    let paths;
    try {
      paths = [...files(join(root, dir))];
    } catch {
      continue;
    }
    for (const file of paths) {
      if (file === self) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        const hits = [];
        // A relative path in a string: '../x', "../../y", `../z`.
        for (const m of line.matchAll(/(['"`])((?:\.\.\/)+[^'"`\s]*)\1/g))
          if (outside(resolve(dirname(file), m[2]))) hits.push(m[2]);
        // join(root, '..', …): one level up from the repository root is outside it, wherever the
        // file that says so lives.
        if (/\b(?:root|repoRoot)\s*,\s*(['"])\.\.\1/.test(line)) hits.push('root, ..');
        // join(…, '..', '..') and the like: as many levels up from the file's own directory.
        for (const m of line.matchAll(/(?:(['"])\.\.\1\s*,\s*)+(?:['"]\.\.['"])?/g)) {
          const ups = (m[0].match(/\.\./g) ?? []).length;
          if (outside(resolve(dirname(file), ...Array(ups).fill('..'))))
            hits.push(m[0].replace(/\s*,\s*$/, ''));
        }
        // The sibling folders our own checkouts happen to have.
        if (/\.\.\/shared\b|\/work\/shared\b/.test(line)) hits.push('shared/');
        for (const hit of hits) found.push(`${relative(root, file)}:${index + 1}: ${hit}`);
      });
    }
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const found = outsideReferences(root);
  if (found.length > 0) {
    console.error(
      `These files refer to paths outside the repository (a clone has nothing there):\n${found.join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`no file under ${CHECKED.join('/, ')}/ refers to a path outside the repository`);
}
