import {
  proxiedFetch,
  ActionFailedError,
  CANCEL_GRACE_MS,
  CancelledError,
  errorMessage,
  type ActionDefinition,
} from '@deploy-kit/core';
import { httpProbe } from '@deploy-kit/health';
import type { FleetResult } from '@deploy-kit/release';
import {
  buildMessage,
  runFacts,
  sendSlack,
  type NotifyInfo,
  type NotifyStatus,
  type Stage,
} from '@deploy-kit/slack';
import { sshConnector } from '@deploy-kit/ssh';
import { deploy, type Deps as DeploySshDeps } from '../deploy-ssh/main.js';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends DeploySshDeps {
  fetch: typeof fetch;
}

/** The most a cancelled run gives Slack; less when the deploy's own stop used the grace period. */
const CANCELLED_NOTIFY_MS = 2000;
/** Kept free before the hard exit, for the lock release and process exit after Slack. */
const EXIT_MARGIN_MS = 1000;

/** What happened, in one Slack message: the version, each host, and what serves now. */
export function deployNotice(
  inputs: Inputs,
  outcome: { status: NotifyStatus; result?: FleetResult; error?: unknown },
  deps: Pick<Deps, 'env' | 'event'>,
  durationMs: number,
): NotifyInfo {
  const { result } = outcome;
  const previous = result?.hosts.find((h) => h.previous)?.previous;
  const stages: Stage[] = (result?.hosts ?? []).map((h) => ({
    job: h.host,
    result:
      h.status === 'deployed' || h.status === 'unchanged'
        ? 'success'
        : h.status === 'skipped'
          ? 'skipped'
          : 'failure',
    outputs: {
      version: h.status === 'deployed' || h.status === 'unchanged' ? h.version : (h.previous ?? ''),
    },
  }));
  let details: string | undefined;
  if (outcome.status === 'failure') {
    const why = result?.error ?? errorMessage(outcome.error);
    details =
      result?.rolledBack && previous
        ? `Rolled back automatically to ${previous}: every host serves ${previous} again. Cause: ${why}`
        : `Deploy of ${inputs.deploy.version} failed: ${why}`;
  } else if (outcome.status === 'cancelled') {
    details = 'The run was cancelled; each host is left as recorded in its history.';
  }
  return {
    ...runFacts(deps.env, deps.event),
    status: outcome.status,
    title: `Deploy ${inputs.deploy.app}`,
    version: inputs.deploy.version,
    environment: inputs.environment,
    deploymentUrl: inputs.deploy.health.url?.href,
    stages,
    mention: inputs['mention-on-failure'],
    details,
    durationMs,
  };
}

/**
 * One step: deploy-ssh (upload, gate, switch, soak), the automatic switch-back when anything
 * fails, then one Slack message saying what serves now. Built from the same packages as the
 * separate actions, in one process.
 */
export async function run(inputs: Inputs, deps: Deps): Promise<FleetResult | undefined> {
  const started = deps.clock.now();
  let cancelledAt: number | undefined;
  deps.signal.addEventListener('abort', () => (cancelledAt = deps.clock.now()), { once: true });
  let result: FleetResult | undefined;
  let error: unknown;
  try {
    result = await deploy(inputs, deps);
  } catch (caught) {
    error = caught;
    if (caught instanceof CancelledError)
      deps.logger.info(
        `Cancelled: the deploy stopped ${deps.clock.now() - (cancelledAt ?? deps.clock.now())} ms after the signal`,
      );
  }
  const status: NotifyStatus =
    error instanceof CancelledError
      ? 'cancelled'
      : error !== undefined || !result?.ok
        ? 'failure'
        : 'success';
  if (inputs.slack) {
    const message = buildMessage(
      deployNotice(inputs, { status, result, error }, deps, deps.clock.now() - started),
    );
    // Cancelled: our own signal is aborted; Slack gets what is left of the runner's grace period.
    const budget = Math.max(
      100,
      Math.min(
        CANCELLED_NOTIFY_MS,
        CANCEL_GRACE_MS - EXIT_MARGIN_MS - (deps.clock.now() - (cancelledAt ?? deps.clock.now())),
      ),
    );
    const cancelled = status === 'cancelled';
    const signal = cancelled ? AbortSignal.timeout(budget) : deps.signal;
    if (cancelled) deps.logger.info(`Slack: sending the cancelled message (${budget} ms left for it)`);
    const sending = sendSlack(
      inputs.slack,
      message,
      { retries: cancelled ? 0 : 3, timeoutMs: cancelled ? budget : 10_000 },
      { fetch: deps.fetch, clock: deps.clock, logger: deps.logger, signal },
    );
    // Cancelled: whatever the HTTP client does with an aborted request, stop waiting at the budget.
    const sent = cancelled
      ? await Promise.race([
          sending,
          new Promise<{ ok: false; attempts: number; error: string }>((resolve) =>
            setTimeout(
              () => resolve({ ok: false, attempts: 1, error: 'Slack did not answer in time' }),
              budget + 100,
            ).unref(),
          ),
        ])
      : await sending;
    if (sent.ok) deps.logger.info(`Slack: ${status} message sent`);
    else if (inputs['fail-on-error'] && status === 'success') throw new ActionFailedError(sent.error);
    else
      deps.logger.warning(
        `${sent.error}${inputs['fail-on-error'] ? '' : " (set 'fail-on-error: true' to fail the step)"}`,
      );
  }
  if (error instanceof Error) throw error;
  if (error !== undefined) throw new Error('deploy failed with a non-Error value');
  if (!result?.ok) {
    throw new ActionFailedError(
      `Deploy of ${inputs.deploy.version} failed: ${result?.error ?? 'unknown error'}` +
        (result?.rolledBack ? '; rolled back automatically, every host serves its previous version' : ''),
    );
  }
  return result;
}

export const deployAction: ActionDefinition<Inputs> = {
  name: 'deploy',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, {
      ...ctx,
      probe: httpProbe,
      fetch: proxiedFetch(),
      connect: sshConnector(inputs, ctx),
    });
  },
};
