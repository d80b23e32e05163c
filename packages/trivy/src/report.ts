import { ActionFailedError, errorMessage } from '@deploy-kit/core';

/** Trivy's severities, worst first: the order of every table and count. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];

// The subset of Trivy's `--format json` report (SchemaVersion 2) deploy-kit reads. Go's omitempty
// means any of these may be absent, so every field is optional.
export interface TrivyVulnerability {
  VulnerabilityID?: string;
  PkgName?: string;
  PkgPath?: string;
  InstalledVersion?: string;
  FixedVersion?: string;
  Status?: string;
  Severity?: string;
  Title?: string;
  Description?: string;
  PrimaryURL?: string;
  CVSS?: Record<string, { V3Score?: number; V2Score?: number; V40Score?: number }>;
}

export interface TrivyMisconfiguration {
  ID?: string;
  AVDID?: string;
  Title?: string;
  Description?: string;
  Message?: string;
  Resolution?: string;
  Severity?: string;
  PrimaryURL?: string;
  Status?: string;
  CauseMetadata?: { StartLine?: number; EndLine?: number; Resource?: string };
}

export interface TrivySecret {
  RuleID?: string;
  Category?: string;
  Severity?: string;
  Title?: string;
  StartLine?: number;
  EndLine?: number;
}

export interface TrivyResult {
  Target?: string;
  Class?: string;
  Type?: string;
  Vulnerabilities?: TrivyVulnerability[];
  Misconfigurations?: TrivyMisconfiguration[];
  Secrets?: TrivySecret[];
}

export interface TrivyReport {
  SchemaVersion?: number;
  Trivy?: { Version?: string };
  ArtifactID?: string;
  ArtifactName?: string;
  ArtifactType?: string;
  Metadata?: { ImageID?: string; RepoDigests?: string[] };
  Results?: TrivyResult[];
}

export type FindingKind = 'vulnerability' | 'misconfiguration' | 'secret';

/** One finding, whatever Trivy scanner produced it; the unit of counts, gate, SARIF and summary. */
export interface Finding {
  kind: FindingKind;
  id: string;
  severity: Severity;
  /** Where: every Trivy target (image layer OS, lock file, config file) the finding appears in. */
  targets: string[];
  /** Package name (vulnerabilities) or resource (misconfigurations). */
  subject?: string;
  installed?: string;
  fixed?: string;
  /**
   * A vulnerability with a fixed version. Misconfigurations and secrets are always fixable: the fix
   * is in the user's own files.
   */
  fixable: boolean;
  title: string;
  description?: string;
  url?: string;
  line?: number;
  /** Highest CVSS base score any source gives (vulnerabilities). */
  score?: number;
}

export function isSeverity(text: string): text is Severity {
  return (SEVERITIES as readonly string[]).includes(text);
}

function severityOf(text: string | undefined): Severity {
  const upper = (text ?? '').toUpperCase();
  return isSeverity(upper) ? upper : 'UNKNOWN';
}

/**
 * Parses Trivy's JSON output. Anything else (an error page, a truncated file, the pre-0.20 bare
 * array) is an operational failure: a report that cannot be read must never pass the gate.
 */
export function parseReport(text: string, source = 'Trivy output'): TrivyReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    throw new ActionFailedError(`${source} is not JSON (${reason}); refusing to treat it as a clean scan`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ActionFailedError(
      `${source} is not a Trivy report (SchemaVersion 2 object expected; Trivy before 0.20 is not supported)`,
    );
  const report = parsed as TrivyReport;
  if (report.SchemaVersion !== 2)
    throw new ActionFailedError(
      `${source} has SchemaVersion ${String(report.SchemaVersion)}; deploy-kit reads SchemaVersion 2`,
    );
  if (report.Results !== undefined && !Array.isArray(report.Results))
    throw new ActionFailedError(`${source}: 'Results' is not a list`);
  return report;
}

function bestScore(cvss: TrivyVulnerability['CVSS']): number | undefined {
  const scores = Object.values(cvss ?? {}).flatMap((s) => [s.V40Score, s.V3Score, s.V2Score]);
  const numbers = scores.filter((s): s is number => typeof s === 'number');
  return numbers.length ? Math.max(...numbers) : undefined;
}

/**
 * Every finding of the report, de-duplicated: the same vulnerability in the same package version
 * found in several targets (two jars, two lock files) is one finding listing both targets.
 * Misconfigurations count only when they failed; secrets always.
 */
export function findingsOf(report: TrivyReport): Finding[] {
  const byKey = new Map<string, Finding>();
  const add = (key: string, finding: Finding): void => {
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, finding);
    else
      for (const target of finding.targets)
        if (!existing.targets.includes(target)) existing.targets.push(target);
  };
  for (const result of report.Results ?? []) {
    const target = result.Target || report.ArtifactName || '.';
    for (const v of result.Vulnerabilities ?? []) {
      const id = v.VulnerabilityID ?? 'unknown';
      const fixed = v.FixedVersion || undefined;
      add(`v\0${id}\0${v.PkgName ?? ''}\0${v.InstalledVersion ?? ''}`, {
        kind: 'vulnerability',
        id,
        severity: severityOf(v.Severity),
        targets: [target],
        subject: v.PkgName,
        installed: v.InstalledVersion,
        fixed,
        fixable: fixed !== undefined,
        title: v.Title || id,
        description: v.Description,
        url: v.PrimaryURL,
        score: bestScore(v.CVSS),
      });
    }
    for (const m of result.Misconfigurations ?? []) {
      if (m.Status !== undefined && m.Status !== 'FAIL') continue;
      const id = m.ID ?? m.AVDID ?? 'unknown';
      const line = m.CauseMetadata?.StartLine || undefined;
      add(`m\0${id}\0${target}\0${line ?? ''}\0${m.CauseMetadata?.Resource ?? ''}`, {
        kind: 'misconfiguration',
        id,
        severity: severityOf(m.Severity),
        targets: [target],
        subject: m.CauseMetadata?.Resource || undefined,
        fixable: true,
        title: m.Title || m.Message || id,
        description: [m.Message, m.Resolution].filter(Boolean).join(' — ') || m.Description,
        url: m.PrimaryURL,
        line,
      });
    }
    for (const s of result.Secrets ?? []) {
      const id = s.RuleID ?? 'secret';
      add(`s\0${id}\0${target}\0${s.StartLine ?? ''}`, {
        kind: 'secret',
        id,
        severity: severityOf(s.Severity),
        targets: [target],
        subject: s.Category,
        fixable: true,
        title: s.Title || id,
        line: s.StartLine || undefined,
      });
    }
  }
  return [...byKey.values()];
}

/** Worst first, then by fix availability (actionable first), then id: the order users read. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    Number(b.fixable) - Number(a.fixable) ||
    (b.score ?? 0) - (a.score ?? 0) ||
    a.id.localeCompare(b.id) ||
    (a.subject ?? '').localeCompare(b.subject ?? '')
  );
}
