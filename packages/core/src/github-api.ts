import { ActionFailedError, ConfigurationError, errorMessage } from './errors.js';

/** The GitHub REST API as an action reaches it: URL, token and repository from the run. */
export interface GitHubApi {
  /** https://api.github.com, or GHES's /api/v3. */
  apiUrl: string;
  token: string;
  /** owner/repo */
  repository: string;
  fetch: typeof fetch;
}

const TIMEOUT_MS = 30_000;

/**
 * The run's repository (GITHUB_REPOSITORY, owner/repo) for REST paths. The runner sets it; a
 * terminal run may not, and a malformed one must not reach a URL. `needer` names what needs it.
 */
export function runRepository(env: NodeJS.ProcessEnv, needer: string): string {
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^[A-Za-z0-9-]+\/(?!\.\.?$)[\w.-]+$/.test(repository))
    throw new ConfigurationError(
      `${needer} needs GITHUB_REPOSITORY (owner/repo), got ${JSON.stringify(repository)}`,
    );
  return repository;
}

/** One REST call; a network failure becomes an ActionFailedError naming the call. */
export async function githubRequest(
  api: GitHubApi,
  method: string,
  path: string,
  options: { body?: unknown; redirect?: 'follow' | 'manual' } = {},
): Promise<Response> {
  try {
    return await api.fetch(`${api.apiUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${api.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'deploy-kit',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: options.redirect ?? 'follow',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ActionFailedError(`GitHub API ${method} ${path} failed: ${errorMessage(error)}`);
  }
}

/**
 * The error for an unexpected response: GitHub's own message, and on 401/403/404 (which is how
 * GitHub answers a token without the permission) the permission the call needs.
 */
export async function githubFailure(
  response: Response,
  what: string,
  permission: string,
): Promise<ActionFailedError> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // not JSON: keep the text
  }
  const hint = [401, 403, 404].includes(response.status) ? ` (does the token have ${permission}?)` : '';
  return new ActionFailedError(`${what}: HTTP ${response.status} ${message}${hint}`);
}
