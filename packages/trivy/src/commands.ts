// Pure argv builders for every Trivy invocation: no shell, targets after `--` so a value can never
// be read as an option.

export const SCAN_TYPES = ['image', 'fs', 'config'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

export const SCANNERS = ['vuln', 'misconfig', 'secret', 'license'] as const;
export type Scanner = (typeof SCANNERS)[number];

export interface ScanOptions {
  scanType: ScanType;
  /** Image reference or path. */
  target: string;
  /** Empty: Trivy's default for the scan type. */
  scanners: readonly Scanner[];
  skipDirs: readonly string[];
  ignoreFile?: string;
  timeoutMs: number;
  cacheDir: string;
  outputFile: string;
}

/** Whether the scan reads the vulnerability database (config scans and non-vuln scanners do not). */
export function needsVulnerabilityDb(scanType: ScanType, scanners: readonly Scanner[]): boolean {
  if (scanType === 'config') return false;
  return scanners.length === 0 || scanners.includes('vuln');
}

export function versionArgv(trivy: string): string[] {
  return [trivy, '--version'];
}

/** Downloads the vulnerability database from one repository into the cache dir, nothing else. */
export function dbDownloadArgv(
  trivy: string,
  cacheDir: string,
  repository: string,
  timeoutMs: number,
): string[] {
  return [
    trivy,
    'image',
    '--download-db-only',
    '--no-progress',
    '--cache-dir',
    cacheDir,
    '--db-repository',
    repository,
    '--timeout',
    `${Math.ceil(timeoutMs / 1000)}s`,
  ];
}

/**
 * One scan, every severity, JSON to a file: counts, gate, SARIF and summary are all derived from
 * this one report. The database was prepared beforehand, so the scan never downloads one itself.
 */
export function scanArgv(trivy: string, options: ScanOptions): string[] {
  const argv = [
    trivy,
    options.scanType,
    '--format',
    'json',
    '--output',
    options.outputFile,
    '--no-progress',
    '--cache-dir',
    options.cacheDir,
    '--timeout',
    `${Math.ceil(options.timeoutMs / 1000)}s`,
  ];
  if (options.scanType !== 'config') argv.push('--skip-db-update');
  if (options.scanners.length) argv.push('--scanners', options.scanners.join(','));
  for (const dir of options.skipDirs) argv.push('--skip-dirs', dir);
  if (options.ignoreFile) argv.push('--ignorefile', options.ignoreFile);
  argv.push('--', options.target);
  return argv;
}
