import type { Finding, Severity, TrivyReport } from './report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  UNKNOWN: 'note',
};

// GitHub code scanning ranks alerts by `security-severity` (0-10); without a CVSS score, the middle
// of the band GitHub maps each severity to.
const SEVERITY_SCORE: Record<Severity, number> = {
  CRITICAL: 9.5,
  HIGH: 8.0,
  MEDIUM: 5.5,
  LOW: 2.0,
  UNKNOWN: 0,
};

const RULE_NAME: Record<Finding['kind'], string> = {
  vulnerability: 'PackageVulnerability',
  misconfiguration: 'Misconfiguration',
  secret: 'Secret',
};

/**
 * A file path for code scanning: Trivy names OS-package targets `<artifact> (<os> <version>)`;
 * the artifact part is what a user can find. Encoded as a URI reference (spaces, `#`, `?`).
 */
export function locationUri(target: string): string {
  const path = target.replace(/ \([^()]*\)$/, '').trim() || '.';
  return encodeURI(path).replace(/[#?]/g, encodeURIComponent);
}

function helpText(f: Finding): string {
  const lines = [
    `${f.kind === 'vulnerability' ? 'Vulnerability' : f.kind === 'secret' ? 'Secret' : 'Misconfiguration'} ${f.id}`,
    `Severity: ${f.severity}`,
  ];
  if (f.subject) lines.push(`${f.kind === 'vulnerability' ? 'Package' : 'Resource'}: ${f.subject}`);
  if (f.kind === 'vulnerability') lines.push(`Fixed version: ${f.fixed ?? 'none yet'}`);
  if (f.url) lines.push(`Link: ${f.url}`);
  if (f.description) lines.push('', f.description);
  return lines.join('\n');
}

function markdownHelp(f: Finding): string {
  const title = f.url ? `[${f.id}](${f.url})` : f.id;
  const rows = [
    '| Severity | ' + (f.kind === 'vulnerability' ? 'Package | Fixed version |' : 'Where |'),
    '| --- | ' + (f.kind === 'vulnerability' ? '--- | --- |' : '--- |'),
    `| ${f.severity} | ` +
      (f.kind === 'vulnerability'
        ? `${f.subject ?? ''} | ${f.fixed ?? 'none yet'} |`
        : `${f.subject ?? f.targets[0] ?? ''} |`),
  ];
  return [`**${title}** ${f.title}`, '', ...rows, '', f.description ?? ''].join('\n').trim();
}

function resultMessage(f: Finding, target: string): string {
  if (f.kind === 'vulnerability')
    return [
      `${f.id} (${f.severity}) in ${f.subject ?? 'a package'} ${f.installed ?? ''}`.trim(),
      `fixed in ${f.fixed ?? 'no release yet'}`,
      `target: ${target}`,
    ].join('; ');
  return `${f.id} (${f.severity}): ${f.title}; ${target}${f.line ? `:${f.line}` : ''}`;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown>>;
}

/** SARIF 2.1.0 for code scanning, from the reported findings only (the severity filter holds). */
export function toSarif(report: TrivyReport, reported: readonly Finding[], toolVersion: string): SarifLog {
  const rules: Array<Record<string, unknown>> = [];
  const ruleIndex = new Map<string, number>();
  const results: Array<Record<string, unknown>> = [];
  for (const f of reported) {
    const ruleId = f.id;
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(ruleId, index);
      const score = f.score ?? SEVERITY_SCORE[f.severity];
      rules.push({
        id: ruleId,
        name: RULE_NAME[f.kind],
        shortDescription: { text: f.title },
        fullDescription: { text: f.description || f.title },
        defaultConfiguration: { level: LEVEL[f.severity] },
        ...(f.url ? { helpUri: f.url } : {}),
        help: { text: helpText(f), markdown: markdownHelp(f) },
        properties: {
          tags: ['security', f.kind, f.severity],
          precision: 'very-high',
          'security-severity': score.toFixed(1),
        },
      });
    }
    for (const target of f.targets) {
      const line = f.line ?? 1;
      results.push({
        ruleId,
        ruleIndex: index,
        level: LEVEL[f.severity],
        message: { text: resultMessage(f, target) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: locationUri(target), uriBaseId: 'ROOTPATH' },
              region: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
            },
            message: { text: f.subject ? `${target}: ${f.subject}` : target },
          },
        ],
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Trivy',
            fullName: `Trivy ${toolVersion} (via deploy-kit trivy-scan)`,
            informationUri: 'https://github.com/aquasecurity/trivy',
            version: toolVersion,
            rules,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { ROOTPATH: { uri: 'file:///' } },
        properties: {
          artifactName: report.ArtifactName ?? '',
          artifactType: report.ArtifactType ?? '',
        },
      },
    ],
  };
}
