// Stack update wall time on a real swarm of 1, 3 and 5 nodes (dockerd per network namespace, as
// the tests run them): deploy-swarm against the least a user must do by hand — a bare
// `docker stack deploy` over SSH followed by a shell loop that waits until every replica runs the
// new image (1 s between checks). Same compose file, same update settings,
// updates alternating v1 → v2 → v1; each tool's runs interleaved with the other's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, scriptArgv } from '@deploy-kit/ssh';
import { runBundle } from '../test/support/runner.js';
import { startSwarm, type TestSwarm } from '../test/support/swarm.js';
import { makeTempDir } from '../test/support/tempdir.js';
import { fmt, machine, median, report } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SWARM_SIZES ?? '1,3,5').split(',').map(Number);

const compose = (replicas: number): string => `services:
  web:
    image: \${IMAGE}
    deploy:
      replicas: ${replicas}
      endpoint_mode: dnsrr
      update_config: { parallelism: 1, order: start-first, failure_action: rollback, monitor: 5s }
      rollback_config: { parallelism: 1, order: start-first }
    healthcheck:
      test: ["CMD", "/bin/busybox", "test", "-f", "/www/health"]
      interval: 1s
      retries: 2
`;

/** The hand-written way: deploy, then poll until N tasks run the new tag and the update is done. */
const BASELINE = `set -eu
IMAGE=$1 docker stack deploy -c "$2" bench >/dev/null 2>&1
while :; do
  state=$(docker service inspect bench_web --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}')
  running=$(docker service ps bench_web --no-trunc --filter desired-state=running --format '{{.CurrentState}} {{.Image}}' | grep -c "^Running.* $1@" || true)
  if [ "$state" != updating ] && [ "$running" = "$3" ]; then break; fi
  sleep 1
done`;

function sshArgs(swarm: TestSwarm, keyFile: string, script: string, args: string[]): string[] {
  const manager = swarm.nodes[0];
  if (!manager) throw new Error('no manager');
  return [
    '-i',
    keyFile,
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    `root@${manager.address}`,
    '--',
    commandLine(scriptArgv('bench', script, args)),
  ];
}

const rows: string[] = [];
const phaseRows: string[] = [];
let lastPhases = '';
const ratios: string[] = [];
for (const size of SIZES) {
  const swarm = await startSwarm(size);
  const work = makeTempDir('bench-swarm');
  try {
    const images = { v1: await swarm.image('web', 'v1'), v2: await swarm.image('web', 'v2') };
    writeFileSync(join(work.path, 'compose.yaml'), compose(size));
    const keyFile = join(work.path, 'id');
    writeFileSync(keyFile, swarm.privateKey, { mode: 0o600 });
    // The baseline's compose file on the manager (its home, inside the node's mount namespace).
    const home = join(swarm.nodes[0]?.root ?? '', 'home');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'bench.yaml'), compose(size));
    const ours = async (version: 'v1' | 'v2'): Promise<number> => {
      const started = performance.now();
      const result = await runBundle('deploy-swarm', {
        inputs: swarm.inputs('bench', 'compose.yaml', {
          version,
          env: `IMAGE=${images[version]}`,
          timeout: '5m',
        }),
        env: { GITHUB_WORKSPACE: work.path },
        timeoutMs: 600_000,
      });
      if (result.exitCode !== 0) throw new Error(result.log);
      // The summary's timeline: where the time went (phase :start, end in ms).
      lastPhases = [...result.summary.matchAll(/^ {2}([a-z ]+) :(?:crit, )?(\d+), (\d+)$/gm)]
        .map((m) => `${m[1]} ${Number(m[3]) - Number(m[2])}`)
        .join(', ');
      return performance.now() - started;
    };
    const bare = (version: 'v1' | 'v2'): number => {
      const started = performance.now();
      execFileSync(
        'ssh',
        sshArgs(swarm, keyFile, BASELINE, [images[version], '/root/bench.yaml', String(size)]),
        {
          stdio: 'inherit',
          timeout: 600_000,
        },
      );
      return performance.now() - started;
    };
    // Both start from a stack on v1 created by the same tool's path.
    await ours('v1');
    const oursMs: number[] = [];
    const bareMs: number[] = [];
    let version: 'v1' | 'v2' = 'v2';
    for (let i = 0; i < RUNS; i += 1) {
      oursMs.push(await ours(version));
      version = version === 'v1' ? 'v2' : 'v1';
      bareMs.push(bare(version));
      version = version === 'v1' ? 'v2' : 'v1';
    }
    const ratio = median(oursMs) / median(bareMs);
    rows.push(
      `| ${size} | ${fmt(median(bareMs))} | ${fmt(median(oursMs))} | **${ratio.toFixed(2)}×** | ${bareMs.map((v) => (v / 1000).toFixed(1)).join(', ')} | ${oursMs.map((v) => (v / 1000).toFixed(1)).join(', ')} |`,
    );
    ratios.push(`${size} node(s) ${ratio.toFixed(2)}×`);
    phaseRows.push(`| ${size} | ${lastPhases} |`);
    console.log(
      `${size} node(s): bare ${fmt(median(bareMs))}, deploy-swarm ${fmt(median(oursMs))}, ${ratio.toFixed(2)}×`,
    );
  } finally {
    await swarm.stop();
    work.remove();
  }
}

report('swarm', 'deploy-swarm: stack update wall time', [
  `${machine()}. A real swarm per size (one manager; dockerd 20.10, vfs storage, one network namespace per node), one`,
  `service with one replica per node, updates alternating v1 ↔ v2, ${RUNS} runs per tool, median; each tool's runs`,
  'interleaved with the other. Baseline: `ssh manager docker stack deploy` then a shell loop (1 s sleep) until every',
  'replica runs the new image and the update is no longer `updating` — the least a user must write, with no digest',
  'pinning, no lock, no history, no failure detection and no rollback. deploy-swarm does all of those. Goal ≤ 1.1×.',
  '',
  '| nodes | baseline | deploy-swarm | ratio | baseline runs (s) | deploy-swarm runs (s) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
  `Ratios: ${ratios.join(', ')}.`,
  '',
  "deploy-swarm's phases in its last run (ms, from the job summary's timeline):",
  '',
  '| nodes | phases |',
  '| --- | --- |',
  ...phaseRows,
  '',
  'How deploy-swarm looks at the rollout: every second, two Engine API requests through curl on the manager (services',
  'and tasks of the stack), where the docker CLI takes four commands, each a Go binary start competing with the nodes’',
  'dockerd on this 2-core machine; the CLI remains the fallback where the manager has no curl. With the CLI looks, the',
  'report of 2026-12-04 measured 1.11× (1 node), 1.12× (3) and 1.20× (5); looking every 500 ms made it slower (1.08×,',
  '1.28×, 1.29×), so 1 s stays. Runs on this machine vary by about ±0.1× between repetitions.',
]);
