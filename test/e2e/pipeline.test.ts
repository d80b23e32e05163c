// The pipeline of workflows-examples/pipeline.yml run on the test bed, stage by stage, through the
// runner-contract harness on the committed bundles, each step fed the outputs of the one before:
// build-image (podman, real registry) → trivy-scan (stand-in printing real Trivy reports) →
// db-backup (real PostgreSQL, to a host over SSH) → the root action (deploy-ssh container mode on two
// hosts with their own network, podman and nginx; gate; automatic rollback) → health-gate →
// slack-notify (Slack stand-in) with the stage table built from `needs` as GitHub builds it.
//
// Three pipeline runs: v1 goes through; v2 carries a critical vulnerability and stops at the scan;
// v3 passes the scan but is broken, is rolled back on both hosts, and v1 keeps serving.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startPostgres, type Postgres } from '../support/databases.js';
import { startFleet, type Fleet } from '../support/fleet.js';
import { get } from '../support/load.js';
import { repoRoot } from '../support/paths.js';
import { writeAppContext } from '../support/container-target.js';
import { createPodman, engineEnv, startRegistry, type Podman, type Registry } from '../support/podman.js';
import { runOk } from '../support/procs.js';
import { runBundle, type RunOptions, type RunResult } from '../support/runner.js';
import { slackPayloadError, startSlack, type SlackStandIn } from '../support/slack.js';
import { makeTempDir } from '../support/tempdir.js';
import {
  fixture,
  standin,
  startDbRegistry,
  startTrivyRelease,
  STANDIN_VERSION,
  type StandinReport,
  type TrivyRelease,
} from '../support/trivy.js';
import type { TestServer } from '../support/http.js';
import { teardown } from '../support/teardown.js';

const PORTS: [number, number] = [3101, 3102];
const DB_PASSWORD = 'pg-pipeline-5e3c';

let fleet: Fleet;
let runner: Podman;
let registry: Registry;
let pg: Postgres;
let slack: SlackStandIn;
let trivyRelease: TrivyRelease;
let trivyDb: TestServer;
let work: { path: string; remove(): void };
let runnerEnv: Record<string, string>;

beforeAll(async () => {
  work = makeTempDir('pipeline');
  [fleet, runner, registry, pg, slack, trivyRelease, trivyDb] = await Promise.all([
    startFleet(2, 'web', PORTS, { containers: true }),
    createPodman(),
    startRegistry(),
    startPostgres({ password: DB_PASSWORD }),
    startSlack(),
    startTrivyRelease(),
    startDbRegistry(),
  ]);
  runnerEnv = engineEnv(runner, registry);
  await runOk(pg.psql[0]!, [
    ...pg.psql.slice(1),
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    `ALTER USER postgres PASSWORD '${DB_PASSWORD}'`,
    '-c',
    'CREATE DATABASE shop',
  ]);
  await runOk(pg.psql[0]!, [
    ...pg.psql.slice(1),
    '-d',
    'shop',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 500) g",
  ]);
});
afterAll(async () => {
  await teardown(
    () => fleet.stop(),
    () => runner.remove(),
    () => registry.stop(),
    () => pg.stop(),
    () => slack.stop(),
    () => trivyRelease.close(),
    () => trivyDb.close(),
  );
  await teardown(() => work.remove());
});

/** A job's result as `toJSON(needs)` shows it. */
type Result = 'success' | 'failure' | 'skipped' | 'cancelled';
interface PipelineRun {
  version: string;
  needs: Record<string, { result: Result; outputs: Record<string, string> }>;
  steps: Record<string, RunResult>;
}

const ok = (r: RunResult | undefined): { exit: number | null | undefined; log: string } => ({
  exit: r?.exitCode,
  log: r?.exitCode === 0 ? '' : (r?.log ?? 'did not run'),
});

/** The app image: busybox httpd on $PORT; /health answers with the version unless `broken`. */
const appContext = (version: string, broken: boolean): string =>
  writeAppContext(join(work.path, `web-${version}`), version, { broken, exitsOnTerm: true });

const sshInputs = (hosts: Fleet['hosts']): Record<string, string> => ({
  hosts: hosts.map((h) => `root@${h.address}`).join('\n'),
  'ssh-key': fleet.privateKey,
  'host-fingerprint': hosts.map((h) => `${h.address}=${h.fingerprint}`).join('\n'),
});

