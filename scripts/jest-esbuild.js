// Jest transformer: TypeScript → ESM with esbuild (already our bundler), inline sourcemaps for
// stack traces. Type checking is tsc's job (npm run typecheck), not the test runner's.
import { transformSync } from 'esbuild';

export default {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
