// trivy-scan's report work (parse → findings → gate → SARIF → summary) on the largest real Trivy
// report and on a synthetic one 50× its size built from real fixture entries. Baseline: a bare
// JSON.parse of the same file. Each case runs in a fresh process so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluateGate,
  findingsOf,
  parseReport,
  scanSummary,
  SEVERITIES,
  toSarif,
  type TrivyReport,
} from '@deploy-kit/trivy';
import { fmt, median, must, report, root } from './lib.mjs';

const fixtures = join(root, 'test', 'fixtures', 'trivy', 'json');
const policy = {
  severity: SEVERITIES,
  failOn: ['CRITICAL', 'HIGH'] as const,
  ignoreUnfixed: false,
  failOnFixableOnly: false,
};

function child(file: string, mode: 'full' | 'parse', iterations: number): void {
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    const text = readFileSync(file, 'utf8');
    if (mode === 'parse') JSON.parse(text);
    else {
      const parsed = parseReport(text);
      const gate = evaluateGate(findingsOf(parsed), { ...policy, failOn: [...policy.failOn] });
      JSON.stringify(toSarif(parsed, gate.reported, '0.72.0'));
      scanSummary(
        gate,
        { ...policy, failOn: [...policy.failOn] },
        {
          subject: 'bench',
          scanType: 'image',
          trivyVersion: '0.72.0',
          fromCache: false,
          reportFile: 'r.json',
          sarifFile: 'r.sarif',
        },
        50,
      ).toString();
    }
    times.push(performance.now() - started);
  }
  process.stdout.write(JSON.stringify({ ms: median(times), rssMb: process.resourceUsage().maxRSS / 1024 }));
}

if (process.argv[2] === '--child') {
  child(
    must(process.argv[3], 'process.argv[3]'),
    process.argv[4] as 'full' | 'parse',
    Number(process.argv[5]),
  );
  process.exit(0);
}

const files = readdirSync(fixtures).map((f) => join(fixtures, f));
const largest = must(files.sort((a, b) => statSync(b).size - statSync(a).size)[0], 'a Trivy report fixture');

// 50× the largest report: every result of every fixture, repeated with distinct IDs and targets
// so nothing de-duplicates away.
const synthetic = join(root, '.tmp', 'bench', 'trivy-synthetic.json');
mkdirSync(join(root, '.tmp', 'bench'), { recursive: true });
const results = files.flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as TrivyReport).Results ?? []);
const big: TrivyReport = { ...(JSON.parse(readFileSync(largest, 'utf8')) as TrivyReport), Results: [] };
for (let copy = 0; JSON.stringify(big).length < 50 * statSync(largest).size; copy += 1) {
  for (const r of results)
    must(big.Results, 'Results').push({
      ...r,
      Target: `${r.Target ?? ''}#${copy}`,
      Vulnerabilities: r.Vulnerabilities?.map((v) => ({
        ...v,
        VulnerabilityID: `${v.VulnerabilityID}-${copy}`,
      })),
    });
}
writeFileSync(synthetic, JSON.stringify(big, null, 2));

const run = (file: string, mode: string, iterations: number): { ms: number; rssMb: number } => {
  const result = spawnSync(
    process.execPath,
    [must(process.argv[1], 'process.argv[1]'), '--child', file, mode, String(iterations)],
    {
      encoding: 'utf8',
      env: { ...process.env },
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { ms: number; rssMb: number };
};
const bareNode = spawnSync(
  process.execPath,
  ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS / 1024))'],
  { encoding: 'utf8' },
);

const lines = [
  `Baseline: \`JSON.parse\` of the same file (the least any consumer of Trivy's JSON does); peak RSS of a bare \`node\` is ${Number(bareNode.stdout).toFixed(0)} MB.`,
  '',
  '| report | size | findings | parse+gate+SARIF+summary | JSON.parse | ratio | peak RSS (full / parse only) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const [label, file, iterations] of [
  [`largest fixture (${largest.split('/').at(-1)})`, largest, 50],
  ['synthetic 50×', synthetic, 5],
] as const) {
  const full = run(file, 'full', iterations);
  const parse = run(file, 'parse', iterations);
  const findings = findingsOf(parseReport(readFileSync(file, 'utf8'))).length;
  lines.push(
    `| ${label} | ${(statSync(file).size / 1024).toFixed(0)} KB | ${findings} | ${fmt(full.ms)} | ${fmt(parse.ms)} | ${(full.ms / parse.ms).toFixed(1)}× | ${full.rssMb.toFixed(0)} MB / ${parse.rssMb.toFixed(0)} MB |`,
  );
}
report('trivy-report', 'trivy-scan report processing', lines);