function step(action: string, inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  return runBundle(action, {
    ...options,
    inputs,
    env: { GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main', ...options.env },
    event: options.event ?? { repository: { default_branch: 'main' }, head_commit: { message: 'ship it' } },
  });
}

/**
 * One run of the pipeline on push to main: stages 4 (images), 5 (scan) and 6 (staging), each only
 * when the stage before it succeeded, as `needs` makes GitHub do; then the notify job.
 * `report` is the real Trivy report the scanner prints for this image.
 */
async function pipeline(version: string, report: StandinReport, broken = false): Promise<PipelineRun> {
  const run: PipelineRun = { version, needs: {}, steps: {} };
  const artifacts = join(work.path, `artifacts-${version}`);
  mkdirSync(artifacts, { recursive: true });
  const skip = (...jobs: string[]): void => {
    for (const job of jobs) run.needs[job] = { result: 'skipped', outputs: {} };
  };

  // 4 · images: build-image with manifest-name; the manifest is the artifact handed on.
  const build = await step(
    'build-image',
    {
      engine: 'podman',
      image: `${registry.address}/acme/web`,
      context: appContext(version, broken),
      'manifest-name': 'web',
    },
    { env: { ...runnerEnv, RUNNER_TEMP: artifacts } },
  );
  run.steps.build = build;
  run.needs.images = { result: build.exitCode === 0 ? 'success' : 'failure', outputs: {} };
  if (build.exitCode !== 0) {
    skip('scan', 'staging', 'production');
    return run;
  }

  // 5 · scan: the image reference read from the manifest artifact, as pipeline.yml's jq does.
  const manifest = JSON.parse(readFileSync(build.outputs.manifest!, 'utf8')) as Record<string, string>;
  const imageRef = Object.values(manifest)[0]!;
  const trivy = standin({ [imageRef]: report });
  const scan = await step(
    'trivy-scan',
    {
      'image-ref': imageRef,
      'fail-on': 'CRITICAL,HIGH',
      'ignore-unfixed': 'true',
      'download-url': trivyRelease.downloadUrl,
      'trivy-version': STANDIN_VERSION,
      'db-repository': `127.0.0.1:${trivyDb.port}/aquasec/trivy-db:2`,
      'output-dir': join(artifacts, 'trivy'),
    },
    {
      env: {
        ...trivy.env,
        RUNNER_TOOL_CACHE: join(work.path, 'tool-cache'),
        TRIVY_CACHE_DIR: join(work.path, 'trivy-cache'),
        DEPLOY_KIT_CACHE_DIR: join(work.path, 'actions-cache'),
      },
    },
  );
  run.steps.scan = scan;
  run.steps.scannedRef = { ...scan, outputs: { ...scan.outputs, 'image-ref': imageRef } };
  trivy.remove();
  run.needs.scan = { result: scan.exitCode === 0 ? 'success' : 'failure', outputs: {} };
  if (scan.exitCode !== 0) {
    skip('staging', 'production');
    return run;
  }

  // 6 · staging: back up the database first, then deploy by digest with the root action.
  const backup = await step('db-backup', {
    engine: 'postgres',
    'database-url': `postgres://postgres:${DB_PASSWORD}@127.0.0.1:${pg.port}/shop`,
    destination: `ssh:${fleet.mount}/backups`,
    'keep-daily': '7',
    ...sshInputs(fleet.hosts.slice(0, 1)),
  });
  run.steps.backup = backup;
  if (backup.exitCode !== 0) {
    run.needs.staging = { result: 'failure', outputs: {} };
    skip('production');
    return run;
  }
  const deploy = await step(
    '',
    {
      ...sshInputs(fleet.hosts),
      mode: 'container',
      app: 'web',
      version,
      'deploy-path': fleet.deployPath,
      'image-manifest': build.outputs.manifest!,
      // The hosts have no route to the runner's registry: the image travels over SSH.
      'image-transfer': 'ssh',
      engine: 'podman',
      proxy: 'nginx',
      ports: PORTS.join(','),
      'proxy-test-command': fleet.nginxTest,
      'proxy-reload-command': fleet.nginxReload,
      'health-interval': '200ms',
      'health-timeout': '5s',
      drain: '500ms',
      environment: 'staging',
    },
    { env: runnerEnv },
  );
  run.steps.deploy = deploy;
  run.needs.staging = {
    result: deploy.exitCode === 0 ? 'success' : 'failure',
    outputs: deploy.exitCode === 0 ? { version: deploy.outputs.version ?? '' } : {},
  };
  if (deploy.exitCode === 0) {
    // The gate after the deploy: every host's public URL serves this version's health.
    run.steps.gate = await step('health-gate', {
      url: fleet.hosts.map((h) => `${h.nginxUrl}/health`).join('\n'),
      'expect-body': version,
      interval: '200ms',
      timeout: '10s',
    });
  }
  skip('production'); // a push to main, not a v* tag
  return run;
}

/** The notify job: `if: always()`, needs of every stage, version from the staging job's output. */
function notify(run: PipelineRun): Promise<RunResult> {
  const needs = {
    quality: { result: 'success', outputs: {} },
    unit: { result: 'success', outputs: {} },
    integration: { result: 'success', outputs: {} },
    ...run.needs,
  };
  return step(
    'slack-notify',
    {
      'webhook-url': slack.webhookUrl,
      needs: JSON.stringify(needs),
      title: 'shop pipeline',
      version: run.needs.staging?.outputs.version || run.version,
      environment: 'staging',
    },
    { env: slack.env },
  );
}

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }> };
const PASSED_TESTS = ['✅ *quality* success', '✅ *unit* success', '✅ *integration* success'];
/** The last Slack message (valid Block Kit): its header, then the stage lines built from needs. */
function stageTable(): string[] {
  const body = slack.requests.at(-1)!.body;
  expect(slackPayloadError(body)).toBeUndefined();
  const lines = (body.blocks as Block[])
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)])
    .join('\n')
    .split('\n');
  return [lines[0]!, ...lines.filter((l) => /^\S+ \*[a-z]+\* /.test(l))];
}

