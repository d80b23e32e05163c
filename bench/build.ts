// build-image's overhead over the bare engine: the action (bundle start, tags, labels, build, push,
// digest) against `podman build -t … && podman push …` run by hand, same context, same registry.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPodman, engineEnv, startRegistry } from '../test/support/podman.js';
import { runOk } from '../test/support/procs.js';
import { runBundle } from '../test/support/runner.js';
import { fmt, median, report } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const podman = await createPodman();
const registry = await startRegistry();
try {
  const env = engineEnv(podman, registry);
  const context = join(podman.dir, 'ctx');
  mkdirSync(context);
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(
    join(context, 'Containerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nCOPY run.txt /run.txt\nENTRYPOINT ["/bin/busybox", "sh"]\n',
  );

  const action: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    writeFileSync(join(context, 'run.txt'), `action ${i}`);
    let started = performance.now();
    const result = await runBundle('build-image', {
      inputs: { engine: 'podman', image: `${registry.address}/bench/action`, context, tags: `run${i}` },
      env: { ...env, GITHUB_REF: 'refs/heads/main' },
    });
    if (result.exitCode !== 0) throw new Error(result.log);
    action.push(performance.now() - started);

    writeFileSync(join(context, 'run.txt'), `bare ${i}`);
    started = performance.now();
    // The same four references the action pushes: branch, sha, latest and the extra tag.
    const refs = ['main', 'sha-0123456', 'latest', `run${i}`].map(
      (t) => `${registry.address}/bench/bare:${t}`,
    );
    const engineEnv = { env: { ...process.env, ...env } };
    await runOk('podman', ['build', '--layers', ...refs.flatMap((r) => ['-t', r]), context], engineEnv);
    for (const ref of refs) await runOk('podman', ['push', ref], engineEnv);
    bare.push(performance.now() - started);
  }
  const ratio = median(action) / median(bare);
  report('build', 'build-image overhead over the bare engine', [
    `podman ${(await runOk('podman', ['--version'])).trim()}, vfs storage, local registry; ${RUNS} runs, median.`,
    'Both build the same context (one changed layer on a ~2 MB busybox image) with the same four tags (branch, sha,',
    'latest, one extra) and push all four. The action adds its bundle start, tag and label computation, the OCI',
    'labels, the iidfile and digest files, and its summary.',
    '',
    '| method | median | runs |',
    '| --- | --- | --- |',
    `| baseline: \`podman build -t … (4 tags) . && podman push\` × 4 | ${fmt(median(bare))} | ${bare.map((v) => v.toFixed(0)).join(', ')} |`,
    `| build-image (engine podman, 4 tags pushed) | ${fmt(median(action))} | ${action.map((v) => v.toFixed(0)).join(', ')} |`,
    '',
    `Ratio build-image ÷ baseline: ${ratio.toFixed(2)}×.`,
  ]);
} finally {
  await registry.stop();
  await podman.remove();
}
