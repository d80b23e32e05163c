import { errorMessage, formatMs, type Clock, type Logger } from '@deploy-kit/core';
import type { SlackMessage } from './message.js';

/** Where a message goes: an incoming webhook, or the Web API with a bot token. */
export type SlackTarget =
  { kind: 'webhook'; url: URL } | { kind: 'bot'; token: string; channel: string; apiUrl: URL; ts?: string };

export interface SendOptions {
  /** Attempts after the first; each waits Retry-After (429) or a doubling backoff (5xx, timeouts). */
  retries: number;
  timeoutMs: number;
}

export interface SendDeps {
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
}

export type SendResult =
  | { ok: true; attempts: number; ts?: string; channel?: string }
  | { ok: false; attempts: number; error: string };

/** Longest Retry-After we honour: a bounded wait even when Slack asks for more. */
const MAX_RETRY_AFTER_MS = 60_000;

export const slackMessages = {
  rejected: (what: string, status: number, error: string): string =>
    `Slack ${what} rejected the message (HTTP ${status}${error ? `, ${error}` : ''})`,
  gaveUp: (what: string, attempts: number, last: string): string =>
    `Slack ${what} failed after ${attempts} attempt(s): ${last}`,
};

type Attempt =
  | { kind: 'done'; ts?: string; channel?: string }
  | { kind: 'retry'; error: string; waitMs?: number }
  | { kind: 'fatal'; error: string };

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

/** text and blocks, each only when there is one (a payload may carry only attachments). */
function messageBody(message: SlackMessage): Record<string, unknown> {
  return {
    ...(message.text ? { text: message.text } : {}),
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
  };
}

function request(target: SlackTarget, message: SlackMessage): { url: URL; init: RequestInit; what: string } {
  if (target.kind === 'webhook') {
    return {
      url: target.url,
      what: 'webhook',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message.rest, ...messageBody(message) }),
      },
    };
  }
  const method = target.ts ? 'chat.update' : 'chat.postMessage';
  return {
    url: new URL(method, target.apiUrl.href.endsWith('/') ? target.apiUrl : `${target.apiUrl.href}/`),
    what: method,
    init: {
      method: 'POST',
      // The token goes in a header: never in the URL, where proxies and logs would keep it.
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${target.token}`,
      },
      body: JSON.stringify({
        unfurl_links: false,
        ...message.rest,
        channel: target.channel,
        ...(target.ts ? { ts: target.ts } : {}),
        ...messageBody(message),
      }),
    },
  };
}

async function attempt(
  target: SlackTarget,
  message: SlackMessage,
  options: SendOptions,
  deps: SendDeps,
): Promise<Attempt> {
  const { url, init, what } = request(target, message);
  let response: Response;
  try {
    response = await deps.fetch(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.any([deps.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
  } catch (error) {
    if (deps.signal.aborted) return { kind: 'fatal', error: 'cancelled' };
    const name = error instanceof Error ? error.name : '';
    const cause =
      error instanceof Error && error.cause instanceof Error
        ? `: ${error.cause.message}`
        : `: ${errorMessage(error)}`;
    return {
      kind: 'retry',
      error:
        name === 'TimeoutError'
          ? `no answer within ${formatMs(options.timeoutMs)}`
          : `request failed${cause}`,
    };
  }
  const body = await response.text().catch(() => '');
  if (response.status === 429) {
    return {
      kind: 'retry',
      error: 'rate limited (429)',
      waitMs: retryAfterMs(response.headers.get('retry-after')),
    };
  }
  if (response.status >= 500) return { kind: 'retry', error: `HTTP ${response.status}` };
  if (target.kind === 'webhook') {
    if (response.status === 200) return { kind: 'done' };
    return { kind: 'fatal', error: slackMessages.rejected(what, response.status, body.slice(0, 100).trim()) };
  }
  let parsed: { ok?: boolean; error?: string; ts?: string; channel?: string } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    /* not JSON: handled below */
  }
  if (response.status === 200 && parsed.ok === true)
    return { kind: 'done', ts: parsed.ts, channel: parsed.channel };
  if (parsed.error === 'ratelimited') return { kind: 'retry', error: 'rate limited', waitMs: 1000 };
  return {
    kind: 'fatal',
    error: slackMessages.rejected(what, response.status, parsed.error ?? body.slice(0, 100).trim()),
  };
}

/**
 * Sends one message with bounded retries: 429 waits Retry-After, 5xx and timeouts back off
 * (1s, 2s, 4s…); client errors (bad payload, unknown channel, revoked token) are not retried.
 * Never throws for Slack's sake: the caller decides whether a failure fails the step.
 */
export async function sendSlack(
  target: SlackTarget,
  message: SlackMessage,
  options: SendOptions,
  deps: SendDeps,
): Promise<SendResult> {
  const what = target.kind === 'webhook' ? 'webhook' : target.ts ? 'chat.update' : 'chat.postMessage';
  let backoffMs = 1000;
  for (let attempts = 1; ; attempts += 1) {
    const result = await attempt(target, message, options, deps);
    if (result.kind === 'done') return { ok: true, attempts, ts: result.ts, channel: result.channel };
    if (result.kind === 'fatal') return { ok: false, attempts, error: result.error };
    const last = result.error;
    if (attempts > options.retries)
      return { ok: false, attempts, error: slackMessages.gaveUp(what, attempts, last) };
    const waitMs = result.waitMs ?? backoffMs;
    backoffMs *= 2;
    deps.logger.info(`Slack ${what}: ${last}; retrying in ${formatMs(waitMs)}`);
    try {
      await deps.clock.sleep(waitMs, deps.signal);
    } catch {
      return { ok: false, attempts, error: 'cancelled' };
    }
  }
}