async function served(): Promise<string[]> {
  return Promise.all(fleet.hosts.map(async (h) => (await get(h.nginxUrl)).body));
}

async function containers(): Promise<string[][]> {
  return Promise.all(
    fleet.hosts.map(async (h) =>
      (await h.podman(['ps', '--format', '{{.Names}}'])).trim().split('\n').filter(Boolean).sort(),
    ),
  );
}

test('the stages the test runs are wired in pipeline.yml in this order, with these actions', () => {
  // Guards the claim above: if pipeline.yml's chain changes, this test must change with it.
  const workflow = parse(readFileSync(join(repoRoot, 'workflows-examples', 'pipeline.yml'), 'utf8')) as {
    jobs: Record<string, { needs?: string | string[]; steps: Array<{ uses?: string }> }>;
  };
  const uses = (job: string): string[] =>
    workflow.jobs[job]!.steps.flatMap((s) => (s.uses?.startsWith('org/deploy-kit') ? [s.uses] : []));
  expect(uses('images')).toEqual(['org/deploy-kit/build-image@v1']);
  expect(uses('scan')).toEqual(['org/deploy-kit/trivy-scan@v1']);
  expect(uses('staging')).toEqual(['org/deploy-kit/db-backup@v1', 'org/deploy-kit@v1']);
  expect(uses('notify')).toEqual(['org/deploy-kit/slack-notify@v1']);
  expect([workflow.jobs.scan!.needs, workflow.jobs.staging!.needs]).toEqual(['images', 'scan']);
});

