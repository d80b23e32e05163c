import { escapeMarkdown, Summary, type SummaryCell } from '@deploy-kit/core';
import { describeCounts, type GatePolicy, type GateResult } from './gate.js';
import { SEVERITIES, type Finding } from './report.js';

export interface SummaryFacts {
  /** What was scanned: image reference or path. */
  subject: string;
  scanType: string;
  trivyVersion: string;
  dbUpdatedAt?: string;
  /** The scan result came from the result cache (same digest, same database). */
  fromCache: boolean;
  reportFile: string;
  sarifFile: string;
}

const KIND_LABEL: Record<Finding['kind'], string> = {
  vulnerability: 'vuln',
  misconfiguration: 'config',
  secret: 'secret',
};

function row(f: Finding, failing: ReadonlySet<Finding>): SummaryCell[] {
  const where = f.targets.length > 1 ? `${f.targets[0]} (+${f.targets.length - 1})` : (f.targets[0] ?? '');
  const version =
    f.kind === 'vulnerability'
      ? `${f.installed ?? '?'} → ${f.fixed ?? 'no fix yet'}`
      : f.line
        ? `line ${f.line}`
        : '';
  return [
    `${failing.has(f) ? '⛔ ' : ''}${f.severity}`,
    f.url ? { text: f.id, href: f.url } : f.id,
    KIND_LABEL[f.kind],
    f.subject ?? '',
    version,
    f.title,
    where,
  ];
}

/**
 * The job summary: counts per severity, the gate's verdict, and the findings worst first, capped
 * at `limit` rows with how many more are in the report file.
 */
export function scanSummary(
  result: GateResult,
  policy: GatePolicy,
  facts: SummaryFacts,
  limit: number,
): Summary {
  const verdict = result.passed ? '✅ passed' : `⛔ failed: ${result.failing.length} finding(s)`;
  const summary = new Summary().heading(`trivy-scan: ${facts.subject} — ${verdict}`);
  const failOn = policy.failOn.length ? policy.failOn.join(', ') : 'nothing (fail-on: none)';
  summary.paragraph(
    [
      `Gate: fails on ${failOn}${policy.failOnFixableOnly ? ', fixable only' : ''}` +
        `${policy.ignoreUnfixed ? '; unfixed vulnerabilities ignored' : ''}.`,
      `Trivy ${facts.trivyVersion}, ${facts.scanType} scan` +
        (facts.dbUpdatedAt ? `, database of ${facts.dbUpdatedAt}` : '') +
        (facts.fromCache ? ' (result reused: same digest, same database)' : '') +
        '.',
    ].join(' '),
  );
  summary.table(
    [...SEVERITIES.filter((s) => policy.severity.includes(s)), 'total', 'fixable'],
    [
      [
        ...SEVERITIES.filter((s) => policy.severity.includes(s)).map((s) => result.counts[s]),
        result.total,
        result.fixable,
      ],
    ],
  );
  const failing = new Set(result.failing);
  // Failing findings of a severity not reported still show: the reader must see why it failed.
  const shown = [...result.reported, ...result.failing.filter((f) => !result.reported.includes(f))];
  if (shown.length === 0) {
    summary.paragraph('No findings.');
  } else {
    summary.table(
      ['severity', 'id', 'type', 'package / resource', 'installed → fixed', 'title', 'target'],
      shown.slice(0, limit).map((f) => row(f, failing)),
    );
    if (shown.length > limit)
      summary.paragraph(`… and ${shown.length - limit} more (${describeCounts(result.counts)} in all).`);
  }
  summary.paragraph(
    `Full report: ${escapeMarkdown(facts.reportFile)} (JSON), ${escapeMarkdown(facts.sarifFile)} (SARIF).`,
  );
  return summary;
}
