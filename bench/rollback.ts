// Time from starting the rollback action to the old version serving, one host on loopback:
// blue-green behind nginx with a fast gate (first healthy probe) and with the default gate
// (3 passes, 2 s apart), and in-place (the `current` switch alone). Baseline: the hand-written
// Capistrano-style rollback, `ssh host 'ln -sfn releases/<v> current.tmp && mv -T current.tmp current'`.
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { get } from '../test/support/load.js';
import { runBundle, type RunResult } from '../test/support/runner.js';
import { sshArgs } from '../test/support/sshd.js';
import {
  rollbackInputs as rollbackInputsOf,
  startTargetHost,
  type TargetHost,
} from '../test/support/target-host.js';
import { fmt, median, report } from './lib.mjs';

const RUNS = 5;
let run = 9000;

function rollbackInputs(host: TargetHost, to: string, extra: Record<string, string>): Record<string, string> {
  const all = host.inputs('unused', '');
  return { ...rollbackInputsOf(all), to, ...extra };
}

/** Starts the rollback and polls until `serving()` says the target serves; returns both times. */
async function timeRollback(
  host: TargetHost,
  to: string,
  extra: Record<string, string>,
  serving: () => Promise<boolean>,
): Promise<{ servingMs: number; totalMs: number; phases: string }> {
  const started = performance.now();
  let servingMs = NaN;
  const state = { done: false };
  const action: Promise<RunResult> = runBundle('rollback', {
    inputs: rollbackInputs(host, to, extra),
    env: { GITHUB_RUN_ID: String(run++) },
  }).finally(() => {
    state.done = true;
  });
  while (!state.done || Number.isNaN(servingMs)) {
    if (Number.isNaN(servingMs) && (await serving())) servingMs = performance.now() - started;
    if (state.done && Number.isNaN(servingMs)) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const result = await action;
  if (result.exitCode !== 0) throw new Error(result.log);
  const [first] = JSON.parse(result.outputs.hosts ?? '[]') as Array<{ phases: Record<string, number> }>;
  const phases = Object.entries(first?.phases ?? {})
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
  return { servingMs, totalMs: performance.now() - started, phases };
}

const rows: string[] = [];
async function scenario(
  label: string,
  deployExtra: Record<string, string>,
  rollbackExtra: Record<string, string>,
  serving: (host: TargetHost, version: string) => Promise<boolean>,
): Promise<number> {
  const host = await startTargetHost('bench');
  try {
    for (const v of ['v1', 'v2']) {
      const r = await host.deploy(v, deployExtra);
      if (r.exitCode !== 0) throw new Error(r.log);
    }
    const serving_: number[] = [];
    const totals: number[] = [];
    let phases = '';
    for (let i = 0; i < RUNS; i += 1) {
      const to = i % 2 === 0 ? 'v1' : 'v2';
      const t = await timeRollback(host, to, rollbackExtra, () => serving(host, to));
      serving_.push(t.servingMs);
      totals.push(t.totalMs);
      phases = t.phases;
    }
    rows.push(
      `| ${label} | ${fmt(median(serving_))} | ${fmt(median(totals))} | ${serving_.map((v) => v.toFixed(0)).join(', ')} | ${phases} |`,
    );
    return median(serving_);
  } finally {
    await host.stop();
  }
}

const viaNginx = async (host: TargetHost, version: string): Promise<boolean> =>
  (await get(host.nginx.url, 1000).catch(() => ({ body: '' }))).body === `hello from ${version}`;
const currentIs = (host: TargetHost, version: string): Promise<boolean> =>
  Promise.resolve(readlinkSync(join(host.deployPath, 'current')) === `releases/${version}`);

const inPlace = {
  strategy: 'in-place',
  proxy: 'none',
  ports: '',
  'health-check': 'false',
  'start-command': '',
};
const fast = await scenario(
  'blue-green, gate passes on the first healthy probe (interval 100ms, threshold 1)',
  {},
  { 'health-interval': '100ms', 'health-success-threshold': '1', drain: '1s' },
  viaNginx,
);
const defaults = await scenario(
  'blue-green, default gate (interval 2s, threshold 3)',
  {},
  { 'health-interval': '2s', 'health-success-threshold': '3', 'health-timeout': '60s', drain: '1s' },
  viaNginx,
);
const symlink = await scenario(
  'in-place, `current` switch (health-check false)',
  inPlace,
  { 'health-check': 'false' },
  currentIs,
);

// Baseline: the same in-place switch by hand over a fresh OpenSSH connection.
const host = await startTargetHost('bench');
const baseline: number[] = [];
try {
  for (const v of ['v1', 'v2']) await host.deploy(v, inPlace);
  for (let i = 0; i < RUNS; i += 1) {
    const to = i % 2 === 0 ? 'v1' : 'v2';
    const started = performance.now();
    execFileSync(
      'ssh',
      sshArgs(host.sshd, [
        `cd ${host.deployPath} && ln -sfn releases/${to} current.tmp && mv -T current.tmp current`,
      ]),
    );
    baseline.push(performance.now() - started);
  }
} finally {
  await host.stop();
}
rows.push(
  `| baseline: \`ssh host 'ln -sfn releases/<v> current.tmp && mv -T current.tmp current'\` | ${fmt(median(baseline))} | ${fmt(median(baseline))} | ${baseline.map((v) => v.toFixed(0)).join(', ')} | |`,
);

report('rollback', 'Rollback: time to the old version serving', [
  `One host on loopback (real sshd, nginx), ${RUNS} rollbacks each (alternating v1/v2), median. "Serving" is the first`,
  'moment the target answers through nginx (blue-green) or `current` points at it (in-place), counted from starting the',
  'action process; "total" includes drain (1s), stopping the old slot and writing history. Goal: ≤ 1 s on loopback.',
  '',
  '| scenario | serving after | action total | serving, each run (ms) | phases of the last run (ms) |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
  '',
  `Ratios against the baseline: blue-green fast gate ${(fast / median(baseline)).toFixed(2)}×, default gate ${(defaults / median(baseline)).toFixed(2)}×, in-place ${(symlink / median(baseline)).toFixed(2)}×.`,
  'The baseline does no lock, no history, no health check and no proxy; rollback does all of them.',
]);
