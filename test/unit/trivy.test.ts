// trivy-scan's pure parts on every real Trivy report we have: counts, gate, SARIF, summary, argv,
// install helpers, and input validation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { ConfigurationError, InputReader, SecretRegistry } from '@deploy-kit/core';
import {
  DEFAULT_DB_REPOSITORIES,
  DEFAULT_DOWNLOAD_URL,
  DEFAULT_TRIVY_VERSION,
  dbDownloadArgv,
  evaluateGate,
  expectedChecksum,
  PINNED_TRIVY_SHA256,
  findingsOf,
  locationUri,
  parseReport,
  releaseAsset,
  releasePlatform,
  scanArgv,
  scanSummary,
  SEVERITIES,
  toSarif,
  type GatePolicy,
  type Severity,
} from '@deploy-kit/trivy';
import { readInputs } from '../../actions/trivy-scan/inputs.js';
import { testBadInputs, type BadInput } from '../support/bad-inputs.js';
import { injectionStrings } from '../support/injections.js';
import { repoRoot, fixturesDir } from '../support/paths.js';

const jsonDir = join(fixturesDir, 'trivy', 'json');
const fixtures = readdirSync(jsonDir).filter((f) => f.endsWith('.json'));
const load = (name: string): string => readFileSync(join(jsonDir, name), 'utf8');

interface RawReport {
  ArtifactName?: string;
  Results?: Array<{
    Target?: string;
    Vulnerabilities?: Array<{
      VulnerabilityID: string;
      PkgName?: string;
      InstalledVersion?: string;
      FixedVersion?: string;
      Severity: string;
    }>;
    Misconfigurations?: Array<{
      ID: string;
      Severity: string;
      Status?: string;
      CauseMetadata?: { StartLine?: number };
    }>;
    Secrets?: Array<{ RuleID: string; Severity: string; StartLine?: number }>;
  }>;
}

/**
 * Counts computed here, independently of the package: one entry per distinct vulnerability in a
 * package version (whatever the target), per failed misconfiguration and per secret.
 */
function independentCounts(text: string, options: { ignoreUnfixed?: boolean } = {}): Record<string, number> {
  const raw = JSON.parse(text) as RawReport;
  const seen = new Map<string, { severity: string; fixed: boolean }>();
  for (const r of raw.Results ?? []) {
    for (const v of r.Vulnerabilities ?? [])
      seen.set(`${v.VulnerabilityID}|${v.PkgName}|${v.InstalledVersion}`, {
        severity: v.Severity,
        fixed: !!v.FixedVersion,
      });
    for (const m of r.Misconfigurations ?? [])
      if ((m.Status ?? 'FAIL') === 'FAIL')
        seen.set(`m|${m.ID}|${r.Target}|${m.CauseMetadata?.StartLine}|${JSON.stringify(m.CauseMetadata)}`, {
          severity: m.Severity,
          fixed: true,
        });
    for (const s of r.Secrets ?? [])
      seen.set(`s|${s.RuleID}|${r.Target}|${s.StartLine}`, { severity: s.Severity, fixed: true });
  }
  const counts: Record<string, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
  for (const { severity, fixed } of seen.values())
    if (!(options.ignoreUnfixed && !fixed)) counts[severity]! += 1;
  return counts;
}

const ALL: GatePolicy = { severity: SEVERITIES, failOn: [], ignoreUnfixed: false, failOnFixableOnly: false };

