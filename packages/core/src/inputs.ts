import { ConfigurationError, messages } from './errors.js';
import type { SecretRegistry } from './secrets.js';

/** Returns the raw value of an input, or undefined when the input was not given at all. */
export type InputSource = (name: string) => string | undefined;

export interface StringOptions {
  required?: boolean;
  /** Registers the value as a secret before anything else can print it. */
  secret?: boolean;
  pattern?: RegExp;
  /** How the accepted form is described in the error message. */
  accepted?: string;
  /** Keep surrounding whitespace (keys, certificates are normalised by their own readers). */
  raw?: boolean;
}

export interface Header {
  name: string;
  value: string;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)?$/;
const DURATION_FORM = 'a duration like 500ms, 30s, 5m, 1h, 30d, 2w or a number of seconds';
const UNIT_MS: Record<'ms' | 's' | 'm' | 'h' | 'd' | 'w', number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  const ms = Number(match[1]) * UNIT_MS[unit];
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * Reads and validates inputs once, before any side effect. Every failure is a ConfigurationError
 * whose one-line message names the input, shows the value and states the accepted form.
 */
export class InputReader {
  constructor(
    private readonly source: InputSource,
    private readonly secrets: SecretRegistry,
  ) {}

  private raw(name: string, keepWhitespace = false): string {
    const value = this.source(name) ?? '';
    return keepWhitespace ? value : value.trim();
  }

  string(name: string, options: StringOptions & { required: true }): string;
  string(name: string, options?: StringOptions): string | undefined;
  string(name: string, options: StringOptions = {}): string | undefined {
    const value = this.raw(name, options.raw);
    if (options.secret && value) this.secrets.register(value);
    const accepted =
      options.accepted ?? (options.pattern ? `a value matching ${options.pattern}` : 'a value');
    if (value.trim() === '') {
      if (options.required) throw new ConfigurationError(messages.requiredInput(name, accepted));
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      throw new ConfigurationError(messages.invalidInput(name, accepted, value, options.secret));
    }
    return value;
  }

