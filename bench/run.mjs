// npm run bench [name ...]: runs the named benchmarks (all when none named), one after another.
// TypeScript benchmarks share the test bed's helpers; esbuild bundles each before it runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root } from './lib.mjs';

const all = readdirSync(join(root, 'bench'))
  .filter((f) => /\.(mjs|ts)$/.test(f) && !['run.mjs', 'lib.mjs'].includes(f))
  .sort();
const byName = new Map(all.map((f) => [f.replace(/\.(mjs|ts)$/, ''), f]));
const chosen = process.argv.length > 2 ? process.argv.slice(2) : [...byName.keys()];
let failed = 0;
for (const name of chosen) {
  const file = byName.get(name);
  if (!file) throw new Error(`Unknown benchmark ${name}; known: ${[...byName.keys()].join(', ')}`);
  let script = join(root, 'bench', file);
  if (file.endsWith('.ts')) {
    mkdirSync(join(root, '.tmp/bench'), { recursive: true });
    const out = join(root, '.tmp/bench', `${name}.mjs`);
    await build({
      entryPoints: [script],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      tsconfig: join(root, 'tsconfig.json'),
      packages: 'external',
      alias: Object.fromEntries(
        readdirSync(join(root, 'packages')).map((p) => [
          `@deploy-kit/${p}`,
          join(root, 'packages', p, 'src/index.ts'),
        ]),
      ),
      logLevel: 'warning',
    });
    script = out;
  }
  console.log(`\n### ${name}`);
  const result = spawnSync(process.execPath, [script], {
    stdio: 'inherit',
    env: { ...process.env, DEPLOY_KIT_ROOT: root },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
