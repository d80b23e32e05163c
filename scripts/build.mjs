// Bundles every action and the CLI with esbuild: ESM, readable output, sourcemaps, in two passes.
//
// 1. The run: actions/<name>/main.ts → dist/<name>/main.js, with shared chunks (content-hashed,
//    deterministic names) in dist/chunks, and what the entries load on demand in dist/lib.
// 2. The entries: actions/<name>/index.ts → dist/<name>/index.js, one file each, holding the
//    runner protocol and the input checks; it imports ./main.js only once the inputs are valid.
//    The CLI (dist/cli/index.js) likewise imports an action's main.js when it is asked for it.
//
// Why two: an entry's checks spread over a dozen shared chunks cost a module load each before the
// first line of output; in one file they cost one (bench/results/startup.md). The price is a second
// copy of the checks and of packages/core in the entry; core's errors are branded so that an error
// made by one copy is an instance in the other (packages/core/src/errors.ts).
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

const root = new URL('..', import.meta.url).pathname;
const actions = readdirSync(join(root, 'actions'))
  .sort()
  .filter((name) => existsSync(join(root, 'actions', name, 'index.ts')));
const runEntries = Object.fromEntries(
  actions.map((name) => [`${name}/main`, join(root, 'actions', name, 'main.ts')]),
);
/** Packages an entry's checks load on demand (deploy-swarm's and compose blue-green's YAML). */
const shared = { yaml: 'lib/yaml' };
for (const [name, out] of Object.entries(shared)) runEntries[out] = require.resolve(name);
const entryPoints = Object.fromEntries(
  actions.map((name) => [`${name}/index`, join(root, 'actions', name, 'index.ts')]),
);
entryPoints['cli/index'] = join(root, 'packages/cli/src/index.ts');

/**
 * Our packages run nothing when loaded, so a module whose exports a bundle does not use is left out
 * of it, as package.json's `sideEffects: false` would do. Without this, an input check imported
 * through a package's index pulls every module of the package, and their Node built-ins, into the
 * chunk the entry loads first (bench/results/startup.md).
 */
const ours = new RegExp(`^${root}(packages|actions)/`);
const sideEffectFree = {
  name: 'side-effect-free-packages',
  setup(bundler) {
    bundler.onResolve({ filter: /^(@deploy-kit\/|\.)/ }, async (args) => {
      if (args.pluginData === sideEffectFree) return undefined;
      const resolved = await bundler.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: sideEffectFree,
      });
      if (resolved.errors.length > 0 || !ours.test(resolved.path)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/**
 * Node built-ins imported by our own modules come through `require` (the banner's), not as ES
 * modules: an ES import of a built-in builds a module facade, reading every export, which for
 * node:fs loads fs/promises and readline (bench/results/startup.md). Only plain data exports are
 * re-exported, so no lazy getter runs at load; a name that is not one fails the build.
 */
const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(bundler) {
    bundler.onResolve({ filter: /^node:/ }, (args) =>
      // Side-effect free: a built-in whose exports a bundle leaves unused is not loaded at all.
      ours.test(args.importer) ? { path: args.path, namespace: 'builtin', sideEffects: false } : undefined,
    );
    bundler.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const module = require(args.path);
      const names = Object.entries(Object.getOwnPropertyDescriptors(module))
        .filter(([name, d]) => 'value' in d && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
        .map(([name]) => name);
      return {
        contents: [
          `const m = require(${JSON.stringify(args.path)});`,
          'export default m;',
          ...names.map((name) => `export const ${name} = m.${name};`),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/** An entry's `./main.js` stays an import of the run bundle pass 1 wrote beside it. */
const runExternal = {
  name: 'run-external',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\/main\.js$/ }, (args) =>
      args.importer.endsWith('/index.ts') ? { path: './main.js', external: true } : undefined,
    );
    // The CLI's actions: dist/cli/index.js → dist/<name>/main.js.
    bundler.onResolve({ filter: /\/actions\/[\w-]+\/main\.js$/ }, (args) => ({
      path: `../${args.path.split('/').at(-2)}/main.js`,
      external: true,
    }));
    bundler.onResolve({ filter: /^[\w@]/ }, (args) =>
      args.path in shared ? { path: `../${shared[args.path]}.js`, external: true } : undefined,
    );
  },
};

const common = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
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
      // var, not const: a bundled ES module may declare these names itself (@azure/storage-common does).
      'var require = __createRequire(import.meta.url);',
      "var __filename = require('node:url').fileURLToPath(import.meta.url);",
      "var __dirname = require('node:path').dirname(__filename);",
    ].join('\n'),
  },
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'));
const run = await build({
  ...common,
  entryPoints: runEntries,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [sideEffectFree, builtinsThroughRequire],
});
const entries = await build({
  ...common,
  entryPoints,
  splitting: false,
  plugins: [runExternal, sideEffectFree, builtinsThroughRequire],
});
writeFileSync(join(root, 'dist/package.json'), '{ "type": "module" }\n');

// An entry holds the checks, not the run: a dependency package in it is a static import gone astray.
for (const [file, output] of Object.entries(entries.metafile.outputs)) {
  const packages = Object.keys(output.inputs).filter((input) => input.startsWith('node_modules/'));
  if (packages.length > 0 && !packages.every((input) => input.startsWith('node_modules/proxy-from-env/')))
    throw new Error(`${file} bundles ${packages.join(', ')}: import it where the run needs it`);
}
const outputs = [run, entries]
  .flatMap((r) => Object.keys(r.metafile.outputs))
  .filter((f) => f.endsWith('.js'));
console.log(`built ${actions.length} actions and the CLI, ${outputs.length} files`);
