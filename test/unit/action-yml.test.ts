// Every action.yml: valid metadata, one runtime, kebab-case names, shared inputs identical, and
// the inputs the code reads exactly the inputs it declares.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { repoRoot, fixturesDir } from '../support/paths.js';
import type { ActionYaml } from '../support/runner.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const actionNames = readdirSync(repoRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(repoRoot, d.name, 'action.yml')))
  .map((d) => d.name)
  .sort();
const withRoot = [...actionNames, ...(existsSync(join(repoRoot, 'action.yml')) ? [''] : [])];
const load = (name: string): ActionYaml & Record<string, unknown> =>
  parse(readFileSync(join(repoRoot, name, 'action.yml'), 'utf8')) as ActionYaml & Record<string, unknown>;

/** Input names read by actions/<name>/inputs.ts: the first string argument of every reader call. */
export function inputsReadBy(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/\bread\s*\.(?:\w+)\(\s*'([^']+)'/g)) names.add(match[1]!);
  return names;
}

test('there are actions to check', () => {
  expect(actionNames).toContain('health-gate');
});

describe.each(withRoot.map((n) => [n || '(root)', n]))('%s/action.yml', (_label, name) => {
  const spec = load(name);

  test('is valid against the SchemaStore github-action schema', () => {
    const schema = JSON.parse(
      readFileSync(join(fixturesDir, 'schemas/github-action.json'), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(spec) ? [] : validate.errors).toEqual([]);
  });

  test('runs node24 from its committed bundle', () => {
    expect(spec.runs.using).toBe('node24');
    const bundleName = name || 'deploy';
    expect(spec.runs.main).toBe(name ? `../dist/${bundleName}/index.js` : `dist/${bundleName}/index.js`);
    expect(existsSync(join(repoRoot, name, spec.runs.main))).toBe(true);
  });

  test('input and output names are kebab-case and described', () => {
    for (const [input, def] of Object.entries(spec.inputs ?? {})) {
      expect(input).toMatch(KEBAB);
      expect(def.description?.length ?? 0).toBeGreaterThan(10);
      if (def.default !== undefined) expect(typeof def.default).toBe('string');
    }
    for (const output of Object.keys(spec.outputs ?? {})) expect(output).toMatch(KEBAB);
  });

  test('every input the code reads is declared, and every declared input is read', () => {
    let source = readFileSync(join(repoRoot, 'actions', name || 'deploy', 'inputs.ts'), 'utf8');
    // Input groups shared by several actions are read in their package.
    const release = ['packages/release/src/inputs.ts'];
    const groups: Record<string, string[]> = {
      'readSshInputs(': ['packages/ssh/src/fleet-inputs.ts', 'packages/ssh/src/inputs.ts'],
      'readSshConnectionInputs(': ['packages/ssh/src/inputs.ts'],
      'readAppInputs(': release,
      'readHealthInputs(': release,
      'readGateInputs(': ['packages/release/src/gate-inputs.ts'],
      'readSwitchInputs(': release,
      'readDeploySshInputs(': ['actions/deploy-ssh/inputs.ts'],
      'readContainerInputs(': ['actions/deploy-ssh/container-inputs.ts'],
    };
    // A group may call another group: expand until nothing new is added.
    const included = new Set<string>();
    for (let grew = true; grew;) {
      grew = false;
      for (const [call, paths] of Object.entries(groups)) {
        if (!source.includes(call)) continue;
        for (const file of paths.filter((f) => !included.has(f))) {
          included.add(file);
          source += readFileSync(join(repoRoot, file), 'utf8');
          grew = true;
        }
      }
    }
    const read = [...inputsReadBy(source)].sort();
    expect(read).toEqual(Object.keys(spec.inputs ?? {}).sort());
  });

  test('has a README listing every input and output', () => {
    const readme = readFileSync(join(repoRoot, name, 'README.md'), 'utf8');
    for (const key of [...Object.keys(spec.inputs ?? {}), ...Object.keys(spec.outputs ?? {})]) {
      expect(readme).toContain(`\`${key}\``);
    }
  });

  test('has a README saying which permissions it needs and how it handles secrets', () => {
    const readme = readFileSync(join(repoRoot, name, 'README.md'), 'utf8');
    expect(readme).toMatch(/^(## )?Permissions and security\b/m);
    expect(readme).toMatch(/`permissions: [{a-z]/);
  });
});

/**
 * The action.yml files name these inputs for two meanings (public API, kept as written): build-image's
 * `password` logs in to a registry where the SSH actions' authenticates to a host, and its `image`
 * lists names to build where deploy-ssh's is the one reference to deploy.
 */
const DESIGN_HOMONYMS: Record<string, string[]> = {
  password: ['build-image'],
  image: ['build-image'],
  // The public API names db-backup's `engine` (postgres, mysql, …) as build-image's (docker, podman).
  engine: ['db-backup'],
  // The issues name it: how long Trivy (10m) or the dump (1h) may take; health-gate's bounds the gate.
  timeout: ['trivy-scan', 'db-backup', 'deploy-swarm'],
  // deploy-swarm's hosts are managers, its compose files, env and registry inputs serve a stack
  // rendered on the runner, its deploy-path holds stacks/ (default ~/.deploy-kit): "Swarm - …".
  hosts: ['deploy-swarm'],
  'compose-file': ['deploy-swarm'],
  env: ['deploy-swarm', 'ssh-run'],
  // ssh-run's deadline and parallelism are per script run, not per deploy step.
  'command-timeout': ['ssh-run'],
  'max-parallel': ['ssh-run'],
  'image-manifest': ['deploy-swarm'],
  registry: ['deploy-swarm'],
  'registry-username': ['deploy-swarm'],
  'registry-password': ['deploy-swarm'],
  'health-url': ['deploy-swarm'],
  'rollback-on-failure': ['deploy-swarm'],
  'deploy-path': ['deploy-swarm', 'rollback'],
  // deploy-swarm's hooks run on the manager in the stack's directory, not in a release on each host.
  'migrate-command': ['deploy-swarm'],
  'post-switch-command': ['deploy-swarm'],
  'on-failure-command': ['deploy-swarm'],
  'on-rollback-command': ['deploy-swarm'],
  // rollback's mode picks what is rolled back (release or swarm), deploy-ssh's what is deployed.
  mode: ['rollback'],
};

test('inputs shared by several actions are defined identically', () => {
  const seen = new Map<string, { action: string; def: unknown }>();
  const differences: string[] = [];
  for (const name of withRoot) {
    for (const [input, def] of Object.entries(load(name).inputs ?? {})) {
      if (DESIGN_HOMONYMS[input]?.includes(name)) continue;
      const first = seen.get(input);
      if (!first) seen.set(input, { action: name || '(root)', def });
      // Same name, same meaning and default; whether it is required may differ (hosts in health-gate).
      else if (
        JSON.stringify({ ...(first.def as object), required: 0 }) !== JSON.stringify({ ...def, required: 0 })
      ) {
        differences.push(`${input}: ${first.action} vs ${name || '(root)'}`);
      }
    }
  }
  expect(differences).toEqual([]);
});

test('control: the input scanner sees reader calls and nothing else', () => {
  const names = inputsReadBy(
    `read.string('app', {}); read.duration(\n  'lock-timeout'); other.string('x'); read.list("y")`,
  );
  expect([...names]).toEqual(['app', 'lock-timeout']);
});
