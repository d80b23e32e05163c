import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
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
  type PayloadSource,
  type SlackTarget,
  type Stage,
} from '@deploy-kit/slack';
import { forms, VERSION } from '@deploy-kit/release';

/** What is sent: deploy-kit's message from the run, or the user's own payload as written. */
export type Content =
  | { kind: 'standard'; status: NotifyStatus }
  | { kind: 'payload'; payload: PayloadSource; status?: NotifyStatus };

/** Every input of slack-notify/action.yml, read once; keys are the action.yml names. */
export interface Inputs {
  target: SlackTarget;
  content: Content;
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

const PAYLOAD_FILE_LIMIT = 1024 * 1024;

/** payload, or payload-file (relative to the workspace; `${VAR}` from the environment when templated). */
function readPayload(read: InputReader, env: NodeJS.ProcessEnv): PayloadSource | undefined {
  const payload = read.string('payload', { raw: true });
  const file = read.string('payload-file');
  const templated = read.boolean('payload-file-templated');
  if (payload !== undefined && file !== undefined)
    throw new ConfigurationError("Set either 'payload' or 'payload-file', not both");
  if (templated && file === undefined)
    throw new ConfigurationError(
      "Input 'payload-file-templated' applies to 'payload-file', which is not set",
    );
  if (payload !== undefined) return { input: 'payload', text: payload, templated: false };
  if (file === undefined) return undefined;
  const path = isAbsolute(file) ? file : resolve(env.GITHUB_WORKSPACE ?? process.cwd(), file);
  let text: string;
  try {
    if (statSync(path).size > PAYLOAD_FILE_LIMIT) throw new Error('too large');
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigurationError(
      messages.invalidInput(
        'payload-file',
        'a JSON or YAML file on the runner (relative to the workspace), up to 1 MB',
        file,
      ),
    );
  }
  return { input: 'payload-file', text, templated };
}

export function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Inputs {
  const webhook = read.url('webhook-url', { protocols: ['https:'], secret: true });
  const token = read.string('bot-token', { secret: true, pattern: TOKEN, accepted: slackForms.token });
  const channel = read.string('channel', { pattern: CHANNEL, accepted: slackForms.channel });
  const ts = read.string('ts', { pattern: TS, accepted: slackForms.ts });
  const apiUrl = read.url('api-url', { protocols: ['https:'], required: true });
  const target = slackTarget(
    { webhook: 'webhook-url', token: 'bot-token', channel: 'channel' },
    { webhook, token, channel, ts, apiUrl },
    false,
  );
  const needs = parseNeeds('needs', read.string('needs'));
  const payload = readPayload(read, env);
  const statusText = read.string('status');
  const content: Content = payload
    ? {
        kind: 'payload',
        payload,
        ...(statusText !== undefined || needs.length > 0 ? { status: resolveStatus(statusText, needs) } : {}),
      }
    : { kind: 'standard', status: resolveStatus(statusText, needs) };
  return {
    target,
    content,
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
