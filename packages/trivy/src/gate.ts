import { SEVERITIES, compareFindings, type Finding, type Severity } from './report.js';

/** What is reported and what fails the step: two separate choices, both applied to one scan. */
export interface GatePolicy {
  /** Severities reported (counts, SARIF, summary). */
  severity: readonly Severity[];
  /** Severities that fail the step; empty: never fails. */
  failOn: readonly Severity[];
  /** Vulnerabilities without a fixed version are neither reported nor gated. */
  ignoreUnfixed: boolean;
  /** Only fixable findings fail the step (all are still reported). */
  failOnFixableOnly: boolean;
}

export type SeverityCounts = Record<Severity, number>;

export interface GateResult {
  /** Reported findings, worst first. */
  reported: Finding[];
  /** Findings that fail the step, worst first (may include severities not reported). */
  failing: Finding[];
  counts: SeverityCounts;
  total: number;
  fixable: number;
  passed: boolean;
}

export function emptyCounts(): SeverityCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
}

export function evaluateGate(findings: readonly Finding[], policy: GatePolicy): GateResult {
  const considered = findings.filter((f) => !(policy.ignoreUnfixed && !f.fixable));
  const reported = considered.filter((f) => policy.severity.includes(f.severity)).sort(compareFindings);
  const failing = considered
    .filter((f) => policy.failOn.includes(f.severity) && (!policy.failOnFixableOnly || f.fixable))
    .sort(compareFindings);
  const counts = emptyCounts();
  for (const f of reported) counts[f.severity] += 1;
  return {
    reported,
    failing,
    counts,
    total: reported.length,
    fixable: reported.filter((f) => f.fixable).length,
    passed: failing.length === 0,
  };
}

/** `CRITICAL 1, HIGH 2` — the non-zero counts, worst first; `none` when all are zero. */
export function describeCounts(counts: SeverityCounts): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${s} ${counts[s]}`);
  return parts.length ? parts.join(', ') : 'none';
}
