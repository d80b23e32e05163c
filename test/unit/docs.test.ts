// The README tables are generated from action.yml (npm run docs): current now, and the check
// notices when they drift.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { makeTempDir } from '../support/tempdir.js';

const check = (root?: string) =>
  spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts', 'docs.mjs'), '--check', ...(root ? ['--root', root] : [])],
    {
      encoding: 'utf8',
    },
  );

test('every action README has current Inputs and Outputs tables', () => {
  const result = check();
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
});

test('control: a description changed in action.yml makes the README stale', () => {
  const temp = makeTempDir('docs');
  try {
    mkdirSync(join(temp.path, 'trivy-scan'));
    copyFileSync(join(repoRoot, '.prettierrc.json'), join(temp.path, '.prettierrc.json'));
    cpSync(join(repoRoot, 'trivy-scan', 'README.md'), join(temp.path, 'trivy-scan', 'README.md'));
    const yml = readFileSync(join(repoRoot, 'trivy-scan', 'action.yml'), 'utf8');
    writeFileSync(
      join(temp.path, 'trivy-scan', 'action.yml'),
      yml.replace('Reported CRITICAL findings.', 'Critical ones.'),
    );
    expect(check(temp.path).status).toBe(1);
    expect(check(temp.path).stderr).toContain('trivy-scan/README.md');
  } finally {
    temp.remove();
  }
});
