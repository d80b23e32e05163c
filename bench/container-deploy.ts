// Container mode: deploy time with a registry pull vs an SSH-streamed image (and a repeat that
// sends nothing), rollback time, and requests through nginx during a blue-green container deploy.
import { get, startLoad } from '../test/support/load.js';
import { startContainerTarget } from '../test/support/container-target.js';
import { runBundle } from '../test/support/runner.js';
import { rollbackInputs } from '../test/support/target-host.js';
import { fmt, median, report } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const target = await startContainerTarget('bench');
let n = 0;
const rows: string[] = [];
async function timed(label: string, once: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  rows.push(`| ${label} | ${fmt(median(times))} | ${times.map((t) => t.toFixed(0)).join(', ')} |`);
  return median(times);
}
async function ok(result: Promise<{ exitCode: number | null; log: string }>): Promise<void> {
  const r = await result;
  if (r.exitCode !== 0) throw new Error(r.log);
}

try {
  const pull = await timed('deploy, registry pull of a new image', async () => {
    const v = `p${n++}`;
    const ref = `${target.registry.address}/bench/app:${v}`;
    await target.buildApp(ref, v, false, true);
    const digest = await target.push(ref);
    await ok(target.deploy(v, `${target.registry.address}/bench/app@${digest}`));
  });
  const ssh = await timed('deploy, image-transfer ssh of a new image (save → gzip → load)', async () => {
    const v = `s${n++}`;
    const ref = `localhost/bench/app:${v}`;
    await target.buildApp(ref, v, false, true);
    await ok(target.deploy(v, ref, { 'image-transfer': 'ssh' }));
  });
  const same = `localhost/bench/app:same`;
  await target.buildApp(same, 'same', false, true);
  await ok(target.deploy(`same${n++}`, same, { 'image-transfer': 'ssh' }));
  const skip = await timed('deploy, image-transfer ssh of an image the host has (nothing sent)', async () => {
    await ok(target.deploy(`same${n++}`, same, { 'image-transfer': 'ssh' }));
  });
  const inputs = target.host.inputs('x', '');
  // Rollback times use the fast-exiting images deployed above.
  let run = 7000;
  const rollback = await timed('rollback to the previous version (no pull)', async () => {
    await ok(
      runBundle('rollback', {
        inputs: rollbackInputs(inputs),
        env: { ...target.runnerEnv, GITHUB_RUN_ID: String(run++) },
      }),
    );
  });

  // Under load, once with an app that exits at once on SIGTERM and once with one that ignores it.
  const loads: string[] = [];
  for (const exitsOnTerm of [true, false]) {
    const v = `load${n++}`;
    const ref = `localhost/bench/app:${v}`;
    await target.buildApp(ref, v, false, exitsOnTerm);
    const load = await startLoad(target.host.nginx.url, 8); // the test app's accept backlog is 9
    await ok(target.deploy(v, ref, { 'image-transfer': 'ssh' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const r = await load.stop();
    const serving = (await get(target.host.nginx.url)).body;
    loads.push(
      `| ${exitsOnTerm ? 'exits at once on SIGTERM' : 'ignores SIGTERM (stopped by SIGKILL after 10 s)'} | ${r.requests} | ${r.errors} | ${r.timeouts} | ${r.non2xx} | ${r.freshRequests} | ${r.freshFailures} | ${r.latencyP99Ms} ms | ${serving} |`,
    );
  }
  report('container-deploy', 'Container mode: deploy and rollback', [
    `One host on loopback: podman (vfs) on the runner and on the host, Debian's docker-registry, nginx. Blue-green`,
    `with a health gate at 200 ms × 2 and drain 1 s (included). A ~2 MB busybox httpd image. Median of ${RUNS}.`,
    '',
    '| operation | median | runs |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `Transfer: registry pull ${fmt(pull)}, SSH stream ${fmt(ssh)} (${(ssh / pull).toFixed(2)}× the pull), repeat ${fmt(skip)}; rollback ${fmt(rollback)}.`,
    '',
    'During one blue-green container deploy under load (autocannon, 50 keep-alive connections, plus a loop of fresh',
    'connections), by how the old container reacts to SIGTERM:',
    '',
    '| old app | requests | socket errors | timeouts | non-2xx | fresh requests | fresh failures | p99 | serving after |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...loads,
    '',
    "nginx's old worker keeps serving client connections that stay busy after the reload and can route them to the old",
    'slot past the drain: with an old container that exits at once, earlier runs of this scenario saw 0 to 14 non-2xx',
    "(nginx's 502 for a reset upstream). nginx's worker_shutdown_timeout shorter than drain closes those connections",
    'instead (a client reset rather than a 502).',
  ]);
} finally {
  await target.stop();
}
