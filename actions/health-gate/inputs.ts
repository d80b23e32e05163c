import { ConfigurationError, messages, type Header, type InputReader } from '@deploy-kit/core';
import { parseBodyExpectation, parseStatusRanges, STATUS_FORM, type Expectations } from '@deploy-kit/health';
import { readSshConnectionInputs, type SshConnectionInputs } from '@deploy-kit/ssh';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Every input of health-gate/action.yml, read and validated once; keys are the action.yml names. */
export interface Inputs {
  url: URL[];
  method: (typeof METHODS)[number];
  headers: Header[];
  'expect-status': Expectations['status'];
  'expect-body'?: Expectations['body'];
  'expect-version'?: string;
  interval: number;
  'request-timeout': number;
  timeout: number;
  'success-threshold': number;
  'failure-threshold': number;
  soak: number;
  'follow-redirects': boolean;
  'insecure-tls': boolean;
  'allow-untrusted-event': boolean;
  /** Set when `hosts` is: each URL is probed from every host, through its SSH connection. */
  ssh?: SshConnectionInputs;
}

export function readInputs(read: InputReader): Inputs {
  // Secrets first: registered before any other message can echo them.
  const ssh = readSshConnectionInputs(read, { optional: true });
  const headers = read.headers('headers');
  const url = read.urls('url', { required: true });
  const method = read.enum('method', METHODS);
  const statusText = read.string('expect-status', { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status) throw new ConfigurationError(messages.invalidInput('expect-status', STATUS_FORM, statusText));
  const bodyText = read.string('expect-body');
  const body = bodyText === undefined ? undefined : parseBodyExpectation(bodyText);
  if (bodyText !== undefined && body === undefined) {
    throw new ConfigurationError(
      messages.invalidInput('expect-body', 'a substring, or a valid /regex/flags', bodyText),
    );
  }
  const interval = read.requiredDuration('interval', { minMs: 100, maxMs: 3_600_000 });
  const requestTimeout = read.requiredDuration('request-timeout', { minMs: 100, maxMs: 600_000 });
  const timeout = read.requiredDuration('timeout', { minMs: 1, maxMs: 6 * 3_600_000 });
  return {
    url,
    method,
    headers,
    'expect-status': status,
    'expect-body': body,
    'expect-version': read.string('expect-version', {
      pattern: VERSION,
      accepted: 'a version of letters, digits and . _ + - (at most 128)',
    }),
    interval,
    'request-timeout': requestTimeout,
    timeout,
    'success-threshold': read.requiredInt('success-threshold', { min: 1, max: 100 }),
    'failure-threshold': read.requiredInt('failure-threshold', { min: 1, max: 100 }),
    soak: read.requiredDuration('soak', { maxMs: 6 * 3_600_000 }),
    'follow-redirects': read.boolean('follow-redirects'),
    'insecure-tls': read.boolean('insecure-tls'),
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
    ssh,
  };
}