  int(name: string, range: { min: number; max: number; required: true }): number;
  int(name: string, range: { min: number; max: number; required?: boolean }): number | undefined;
  int(name: string, range: { min: number; max: number; required?: boolean }): number | undefined {
    const value = this.raw(name);
    const accepted = `an integer ${range.min}-${range.max}`;
    if (value === '') {
      if (range.required) throw new ConfigurationError(messages.requiredInput(name, accepted));
      return undefined;
    }
    const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < range.min || parsed > range.max) {
      throw new ConfigurationError(messages.invalidInput(name, accepted, value));
    }
    return parsed;
  }

  requiredInt(name: string, range: { min: number; max: number }): number {
    return this.int(name, { ...range, required: true });
  }

  /** Exactly `true` or `false`: a typo must not silently mean "off". */
  boolean(name: string): boolean {
    const value = this.raw(name);
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (value === '') throw new ConfigurationError(messages.requiredInput(name, 'true or false'));
    throw new ConfigurationError(messages.invalidInput(name, 'true or false', value));
  }

  /** Milliseconds. */
  duration(name: string, range: { minMs?: number; maxMs?: number; required: true }): number;
  duration(name: string, range?: { minMs?: number; maxMs?: number; required?: boolean }): number | undefined;
  duration(
    name: string,
    range: { minMs?: number; maxMs?: number; required?: boolean } = {},
  ): number | undefined {
    const value = this.raw(name);
    if (value === '') {
      if (range.required) throw new ConfigurationError(messages.requiredInput(name, DURATION_FORM));
      return undefined;
    }
    const ms = parseDuration(value);
    if (ms === undefined) throw new ConfigurationError(messages.invalidInput(name, DURATION_FORM, value));
    const { minMs = 0, maxMs = Number.MAX_SAFE_INTEGER } = range;
    if (ms < minMs || ms > maxMs) {
      const bounds = `${DURATION_FORM}, between ${formatMs(minMs)} and ${formatMs(maxMs)}`;
      throw new ConfigurationError(messages.invalidInput(name, bounds, value));
    }
    return ms;
  }

  requiredDuration(name: string, range: { minMs?: number; maxMs?: number } = {}): number {
    return this.duration(name, { ...range, required: true });
  }

  /** Newline- or comma-separated items, trimmed, empty ones dropped. */
  list(
    name: string,
    options: { required?: boolean; item?: RegExp; accepted?: string; secret?: boolean } = {},
  ): string[] {
    const value = this.raw(name);
    if (options.secret && value) this.secrets.register(value);
    const accepted = options.accepted ?? 'a list separated by newlines or commas';
    const items = splitList(value);
    if (items.length === 0 && options.required)
      throw new ConfigurationError(messages.requiredInput(name, accepted));
    for (const item of items) {
      if (options.item && !options.item.test(item)) {
        throw new ConfigurationError(messages.invalidInput(name, accepted, item, options.secret));
      }
    }
    return items;
  }

  /** `KEY=VALUE` lines; blank lines and `#` comments skipped; the value may contain `=`. */
  keyValues(
    name: string,
    options: { secret?: boolean; key?: RegExp; keyForm?: string; multiline?: boolean } = {},
  ): Array<[string, string]> {
    const value = this.raw(name, true);
    const keyPattern = options.key ?? ENV_KEY;
    const accepted =
      `KEY=VALUE lines with KEY ${options.keyForm ?? 'matching [A-Za-z_][A-Za-z0-9_]*'}` +
      (options.multiline ? ', or KEY<<DELIMITER, the value lines, then DELIMITER alone' : '');
    const pairs: Array<[string, string]> = [];
    const seen = new Set<string>();
    const lines = value.split(/\r?\n/);
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i] ?? '';
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      // The GITHUB_ENV heredoc form, for values with newlines (a key file, a certificate).
      const heredoc = options.multiline ? /^\s*([^=<\s]+)<<([A-Za-z0-9_-]+)\s*$/.exec(line) : null;
      const eq = line.indexOf('=');
      const key = heredoc ? (heredoc[1] ?? '') : eq > 0 ? line.slice(0, eq).trim() : '';
      if (!keyPattern.test(key))
        throw new ConfigurationError(messages.invalidInput(name, accepted, line, options.secret));
      if (seen.has(key))
        throw new ConfigurationError(
          messages.invalidInput(name, `${accepted}, each KEY once`, line, options.secret),
        );
      seen.add(key);
      let entryValue = line.slice(eq + 1);
      if (heredoc) {
        const end = lines.indexOf(heredoc[2] ?? '', i + 1);
        if (end < 0)
          throw new ConfigurationError(
            `Input '${name}': ${key}<<${heredoc[2] ?? ''} has no closing line ${heredoc[2] ?? ''}`,
          );
        entryValue = lines.slice(i + 1, end).join('\n');
        i = end;
      }
      if (options.secret) this.secrets.register(entryValue);
      pairs.push([key, entryValue]);
    }
    return pairs;
  }

  /** `Name: value` lines. Values are registered as secrets: they often carry tokens. */
  headers(name: string): Header[] {
    const value = this.raw(name, true);
    const accepted = "'Name: value' lines";
    const headers: Header[] = [];
    for (const line of value.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const colon = line.indexOf(':');
      const headerName = colon > 0 ? line.slice(0, colon).trim() : '';
      const headerValue = colon > 0 ? line.slice(colon + 1).trim() : '';
      if (headerValue) this.secrets.register(headerValue);
      if (!HEADER_NAME.test(headerName)) {
        throw new ConfigurationError(messages.invalidInput(name, accepted, headerName || line, true));
      }
      headers.push({ name: headerName, value: headerValue });
    }
    return headers;
  }

  url(name: string, options: { protocols?: string[]; required: true; secret?: boolean }): URL;
  url(
    name: string,
    options?: { protocols?: string[]; required?: boolean; secret?: boolean },
  ): URL | undefined;
  url(
    name: string,
    options: { protocols?: string[]; required?: boolean; secret?: boolean } = {},
  ): URL | undefined {
    const value = this.raw(name);
    if (options.secret && value) this.secrets.register(value);
    const protocols = options.protocols ?? ['http:', 'https:'];
    const accepted = `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
    if (value === '') {
      if (options.required) throw new ConfigurationError(messages.requiredInput(name, accepted));
      return undefined;
    }
    return parseUrl(name, value, protocols, accepted, this.secrets, options.secret);
  }

  urls(name: string, options: { protocols?: string[]; required?: boolean } = {}): URL[] {
    const protocols = options.protocols ?? ['http:', 'https:'];
    const accepted = `one or more URLs starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
    const items = this.list(name, { required: options.required ?? false, accepted });
    return items.map((item) => parseUrl(name, item, protocols, accepted, this.secrets));
  }

  enum<T extends string>(name: string, values: readonly T[]): T {
    const value = this.raw(name);
    if ((values as readonly string[]).includes(value)) return value as T;
    const accepted = `one of ${values.join(', ')}`;
    if (value === '') throw new ConfigurationError(messages.requiredInput(name, accepted));
    throw new ConfigurationError(messages.invalidInput(name, accepted, value));
  }
}

function parseUrl(
  name: string,
  value: string,
  protocols: string[],
  accepted: string,
  secrets: SecretRegistry,
  secret = false,
): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(messages.invalidInput(name, accepted, value, secret));
  }
  // Credentials in a URL are secrets even when the input as a whole is not.
  if (url.password) secrets.register(decodeURIComponent(url.password));
  if (!protocols.includes(url.protocol) || url.hostname === '' || /\s/.test(value)) {
    throw new ConfigurationError(
      messages.invalidInput(name, accepted, secret ? value : url.password ? redactUrl(url) : value, secret),
    );
  }
  return url;
}

export function redactUrl(url: URL): string {
  if (!url.password && !url.username) return url.href;
  const copy = new URL(url.href);
  copy.password = copy.password ? '***' : '';
  return copy.href;
}

export function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** True when text holds a control character (newline, NUL, escape…): one-line values refuse them. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
