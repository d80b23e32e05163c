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
  // ssh2's optional native add-ons: loaded with try/catch at run time, pure-JS fallbacks otherwise.
  external: ['cpu-features', '*.node'],
  // age-encryption's AEAD through OpenSSL (packages/backup/src/chacha-openssl.ts says why).
  alias: { '@noble/ciphers/chacha.js': './packages/backup/src/chacha-openssl.ts' },
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins and read __dirname; ESM has neither.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      // var, not const: a bundled ES module may declare these names itself (@azure/storage-common does).
      'var require = __createRequire(import.meta.url);',
      'var __filename = __fileURLToPath(import.meta.url);',
      'var __dirname = __pathDirname(__filename);',
    ].join('\n'),
  },
});
writeFileSync(join(root, 'dist/package.json'), '{ "type": "module" }\n');
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(`built ${Object.keys(entryPoints).length} entries, ${outputs.length} files`);
