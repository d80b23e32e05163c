import { readFileSync } from 'node:fs';
import { ConfigurationError, messages } from './errors.js';

export interface EventContext {
  name: string;
  payload: Record<string, unknown>;
}

/**
 * The run as the runner describes it (the fields of @actions/github's `context`, from the same
 * variables and with the same defaults), read once from `env` and the event payload.
 */
export interface RunContext {
  eventName?: string;
  sha?: string;
  ref?: string;
  workflow?: string;
  action?: string;
  actor?: string;
  job?: string;
  runAttempt: number;
  runNumber: number;
  runId: number;
  apiUrl: string;
  serverUrl: string;
  graphqlUrl: string;
  /** From GITHUB_REPOSITORY, else the payload's repository; undefined when neither says. */
  repo?: { owner: string; repo: string };
  /** The issue or pull request number of the payload (the payload's own `number` otherwise). */
  issueNumber?: number;
  payload: Record<string, unknown>;
}

export function runContext(env: NodeJS.ProcessEnv): RunContext {
  const { payload } = loadEvent(env);
  const number = (side: unknown): number | undefined => {
    const n = (side as { number?: unknown } | undefined)?.number;
    return typeof n === 'number' ? n : undefined;
  };
  const fromPayload = payload.repository as { name?: unknown; owner?: { login?: unknown } } | undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    eventName: env.GITHUB_EVENT_NAME,
    sha: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    workflow: env.GITHUB_WORKFLOW,
    action: env.GITHUB_ACTION,
    actor: env.GITHUB_ACTOR,
    job: env.GITHUB_JOB,
    runAttempt: parseInt(env.GITHUB_RUN_ATTEMPT ?? '', 10),
    runNumber: parseInt(env.GITHUB_RUN_NUMBER ?? '', 10),
    runId: parseInt(env.GITHUB_RUN_ID ?? '', 10),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    graphqlUrl: env.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql',
    repo:
      env.GITHUB_REPOSITORY && owner !== undefined && repo !== undefined
        ? { owner, repo }
        : typeof fromPayload?.name === 'string' && typeof fromPayload.owner?.login === 'string'
          ? { owner: fromPayload.owner.login, repo: fromPayload.name }
          : undefined,
    issueNumber: number(payload.issue) ?? number(payload.pull_request) ?? number(payload),
    payload,
  };
}

export function loadEvent(env: NodeJS.ProcessEnv): EventContext {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  let payload: Record<string, unknown> = {};
  if (path) {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  return { name, payload };
}

function repoOf(side: unknown): string | undefined {
  if (typeof side !== 'object' || side === null) return undefined;
  const repo = (side as { repo?: { full_name?: unknown } }).repo;
  return typeof repo?.full_name === 'string' ? repo.full_name : undefined;
}

/** True for events that run with code or data from a fork. */
export function isUntrustedEvent(event: EventContext): boolean {
  if (event.name === 'pull_request_target') return true;
  if (event.name !== 'pull_request') return false;
  const pr = event.payload.pull_request as { head?: unknown; base?: unknown } | undefined;
  const head = repoOf(pr?.head);
  const base = repoOf(pr?.base);
  return head !== undefined && base !== undefined && head !== base;
}

export function assertTrustedEvent(event: EventContext, allowUntrusted: boolean): void {
  if (!allowUntrusted && isUntrustedEvent(event)) {
    throw new ConfigurationError(messages.untrustedEvent(event.name));
  }
}
