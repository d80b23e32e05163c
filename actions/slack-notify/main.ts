import {
  ActionFailedError,
  proxiedFetch,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import {
  buildMessage,
  loadPayload,
  runFacts,
  sendSlack,
  type NotifyInfo,
  type NotifyStatus,
  type SendResult,
} from '@deploy-kit/slack';
import { readInputs, type Inputs } from './inputs.js';

/** Slack answers in well under a second; a request still open after this is retried. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface Deps extends ActionContext {
  fetch: typeof fetch;
}

export function notifyInfo(
  inputs: Inputs,
  status: NotifyStatus,
  deps: Pick<Deps, 'env' | 'event' | 'clock'>,
): NotifyInfo {
  const facts = runFacts(deps.env, deps.event);
  const started = inputs['started-at'];
  return {
    ...facts,
    status,
    title: inputs.title ?? facts.repository ?? 'Deploy',
    version: inputs.version ?? deps.env.GITHUB_SHA?.slice(0, 7),
    environment: inputs.environment,
    deploymentUrl: inputs['deployment-url']?.href,
    stages: inputs.needs,
    mention: inputs['mention-on-failure'],
    details: inputs.details,
    durationMs: started === undefined ? undefined : Math.max(0, deps.clock.now() - started),
  };
}

export async function run(inputs: Inputs, deps: Deps): Promise<SendResult> {
  const { logger } = deps;
  const { content } = inputs;
  const message =
    content.kind === 'payload'
      ? await loadPayload(content.payload, deps.env)
      : buildMessage(notifyInfo(inputs, content.status, deps));
  const status = content.status ?? '';
  const { target } = inputs;
  const result = await sendSlack(
    target,
    message,
    { retries: inputs.retries, timeoutMs: REQUEST_TIMEOUT_MS },
    { fetch: deps.fetch, clock: deps.clock, logger, signal: deps.signal },
  );
  deps.setOutput('status', status);
  const summary = new Summary().heading(`slack-notify: ${status || 'custom payload'}`);
  if (result.ok) {
    const channel = result.channel ?? (target.kind === 'bot' ? target.channel : '');
    const ts = result.ts ?? (target.kind === 'bot' ? (target.ts ?? '') : '');
    deps.setOutput('ts', ts);
    deps.setOutput('channel', channel);
    summary.table(
      ['sent', 'via', 'attempts'],
      [
        [
          message.text || '(blocks only)',
          target.kind === 'webhook' ? 'webhook' : `${channel} ${ts}`,
          result.attempts,
        ],
      ],
    );
    logger.info(
      `Slack message ${target.kind === 'bot' && target.ts ? 'updated' : 'sent'} (${result.attempts} attempt(s))`,
    );
  } else {
    deps.setOutput('ts', target.kind === 'bot' ? (target.ts ?? '') : '');
    deps.setOutput('channel', target.kind === 'bot' ? target.channel : '');
    summary.table(['not sent', 'error'], [[message.text || '(blocks only)', result.error]]);
  }
  deps.writeSummary(summary);
  if (!result.ok) {
    // A side channel never fails the pipeline unless the user asks for it.
    if (inputs['fail-on-error']) throw new ActionFailedError(result.error);
    logger.warning(`${result.error} (the step succeeds: set 'fail-on-error: true' to fail it)`);
  }
  return result;
}

export const slackNotify: ActionDefinition<Inputs> = {
  name: 'slack-notify',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, fetch: proxiedFetch() });
  },
};