test('v1 ships; v2 (critical CVE) stops at the scan; broken v3 is rolled back on both hosts; Slack tells each story', async () => {
  const started = Date.now();

  // Run 1: v1, a clean report (alpine 3.10: MEDIUM findings only).
  const first = await pipeline('v1', fixture('alpine-310.json'));
  expect([
    ok(first.steps.build),
    ok(first.steps.scan),
    ok(first.steps.backup),
    ok(first.steps.deploy),
  ]).toEqual(Array(4).fill({ exit: 0, log: '' }));
  const ref1 = first.steps.build!.outputs['image-ref']!;
  expect(ref1).toMatch(new RegExp(`^${registry.address}/acme/web@sha256:[0-9a-f]{64}$`));
  expect(first.steps.scannedRef!.outputs['image-ref']).toBe(ref1); // the scan saw exactly what was built
  expect(first.steps.scan!.outputs).toMatchObject({ critical: '0', high: '0', passed: 'true' });
  expect(existsSync(first.steps.scan!.outputs['sarif-file']!)).toBe(true);
  // The backup is on the host, verified there (sidecar), before anything was deployed.
  const backupPath = first.steps.backup!.outputs['backup-path']!;
  const backupName = backupPath.split('/').at(-1)!;
  const backupDir = join(fleet.hosts[0]!.root, 'backups');
  expect(readFileSync(join(backupDir, `${backupName}.sha256`), 'utf8')).toBe(
    `${first.steps.backup!.outputs.sha256}  ${backupName}\n`,
  );
  expect(first.steps.deploy!.outputs).toMatchObject({ version: 'v1', 'rolled-back': 'false' });
  // Pushed by build-image, not in the runner's engine by digest: pulled there once, sent to each host.
  expect(
    first.steps.deploy!.log.match(/transferred image [0-9a-f]{12} \([\d.]+ MB gzip\) over SSH/g),
  ).toHaveLength(2);
  expect(JSON.parse(first.steps.deploy!.outputs.hosts!) as unknown[]).toHaveLength(2);
  expect(ok(first.steps.gate)).toEqual({ exit: 0, log: '' });
  expect(await served()).toEqual(['hello from v1', 'hello from v1']);
  for (const host of fleet.hosts)
    expect(host.history().at(-1)).toMatchObject({
      event: 'deploy',
      status: 'success',
      version: 'v1',
      image: ref1,
    });
  expect(ok(await notify(first))).toEqual({ exit: 0, log: '' });
  expect(stageTable()).toEqual([
    '✅ shop pipeline v1 → staging succeeded',
    ...PASSED_TESTS,
    '✅ *images* success',
    '✅ *scan* success',
    '✅ *staging* success · v1',
    '⏭️ *production* skipped',
  ]);

  // Run 2: v2 with two CRITICAL vulnerabilities (alpine 3.9): the chain stops at the scan.
  const second = await pipeline('v2', fixture('alpine-39.json'));
  expect(ok(second.steps.build)).toEqual({ exit: 0, log: '' });
  expect(second.steps.scan!.exitCode).toBe(1);
  expect(second.steps.scan!.outputs.critical).not.toBe('0');
  expect(second.steps.scan!.log).toMatch(/::error::.*CRITICAL/);
  expect([second.steps.backup, second.steps.deploy]).toEqual([undefined, undefined]);
  expect(second.needs.staging!.result).toBe('skipped');
  expect(await served()).toEqual(['hello from v1', 'hello from v1']);
  for (const host of fleet.hosts) expect(host.history().at(-1)).toMatchObject({ version: 'v1' });
  expect((await notify(second)).exitCode).toBe(0);
  expect(stageTable()).toEqual([
    '❌ shop pipeline v2 → staging failed',
    ...PASSED_TESTS,
    '✅ *images* success',
    '❌ *scan* failure',
    '⏭️ *staging* skipped',
    '⏭️ *production* skipped',
  ]);

  // Run 3: v3 scans clean but has no /health: the gate rejects it on its slot, both hosts switch
  // back (or never switch), and v1 serves throughout.
  const third = await pipeline('v3', fixture('alpine-310.json'), true);
  expect([ok(third.steps.build), ok(third.steps.scan), ok(third.steps.backup)]).toEqual(
    Array(3).fill({ exit: 0, log: '' }),
  );
  expect(third.steps.deploy!.exitCode).toBe(1);
  expect(third.steps.deploy!.outputs['rolled-back']).toBe('true');
  expect(third.steps.deploy!.log).toMatch(/::error::Deploy of v3 failed: .*rolled back automatically/);
  expect(third.steps.gate).toBeUndefined();
  expect(await served()).toEqual(['hello from v1', 'hello from v1']);
  // keep-daily 7 keeps the newest of the day: v3's backup, verified; v1's is pruned, v2 never backed up.
  expect(third.steps.backup!.outputs.pruned).toBe('1');
  const newest = third.steps.backup!.outputs['backup-path']!.split('/').at(-1)!;
  expect((await runOk('ls', [backupDir])).trim().split('\n')).toEqual([newest, `${newest}.sha256`]);
  // On each host one container runs, and it runs v1's image; v3's was stopped.
  for (const running of await containers())
    expect(running).toEqual([expect.stringMatching(/^web-(blue|green)$/)]);
  for (const host of fleet.hosts) {
    const [name] = (await host.podman(['ps', '--format', '{{.Names}}'])).trim().split('\n');
    const image = (await host.podman(['inspect', '--format', '{{.ImageName}}', name!])).trim();
    expect(image).toBe('localhost/deploy-kit/web:v1');
  }
  expect(ok(await notify(third))).toEqual({ exit: 0, log: '' });
  expect(stageTable()).toEqual([
    '❌ shop pipeline v3 → staging failed',
    ...PASSED_TESTS,
    '✅ *images* success',
    '✅ *scan* success',
    '❌ *staging* failure',
    '⏭️ *production* skipped',
  ]);

  console.log(`pipeline e2e wall time (3 runs): ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
