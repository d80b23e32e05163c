/** Renders KEY=VALUE pairs as a file `sh` can source (`set -a; . file`): every value single-quoted. */
export function renderEnvFile(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${key}='${value.replace(/'/g, `'\\''`)}'\n`).join('');
}
