import { ConfigurationError, messages } from '@deploy-kit/core';
import type { SlackTarget } from './client.js';
import type { JobResult, Stage } from './message.js';

/** Pure checks behind the Slack inputs of slack-notify and the root action (which name them slack-*). */
export const slackForms = {
  channel: 'a channel ID (C0123ABCD) or #name',
  token: 'a Slack bot or user token (xoxb-… or xoxp-…)',
  ts: 'a message timestamp such as 1700000000.123456 (the ts output of an earlier step)',
  mention:
    'Slack mentions separated by spaces: <!subteam^ID>, <@USERID>, <!here> or <!channel> (the last two only if you mean it)',
  needs: 'the JSON of toJSON(needs): {"job": {"result": "success", "outputs": {...}}}',
  target: "'webhook-url', or 'bot-token' with 'channel'",
};

export const CHANNEL = /^(?:[CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9._-]{0,79})$/;
export const TOKEN = /^xox[bp]-[A-Za-z0-9-]{10,}$/;
export const TS = /^\d{9,11}\.\d{1,6}$/;
const MENTION = /^(?:<!subteam\^[A-Z0-9]+(?:\|[^<>]{1,80})?>|<@[UW][A-Z0-9]+>|<!here>|<!channel>)$/;
const RESULTS: readonly JobResult[] = ['success', 'failure', 'cancelled', 'skipped'];

export function parseMention(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parts = text.trim().split(/\s+/);
  if (!parts.every((p) => MENTION.test(p)))
    throw new ConfigurationError(messages.invalidInput(name, slackForms.mention, text));
  return parts.join(' ');
}

/** Parses `toJSON(needs)`; every job must carry a known result. */
export function parseNeeds(name: string, text: string | undefined): Stage[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(messages.invalidInput(name, slackForms.needs, text.slice(0, 80)));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigurationError(messages.invalidInput(name, slackForms.needs, text.slice(0, 80)));
  return Object.entries(value as Record<string, unknown>).map(([job, entry]) => {
    const result = (entry as { result?: unknown } | null)?.result;
    if (typeof result !== 'string' || !RESULTS.includes(result as JobResult)) {
      throw new ConfigurationError(
        `Input '${name}': job '${job}' has result ${JSON.stringify(result)}; expected one of ${RESULTS.join(', ')}`,
      );
    }
    const rawOutputs = (entry as { outputs?: unknown }).outputs;
    const outputs: Record<string, string> = {};
    if (rawOutputs && typeof rawOutputs === 'object') {
      for (const [k, v] of Object.entries(rawOutputs)) if (typeof v === 'string') outputs[k] = v;
    }
    return { job, result: result as JobResult, outputs };
  });
}

/** Where to send, from already-read values; exactly one way must be configured (or none, if optional). */
type TargetNames = { webhook: string; token: string; channel: string };
type TargetValues = { webhook?: URL; token?: string; channel?: string; ts?: string; apiUrl: URL };
export function slackTarget(names: TargetNames, values: TargetValues, optional: false): SlackTarget;
export function slackTarget(
  names: TargetNames,
  values: TargetValues,
  optional: boolean,
): SlackTarget | undefined;
export function slackTarget(
  names: TargetNames,
  values: TargetValues,
  optional: boolean,
): SlackTarget | undefined {
  if (values.webhook && values.token)
    throw new ConfigurationError(
      `Inputs '${names.webhook}' and '${names.token}' are both set: use one of them`,
    );
  if (values.channel && !values.token)
    throw new ConfigurationError(
      `Input '${names.channel}' needs '${names.token}' (a webhook has its own channel)`,
    );
  if (values.webhook) {
    if (values.ts)
      throw new ConfigurationError(
        `Input 'ts' needs '${names.token}' and '${names.channel}': an incoming webhook cannot update a message`,
      );
    return { kind: 'webhook', url: values.webhook };
  }
  if (values.token) {
    if (!values.channel)
      throw new ConfigurationError(messages.requiredInput(names.channel, slackForms.channel));
    return {
      kind: 'bot',
      token: values.token,
      channel: values.channel,
      apiUrl: values.apiUrl,
      ts: values.ts,
    };
  }
  if (optional) return undefined;
  throw new ConfigurationError(`Slack needs somewhere to send: set ${slackForms.target}`);
}