describe.each(fixtures)('%s', (name) => {
  const text = load(name);
  const findings = findingsOf(parseReport(text));

  test('counts per severity equal an independent count of the file', () => {
    expect(evaluateGate(findings, ALL).counts).toEqual(independentCounts(text));
    expect(evaluateGate(findings, { ...ALL, ignoreUnfixed: true }).counts).toEqual(
      independentCounts(text, { ignoreUnfixed: true }),
    );
  });

  test('SARIF is valid SARIF 2.1.0 and holds exactly the reported severities', () => {
    for (const severity of [SEVERITIES, ['CRITICAL', 'HIGH'] as Severity[]]) {
      const gate = evaluateGate(findings, { ...ALL, severity });
      const sarif = toSarif(parseReport(text), gate.reported, '0.72.0');
      expect(validateSarif(sarif)).toEqual([]);
      const results = (sarif.runs[0]!.results as Array<{ ruleId: string }>).map((r) => r.ruleId);
      expect(results.length).toBe(gate.reported.reduce((n, f) => n + f.targets.length, 0));
      const allowed = new Set(findings.filter((f) => severity.includes(f.severity)).map((f) => f.id));
      for (const id of results) expect(allowed.has(id)).toBe(true);
    }
  });
});

const sarifSchema = JSON.parse(
  readFileSync(join(fixturesDir, 'schemas', 'sarif-2.1.0.json'), 'utf8'),
) as object;
const sarifValidator = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
  sarifSchema,
);
function validateSarif(sarif: unknown): unknown[] {
  return sarifValidator(sarif) ? [] : (sarifValidator.errors ?? []);
}

test('control: the SARIF validator rejects a result without a message', () => {
  const sarif = toSarif(
    parseReport(load('alpine-39.json')),
    findingsOf(parseReport(load('alpine-39.json'))),
    '1',
  );
  expect(validateSarif(sarif)).toEqual([]);
  delete (sarif.runs[0]!.results as Array<Record<string, unknown>>)[0]!.message;
  expect(validateSarif(sarif)).not.toEqual([]);
});

describe('gate', () => {
  const gateOf = (name: string, policy: Partial<GatePolicy>) =>
    evaluateGate(findingsOf(parseReport(load(name))), { ...ALL, failOn: ['CRITICAL', 'HIGH'], ...policy });
  const count = (
    name: string,
    severities: readonly string[],
    options: { ignoreUnfixed?: boolean } = {},
  ): number => {
    const counts = independentCounts(load(name), options);
    return severities.reduce((n, s) => n + counts[s]!, 0);
  };
  const unfixedCritical = (name: string): number =>
    (JSON.parse(load(name)) as RawReport)
      .Results!.flatMap((r) => r.Vulnerabilities ?? [])
      .filter((v) => v.Severity === 'CRITICAL' && !v.FixedVersion).length;

  test.each<[string, Partial<GatePolicy>]>([
    ['alpine-310.json', {}],
    ['alpine-39.json', {}],
    ['alpine-39.json', { failOn: ['HIGH'] as Severity[] }],
    ['alpine-39.json', { failOn: [] as Severity[] }],
    ['busybox-with-lockfile.json', {}],
    ['busybox-with-lockfile.json', { failOn: ['CRITICAL'] as Severity[] }],
    ['centos-7.json', { failOn: ['LOW', 'MEDIUM'] as Severity[] }],
    ['secrets.json', {}],
    ['trivy-action-config-scan.json', { failOn: ['HIGH'] as Severity[] }],
    ['cargo.lock.json', { failOn: [...SEVERITIES] }],
  ])('%s with %j fails exactly on the fail-on severities', (name, policy) => {
    const failOn = policy.failOn ?? ['CRITICAL', 'HIGH'];
    const gate = gateOf(name, policy);
    expect(gate.failing.length).toBe(count(name, failOn));
    expect(gate.passed).toBe(count(name, failOn) === 0);
  });

  test('ignore-unfixed drops unfixed vulnerabilities from report and gate', () => {
    for (const name of ['debian-buster.json', 'distroless-base.json', 'centos-7.json']) {
      const gate = gateOf(name, { ignoreUnfixed: true, failOn: [...SEVERITIES] });
      expect(gate.failing.length).toBe(count(name, [...SEVERITIES], { ignoreUnfixed: true }));
      expect(gate.reported.every((f) => f.fixable)).toBe(true);
      expect(gate.total).toBeLessThan(evaluateGate(findingsOf(parseReport(load(name))), ALL).total);
    }
  });

  test('fail-on-fixable-only: unfixed findings are reported but do not fail', () => {
    const name = 'debian-buster.json';
    const all = gateOf(name, { failOn: ['CRITICAL', 'LOW'] });
    const fixableOnly = gateOf(name, { failOn: ['CRITICAL', 'LOW'], failOnFixableOnly: true });
    expect(fixableOnly.total).toBe(all.total);
    expect(fixableOnly.failing.every((f) => f.fixable)).toBe(true);
    expect(all.failing.length - fixableOnly.failing.length).toBe(
      all.failing.filter((f) => !f.fixable).length,
    );
    expect(all.failing.filter((f) => !f.fixable).length).toBeGreaterThan(0);
    expect(unfixedCritical('alpine-39.json')).toBe(0);
  });

  test('a severity not reported still fails the gate when it is in fail-on', () => {
    const gate = gateOf('alpine-39.json', { severity: ['MEDIUM'], failOn: ['CRITICAL'] });
    expect(gate.counts.CRITICAL).toBe(0);
    expect(gate.passed).toBe(false);
  });

  test('the same vulnerability in two targets is one finding listing both', () => {
    const report = parseReport(load('gomod.json'));
    const doubled = {
      ...report,
      Results: [...report.Results!, { ...report.Results![0]!, Target: 'other/go.mod' }],
    };
    const findings = findingsOf(doubled);
    expect(findings.length).toBe(findingsOf(report).length);
    expect(findings.some((f) => f.targets.includes('other/go.mod') && f.targets.length === 2)).toBe(true);
  });
});

