// Shared helpers for benchmarks: timing, statistics and Markdown reports in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Bundled TypeScript benchmarks run from .tmp/bench/, so run.mjs passes the repository root.
export const root = process.env.DEPLOY_KIT_ROOT ?? fileURLToPath(new URL('..', import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;

export function machine() {
  return `Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** Writes bench/results/<name>.md and prints it. */
export function report(name, title, lines) {
  const text = [`# ${title}`, '', `Run ${new Date().toISOString()} on ${machine()}.`, '', ...lines, ''].join(
    '\n',
  );
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results', `${name}.md`), text);
  process.stdout.write(`${text}\n`);
}

/** `value`, or a thrown Error naming what was missing: a benchmark stops loudly on a surprise. */
export function must(value, what) {
  if (value === undefined || value === null) throw new Error(`bench: ${what} is missing`);
  return value;
}
