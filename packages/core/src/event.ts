import { readFileSync } from 'node:fs';
import { ConfigurationError, messages } from './errors.js';

export interface EventContext {
  name: string;
  payload: Record<string, unknown>;
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