describe('parseReport refuses what is not a Trivy report', () => {
  test.each([
    ['<html>rate limited</html>', /is not JSON/],
    ['', /is not JSON/],
    ['[]', /Trivy before 0\.20 is not supported/],
    ['{"SchemaVersion": 1}', /SchemaVersion 1/],
    ['{"SchemaVersion": 2, "Results": {}}', /'Results' is not a list/],
  ])('%j', (text, message) => {
    expect(() => parseReport(text)).toThrow(message);
  });

  test('a report with no Results is zero findings, not an error', () => {
    expect(findingsOf(parseReport('{"SchemaVersion": 2, "ArtifactName": "x"}'))).toEqual([]);
  });
});

describe('summary', () => {
  const facts = {
    subject: 'ghcr.io/acme/shop@sha256:ab',
    scanType: 'image',
    trivyVersion: '0.72.0',
    dbUpdatedAt: '2026-11-22T06:00:00Z',
    fromCache: false,
    reportFile: '/w/trivy-results/shop.json',
    sarifFile: '/w/trivy-results/shop.sarif',
  };

  test('counts, verdict, rows worst first with linked ids and fixed versions, capped with "N more"', () => {
    const policy = { ...ALL, failOn: ['CRITICAL'] as Severity[] };
    const gate = evaluateGate(findingsOf(parseReport(load('alpine-39.json'))), policy);
    const text = scanSummary(gate, policy, facts, 3).toString();
    expect(text).toMatch(/⛔ failed: 2 finding/);
    const rows = text.split('\n').filter((l) => /^\| (⛔ )?(CRITICAL|HIGH|MEDIUM|LOW) \| \[CVE/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^\| ⛔ CRITICAL \| \[CVE-[\d-]+\]\(https:\/\/avd\.aquasec\.com\/nvd\/cve-[\d-]+\) \|/,
    );
    expect(rows[2]).toMatch(/^\| MEDIUM/);
    expect(rows[0]).toMatch(/\d[^|]* → [^|]*\d/); // installed → fixed
    expect(text).toContain(`… and ${gate.reported.length - 3} more`);
  });

  test('zero findings say so', () => {
    const gate = evaluateGate(findingsOf(parseReport(load('cargo.lock.json'))), ALL);
    expect(scanSummary(gate, ALL, facts, 50).toString()).toMatch(/✅ passed[\s\S]*No findings\./);
  });

  test('secrets and misconfigurations get their own rows (type, line)', () => {
    const secrets = evaluateGate(findingsOf(parseReport(load('secrets.json'))), ALL);
    expect(scanSummary(secrets, ALL, facts, 50).toString()).toMatch(/\| secret \| AWS \| line \d+ \|/);
    const config = evaluateGate(findingsOf(parseReport(load('trivy-action-config-scan.json'))), ALL);
    expect(scanSummary(config, ALL, facts, 50).toString()).toMatch(
      /\| config \| aws\\_s3\\_bucket\.\w+ \| line \d+ \|/,
    );
  });

  test('a title cannot break the table or inject HTML', () => {
    const report = parseReport(load('alpine-310.json'));
    report.Results![0]!.Vulnerabilities![0]!.Title = 'a | b <img src=x> \n c';
    const gate = evaluateGate(findingsOf(report), ALL);
    const text = scanSummary(gate, ALL, facts, 50).toString();
    expect(text).not.toContain('<img');
    expect(text).toContain('a \\| b &lt;img src=x&gt; <br> c');
  });
});

describe('argv', () => {
  const base = {
    scanType: 'image' as const,
    target: 'ghcr.io/acme/shop@sha256:ab',
    scanners: [],
    skipDirs: [],
    timeoutMs: 600_000,
    cacheDir: '/c',
    outputFile: '/o/r.json',
  };
  test.each([
    [
      base,
      [
        'trivy',
        'image',
        '--format',
        'json',
        '--output',
        '/o/r.json',
        '--no-progress',
        '--cache-dir',
        '/c',
        '--timeout',
        '600s',
        '--skip-db-update',
        '--',
        'ghcr.io/acme/shop@sha256:ab',
      ],
    ],
    [
      {
        ...base,
        scanType: 'fs' as const,
        target: '-rf',
        scanners: ['vuln', 'secret'] as const,
        skipDirs: ['node_modules', 'a b'],
        ignoreFile: '.trivyignore',
        timeoutMs: 1500,
      },
      [
        'trivy',
        'fs',
        '--format',
        'json',
        '--output',
        '/o/r.json',
        '--no-progress',
        '--cache-dir',
        '/c',
        '--timeout',
        '2s',
        '--skip-db-update',
        '--scanners',
        'vuln,secret',
        '--skip-dirs',
        'node_modules',
        '--skip-dirs',
        'a b',
        '--ignorefile',
        '.trivyignore',
        '--',
        '-rf',
      ],
    ],
    [
      { ...base, scanType: 'config' as const, target: 'infra' },
      [
        'trivy',
        'config',
        '--format',
        'json',
        '--output',
        '/o/r.json',
        '--no-progress',
        '--cache-dir',
        '/c',
        '--timeout',
        '600s',
        '--',
        'infra',
      ],
    ],
  ])('scanArgv %#', (options, argv) => {
    expect(scanArgv('trivy', options)).toEqual(argv);
  });

  test('dbDownloadArgv', () => {
    expect(dbDownloadArgv('/t/trivy', '/c', 'mirror.gcr.io/aquasec/trivy-db:2', 60_000)).toEqual([
      '/t/trivy',
      'image',
      '--download-db-only',
      '--no-progress',
      '--cache-dir',
      '/c',
      '--db-repository',
      'mirror.gcr.io/aquasec/trivy-db:2',
      '--timeout',
      '60s',
    ]);
  });
});

describe('install helpers', () => {
  test('release asset names and URLs follow Trivy releases', () => {
    expect(releasePlatform('linux', 'x64')).toBe('Linux-64bit');
    expect(releasePlatform('darwin', 'arm64')).toBe('macOS-ARM64');
    expect(() => releasePlatform('win32', 'x64')).toThrow(/set 'trivy-path'/);
    expect(releaseAsset(DEFAULT_DOWNLOAD_URL, '0.72.0', 'Linux-64bit')).toEqual({
      archiveName: 'trivy_0.72.0_Linux-64bit.tar.gz',
      archiveUrl:
        'https://github.com/aquasecurity/trivy/releases/download/v0.72.0/trivy_0.72.0_Linux-64bit.tar.gz',
      checksumsUrl:
        'https://github.com/aquasecurity/trivy/releases/download/v0.72.0/trivy_0.72.0_checksums.txt',
    });
  });

  test('the checksum is taken from the line naming the exact file', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    const text = `${a}  trivy_1_Linux-64bit.tar.gz.sig\r\n${b}  trivy_1_Linux-64bit.tar.gz\n`;
    expect(expectedChecksum(text, 'trivy_1_Linux-64bit.tar.gz')).toBe('b'.repeat(64));
    expect(expectedChecksum(text, 'trivy_1_Linux-ARM64.tar.gz')).toBeUndefined();
    expect(expectedChecksum(`${a.slice(1)}  f\n`, 'f')).toBeUndefined();
  });

  test('SARIF locations are URI references', () => {
    expect(locationUri('img.tar.gz (alpine 3.10.2)')).toBe('img.tar.gz');
    expect(locationUri('dir with space/a#b?.json')).toBe('dir%20with%20space/a%23b%3F.json');
  });
});

