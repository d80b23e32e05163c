import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import {
  CHANNEL,
  parseMention,
  parseNeeds,
  slackForms,
  slackTarget,
  TOKEN,
  TS,
  type NotifyStatus,
  type SlackTarget,
  type Stage,
} from '@deploy-kit/slack';
import { forms, VERSION } from '@deploy-kit/release';

/** Every input of slack-notify/action.yml, read once; keys are the action.yml names. */
export interface Inputs {
  target: SlackTarget;
  status: NotifyStatus;
  needs: Stage[];
  title?: string;
  version?: string;
  environment?: string;
  'deployment-url'?: URL;
  'mention-on-failure'?: string;
  details?: string;
  'started-at'?: number;
  'fail-on-error': boolean;
  retries: number;
}

const STATUSES = ['success', 'failure', 'cancelled'] as const;

/** `status` as given, else derived from `needs`: any failure fails, else any cancelled cancels. */
export function resolveStatus(given: string | undefined, needs: readonly Stage[]): NotifyStatus {
  if (given !== undefined) {
    if (!(STATUSES as readonly string[]).includes(given))
      throw new ConfigurationError(
        messages.invalidInput('status', `one of ${STATUSES.join(', ')} (e.g. \${{ job.status }})`, given),
      );
    return given as NotifyStatus;
  }
  if (needs.length === 0)
    throw new ConfigurationError(
      messages.requiredInput('status', `one of ${STATUSES.join(', ')}, or 'needs' to derive it from`),
    );
  if (needs.some((s) => s.result === 'failure')) return 'failure';
  if (needs.some((s) => s.result === 'cancelled')) return 'cancelled';
  return 'success';
}

function parseStartedAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\d{9,11}$/.test(text)
    ? Number(text) * 1000
    : /^\d{4}-\d\d-\d\dT/.test(text)
      ? Date.parse(text)
      : NaN;
  if (Number.isNaN(ms))
    throw new ConfigurationError(
      messages.invalidInput('started-at', 'an ISO 8601 time (2026-01-31T12:00:00Z) or Unix seconds', text),
    );
  return ms;
}

export function readInputs(read: InputReader): Inputs {
  const webhook = read.url('webhook-url', { protocols: ['https:'], secret: true });
  const token = read.string('bot-token', { secret: true, pattern: TOKEN, accepted: slackForms.token });
  const channel = read.string('channel', { pattern: CHANNEL, accepted: slackForms.channel });
  const ts = read.string('ts', { pattern: TS, accepted: slackForms.ts });
  const apiUrl = read.url('api-url', { protocols: ['https:'], required: true })!;
  const target = slackTarget(
    { webhook: 'webhook-url', token: 'bot-token', channel: 'channel' },
    { webhook, token, channel, ts, apiUrl },
    false,
  )!;
  const needs = parseNeeds('needs', read.string('needs'));
  return {
    target,
    status: resolveStatus(read.string('status'), needs),
    needs,
    title: read.string('title'),
    version: read.string('version', { pattern: VERSION, accepted: forms.version }),
    environment: read.string('environment'),
    'deployment-url': read.url('deployment-url'),
    'mention-on-failure': parseMention('mention-on-failure', read.string('mention-on-failure')),
    details: read.string('details'),
    'started-at': parseStartedAt(read.string('started-at')),
    'fail-on-error': read.boolean('fail-on-error'),
    retries: read.requiredInt('retries', { min: 0, max: 10 }),
  };
}
