import type { ProbeResponse } from './probe.js';

export interface StatusRange {
  min: number;
  max: number;
}

export interface Expectations {
  status: readonly StatusRange[];
  body?: { substring: string } | { regex: RegExp };
  version?: string;
  followRedirects: boolean;
}

export interface Verdict {
  ok: boolean;
  /** Why it failed, in words a user can act on. */
  reason?: string;
}

export const STATUS_FORM = 'HTTP status codes 100-599 as a list or ranges, like 200,204 or 200-299';

/** Parses `200-299`, `200,204`, `200-204,301`; undefined when malformed. */
export function parseStatusRanges(text: string): StatusRange[] | undefined {
  const ranges: StatusRange[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    if (!match) return undefined;
    const min = Number(match[1]);
    const max = Number(match[2] ?? match[1]);
    if (min < 100 || max > 599 || min > max) return undefined;
    ranges.push({ min, max });
  }
  return ranges.length > 0 ? ranges : undefined;
}

export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((r) => (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`)).join(',');
}

/** `/pattern/flags` is a regular expression, anything else a substring. Undefined if the regex is invalid. */
export function parseBodyExpectation(text: string): Expectations['body'] | undefined {
  const match = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!match) return { substring: text };
  try {
    // Drop g/y: they make RegExp.test stateful between probes.
    const [, source = '', flags = ''] = match;
    return { regex: new RegExp(source, flags.replace(/[gy]/g, '')) };
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The version must appear as a whole token (a `v` prefix allowed): expecting `1.2` must not accept a
 * body saying `1.2.1`.
 * When the app sends `X-Version`, that header is authoritative.
 */
export function carriesVersion(response: ProbeResponse, version: string): boolean {
  const header = response.headers['x-version'];
  if (typeof header === 'string') return header.trim() === version;
  const token = new RegExp(`(?<![A-Za-z0-9._+-])v?${escapeRegExp(version)}(?![A-Za-z0-9_+-]|\\.[A-Za-z0-9])`);
  return token.test(response.body);
}

export function evaluate(response: ProbeResponse, expect: Expectations): Verdict {
  if (response.error !== undefined || response.status === undefined) {
    return { ok: false, reason: response.error ?? 'no response' };
  }
  const status = response.status;
  if (!expect.status.some((r) => status >= r.min && status <= r.max)) {
    const location = response.headers.location;
    if (status >= 300 && status < 400 && typeof location === 'string' && !expect.followRedirects) {
      return {
        ok: false,
        reason: `status ${status}: redirect to ${location} not followed (follow-redirects is false)`,
      };
    }
    return { ok: false, reason: `status ${status}, expected ${formatStatusRanges(expect.status)}` };
  }
  if (expect.body) {
    const matches =
      'regex' in expect.body
        ? expect.body.regex.test(response.body)
        : response.body.includes(expect.body.substring);
    if (!matches) {
      const wanted =
        'regex' in expect.body
          ? `to match ${String(expect.body.regex)}`
          : `to contain ${JSON.stringify(expect.body.substring)}`;
      return { ok: false, reason: `body does not match: expected it ${wanted}` };
    }
  }
  if (expect.version !== undefined && !carriesVersion(response, expect.version)) {
    const header = response.headers['x-version'];
    const seen =
      typeof header === 'string'
        ? `X-Version is ${JSON.stringify(header)}`
        : 'not in the body or X-Version header';
    return { ok: false, reason: `version ${expect.version} expected, ${seen}` };
  }
  return { ok: true };
}
