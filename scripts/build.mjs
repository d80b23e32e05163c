// Bundles every action (actions/<name>/index.ts → dist/<name>/index.js) and the CLI in one esbuild
// run: ESM, shared chunks with content-hashed (deterministic) names, readable output, sourcemaps.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entryPoints = {};
for (const name of readdirSync(join(root, 'actions')).sort()) {
  const entry = join(root, 'actions', name, 'index.ts');
  if (existsSync(entry)) entryPoints[`${name}/index`] = entry;
}
entryPoints['cli/index'] = join(root, 'packages/cli/src/index.ts');

rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'));
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
  minify: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins; ESM output has no require of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
writeFileSync(join(root, 'dist/package.json'), '{ "type": "module" }\n');
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(`built ${Object.keys(entryPoints).length} entries, ${outputs.length} files`);
