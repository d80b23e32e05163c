import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import { parseBodyExpectation, parseStatusRanges, STATUS_FORM, type GateOptions } from '@deploy-kit/health';
import type { HealthConfig } from './types.js';

export const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
export const VERSION_FORM = 'letters, digits and . _ + - (starting with a letter or digit, at most 128)';

/** How a gate probes and what it expects (health-interval/-timeout/-success-threshold/-expect-*): deploy-ssh, deploy-swarm. */
export function readGateInputs(
  read: InputReader,
): Pick<HealthConfig, 'intervalMs' | 'timeoutMs' | 'successThreshold' | 'expect'> {
  const statusText = read.string('health-expect-status', { required: true, accepted: STATUS_FORM });
  const status = parseStatusRanges(statusText);
  if (!status)
    throw new ConfigurationError(messages.invalidInput('health-expect-status', STATUS_FORM, statusText));
  const bodyText = read.string('health-expect-body');
  const body = bodyText === undefined ? undefined : parseBodyExpectation(bodyText);
  if (bodyText !== undefined && !body)
    throw new ConfigurationError(
      messages.invalidInput('health-expect-body', 'a substring, or a valid /regex/flags', bodyText),
    );
  return {
    intervalMs: read.requiredDuration('health-interval', { minMs: 100, maxMs: 600_000 }),
    timeoutMs: read.requiredDuration('health-timeout', { minMs: 1000, maxMs: 3_600_000 }),
    successThreshold: read.requiredInt('health-success-threshold', { min: 1, max: 100 }),
    expect: {
      status,
      body,
      version: read.string('health-expect-version', { pattern: VERSION, accepted: VERSION_FORM }),
    },
  };
}

/** The gate those inputs describe, on one URL: deploy-ssh's slot and public gates, deploy-swarm's health-url. */
export function gateOptions(
  health: Pick<HealthConfig, 'intervalMs' | 'timeoutMs' | 'successThreshold' | 'expect'>,
  url: URL,
): GateOptions {
  return {
    urls: [url],
    method: 'GET',
    headers: [],
    expect: { ...health.expect, followRedirects: false },
    intervalMs: health.intervalMs,
    requestTimeoutMs: Math.min(5000, Math.max(1000, health.intervalMs)),
    timeoutMs: health.timeoutMs,
    successThreshold: health.successThreshold,
    failureThreshold: 3,
    soakMs: 0,
    insecureTls: false,
  };
}
