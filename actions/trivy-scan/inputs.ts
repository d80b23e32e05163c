import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import { imageReferenceForm, isImageReference } from '@deploy-kit/image';
import {
  isSeverity,
  SCAN_TYPES,
  SCANNERS,
  SEVERITIES,
  type ScanType,
  type Scanner,
  type Severity,
} from '@deploy-kit/trivy';

export const trivyForms = {
  severities: `severities from ${SEVERITIES.join(', ')}, comma- or newline-separated`,
  failOn: `severities from ${SEVERITIES.join(', ')}, or none`,
  scanners: `scanners from ${SCANNERS.join(', ')}`,
  path: "a path relative to the workspace (or absolute) without '..' segments, not starting with '-'",
  version: 'a Trivy release version like 0.72.0 (no leading v)',
  downloadUrl: 'an http(s) URL of the release directory; {version} is replaced',
  repository: 'OCI repositories like mirror.gcr.io/aquasec/trivy-db:2',
};

const VERSION = /^\d+\.\d+\.\d+$/;
const REPOSITORY = /^[a-z0-9][a-z0-9.-]*(?::\d{1,5})?(?:\/[a-z0-9._-]+)+(?::[A-Za-z0-9_.-]+)?$/;

/** Every input of trivy-scan/action.yml, read once; keys are the action.yml names. */
export interface Inputs {
  'scan-type': ScanType;
  /** The image reference (scan-type image) or path (fs, config). */
  target: string;
  severity: Severity[];
  'fail-on': Severity[];
  'fail-on-fixable-only': boolean;
  'ignore-unfixed': boolean;
  scanners: Scanner[];
  'skip-dirs': string[];
  trivyignore?: string;
  timeout: number;
  'trivy-version': string;
  'download-url': string;
  'trivy-path'?: string;
  'cache-db': boolean;
  'cache-results': boolean;
  'db-repository': string[];
  'max-db-age': number;
  'output-dir': string;
  'summary-limit': number;
}

/** A runner-side path: on one line, never an option, never climbing out with `..`. */
export function isSafeRunnerPath(path: string): boolean {
  return (
    path.length > 0 &&
    !path.startsWith('-') &&
    !hasControlCharacter(path) &&
    !path.split(/[\\/]/).some((segment) => segment === '..')
  );
}

function checkedPath(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isSafeRunnerPath(value))
    throw new ConfigurationError(messages.invalidInput(name, trivyForms.path, value));
  return value;
}

function severities(name: string, list: string[], allowNone: boolean): Severity[] {
  const accepted = allowNone ? trivyForms.failOn : trivyForms.severities;
  const items = list.map((s) => s.toUpperCase());
  if (allowNone && items.length === 1 && items[0] === 'NONE') return [];
  for (const item of items)
    if (!isSeverity(item)) throw new ConfigurationError(messages.invalidInput(name, accepted, item));
  return [...new Set(items as Severity[])];
}

export function readInputs(read: InputReader): Inputs {
  const scanType = read.enum('scan-type', SCAN_TYPES);
  const imageRef = read.string('image-ref');
  const scanRef = checkedPath('scan-ref', read.string('scan-ref'));
  let target: string;
  if (scanType === 'image') {
    if (scanRef !== undefined)
      throw new ConfigurationError(
        "Input 'scan-ref' is for scan-type fs or config; images go in 'image-ref'",
      );
    if (imageRef === undefined)
      throw new ConfigurationError(messages.requiredInput('image-ref', imageReferenceForm));
    if (!isImageReference(imageRef))
      throw new ConfigurationError(messages.invalidInput('image-ref', imageReferenceForm, imageRef));
    target = imageRef;
  } else {
    if (imageRef !== undefined)
      throw new ConfigurationError(
        `Input 'image-ref' is for scan-type image; scan-type ${scanType} reads 'scan-ref'`,
      );
    target = scanRef ?? '.';
  }
  const scanners = read.list('scanners', { accepted: trivyForms.scanners });
  for (const scanner of scanners)
    if (!(SCANNERS as readonly string[]).includes(scanner))
      throw new ConfigurationError(messages.invalidInput('scanners', trivyForms.scanners, scanner));
  if (scanType === 'config' && scanners.length)
    throw new ConfigurationError(
      "Input 'scanners' does not apply to scan-type config (it scans configuration only)",
    );
  const skipDirs = read.list('skip-dirs', { accepted: trivyForms.path });
  for (const dir of skipDirs)
    if (!isSafeRunnerPath(dir))
      throw new ConfigurationError(messages.invalidInput('skip-dirs', trivyForms.path, dir));
  const version = read.string('trivy-version', {
    required: true,
    pattern: VERSION,
    accepted: trivyForms.version,
  });
  const downloadUrl = read.string('download-url', { required: true, accepted: trivyForms.downloadUrl });
  const probe = downloadUrl.replaceAll('{version}', version);
  if (!/^https?:\/\/[^\s]+$/.test(probe) || !URL.canParse(probe))
    throw new ConfigurationError(messages.invalidInput('download-url', trivyForms.downloadUrl, downloadUrl));
  const repositories = read.list('db-repository', {
    required: true,
    item: REPOSITORY,
    accepted: trivyForms.repository,
  });
  return {
    'scan-type': scanType,
    target,
    severity: severities(
      'severity',
      read.list('severity', { required: true, accepted: trivyForms.severities }),
      false,
    ),
    'fail-on': severities(
      'fail-on',
      read.list('fail-on', { required: true, accepted: trivyForms.failOn }),
      true,
    ),
    'fail-on-fixable-only': read.boolean('fail-on-fixable-only'),
    'ignore-unfixed': read.boolean('ignore-unfixed'),
    scanners: scanners as Scanner[],
    'skip-dirs': skipDirs,
    trivyignore: checkedPath('trivyignore', read.string('trivyignore')),
    timeout: read.requiredDuration('timeout', { minMs: 1000, maxMs: 6 * 3_600_000 }),
    'trivy-version': version,
    'download-url': downloadUrl,
    'trivy-path': checkedPath('trivy-path', read.string('trivy-path')),
    'cache-db': read.boolean('cache-db'),
    'cache-results': read.boolean('cache-results'),
    'db-repository': repositories,
    'max-db-age': read.requiredDuration('max-db-age', { minMs: 0, maxMs: 90 * 24 * 3_600_000 }),
    'output-dir': checkedPath('output-dir', read.string('output-dir')) ?? 'trivy-results',
    'summary-limit': read.requiredInt('summary-limit', { min: 1, max: 1000 }),
  };
}