describe('inputs', () => {
  const spec = parse(readFileSync(join(repoRoot, 'trivy-scan', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const defaults = Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, v.default ?? '']));
  const read = (values: Record<string, string>) =>
    readInputs(
      new InputReader(
        (name) => ({ ...defaults, 'image-ref': 'shop:1', ...values })[name],
        new SecretRegistry(),
      ),
    );

  test('action.yml defaults are the package constants', () => {
    expect(defaults['trivy-version']).toBe(DEFAULT_TRIVY_VERSION);
    expect(defaults['download-url']).toBe(DEFAULT_DOWNLOAD_URL);
    expect(defaults['db-repository']!.split(',')).toEqual(DEFAULT_DB_REPOSITORIES);
    expect(read({})).toMatchObject({
      'scan-type': 'image',
      target: 'shop:1',
      severity: [...SEVERITIES],
      'fail-on': ['CRITICAL', 'HIGH'],
      timeout: 600_000,
      'max-db-age': 72 * 3_600_000,
    });
  });

  test('fail-on none, lower-case severities, config scans of a path', () => {
    expect(read({ 'fail-on': 'none', severity: 'critical, high' })).toMatchObject({
      'fail-on': [],
      severity: ['CRITICAL', 'HIGH'],
    });
    expect(read({ 'scan-type': 'config', 'image-ref': '', 'scan-ref': 'infra/tf' })).toMatchObject({
      target: 'infra/tf',
    });
  });

  const bad: BadInput[] = [
    ['scan-type', { 'scan-type': 'repo' }, /Input 'scan-type' must be one of image, fs, config/],
    ['image-ref', { 'image-ref': 'Shop:1' }, /Input 'image-ref' must be an image reference/],
    ['image-ref', { 'image-ref': '' }, /Input 'image-ref' is required/],
    ['image-ref', { 'scan-type': 'fs', 'image-ref': 'shop:1' }, /'image-ref' is for scan-type image/],
    ['scan-ref', { 'scan-ref': 'x' }, /'scan-ref' is for scan-type fs or config/],
    [
      'severity',
      { severity: 'CRITICAL,SEVERE' },
      /Input 'severity' must be severities from CRITICAL.*got "SEVERE"/,
    ],
    ['severity', { severity: 'none' }, /Input 'severity' must be severities/],
    ['fail-on', { 'fail-on': 'HIGH,none' }, /Input 'fail-on' must be severities .* or none, got "NONE"/],
    [
      'fail-on-fixable-only',
      { 'fail-on-fixable-only': 'yes' },
      /Input 'fail-on-fixable-only' must be true or false/,
    ],
    ['ignore-unfixed', { 'ignore-unfixed': '1' }, /Input 'ignore-unfixed' must be true or false/],
    ['scanners', { scanners: 'vuln,rootkit' }, /Input 'scanners' must be scanners from/],
    ['scanners', { 'scan-type': 'config', 'image-ref': '', scanners: 'vuln' }, /'scanners' does not apply/],
    ['skip-dirs', { 'skip-dirs': 'a,../etc' }, /Input 'skip-dirs' must be a path .*got "..\/etc"/],
    ['trivyignore', { trivyignore: '../.trivyignore' }, /Input 'trivyignore' must be a path/],
    ['timeout', { timeout: '10 minutes' }, /Input 'timeout' must be a duration/],
    ['timeout', { timeout: '7h' }, /Input 'timeout' must be a duration.*between/],
    [
      'trivy-version',
      { 'trivy-version': 'v0.72.0' },
      /Input 'trivy-version' must be a Trivy release version/,
    ],
    [
      'download-url',
      { 'download-url': 'ftp://mirror/{version}' },
      /Input 'download-url' must be an http\(s\) URL/,
    ],
    ['trivy-path', { 'trivy-path': '-x' }, /Input 'trivy-path' must be a path/],
    ['cache-db', { 'cache-db': 'on' }, /Input 'cache-db' must be true or false/],
    ['cache-results', { 'cache-results': 'off' }, /Input 'cache-results' must be true or false/],
    [
      'db-repository',
      { 'db-repository': 'mirror.gcr.io/aquasec/trivy-db:2;id' },
      /Input 'db-repository' must be OCI repositories/,
    ],
    ['max-db-age', { 'max-db-age': '3 days' }, /Input 'max-db-age' must be a duration/],
    ['output-dir', { 'output-dir': 'out/../../x' }, /Input 'output-dir' must be a path/],
    ['summary-limit', { 'summary-limit': '0' }, /Input 'summary-limit' must be an integer/],
  ];
  testBadInputs(read, bad, Object.keys(spec.inputs));

  test.each(injectionStrings('/tmp/dk-pwned'))(
    'injection %j is refused wherever it reaches a path or command',
    (value) => {
      for (const input of ['scan-ref', 'trivyignore', 'trivy-path', 'output-dir', 'skip-dirs']) {
        const values =
          input === 'scan-ref'
            ? { 'scan-type': 'fs', 'image-ref': '', 'scan-ref': value }
            : { [input]: value };
        // `; touch x` and the like are legal file names for argv-only use; what is refused is what
        // could read as an option, break a line or climb out.
        // (For skip-dirs, a newline separates two items.)
        const newline = value.includes('\n') && input !== 'skip-dirs';
        const dangerous = value.startsWith('-') || newline || value.split('/').includes('..');
        if (dangerous) expect(() => read(values)).toThrow(ConfigurationError);
      }
      expect(() => read({ 'image-ref': value })).toThrow(/Input 'image-ref' must be an image reference/);
      expect(() => read({ 'db-repository': value })).toThrow(/Input 'db-repository'/);
      if (/\s/.test(value))
        expect(() => read({ 'download-url': `https://m/${value}` })).toThrow(/Input 'download-url'/);
    },
  );
});

test('the default Trivy version has a well-formed pinned SHA-256 for every platform deploy-kit installs on', () => {
  for (const [platform, arch] of [
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'x64'],
    ['darwin', 'arm64'],
  ] as const) {
    const asset = releaseAsset(DEFAULT_DOWNLOAD_URL, DEFAULT_TRIVY_VERSION, releasePlatform(platform, arch));
    expect(PINNED_TRIVY_SHA256[asset.archiveName]).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(
    Object.keys(PINNED_TRIVY_SHA256).every((name) => name.startsWith(`trivy_${DEFAULT_TRIVY_VERSION}_`)),
  ).toBe(true);
});
