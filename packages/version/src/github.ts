import { ActionFailedError } from '@deploy-kit/core';

export interface GitHubApi {
  /** https://api.github.com, or GHES's /api/v3. */
  apiUrl: string;
  token: string;
  /** owner/repo */
  repository: string;
  fetch: typeof fetch;
}

const TIMEOUT_MS = 30_000;

async function call(api: GitHubApi, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await api.fetch(`${api.apiUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${api.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'deploy-kit-version-tag',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ActionFailedError(
      `GitHub API ${method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function failure(response: Response, what: string): Promise<ActionFailedError> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // not JSON: keep the text
  }
  const hint =
    response.status === 403 || response.status === 404
      ? ' (does the token have the permission? contents: write for releases, actions: write for dispatch)'
      : '';
  return new ActionFailedError(`${what}: HTTP ${response.status} ${message}${hint}`);
}

export interface ReleaseRequest {
  tag: string;
  name: string;
  body: string;
  prerelease: boolean;
}

/** Creates the release for `tag`; if one exists already (a re-run), returns that one. */
export async function createRelease(
  api: GitHubApi,
  release: ReleaseRequest,
): Promise<{ url: string; created: boolean }> {
  const response = await call(api, 'POST', `/repos/${api.repository}/releases`, {
    tag_name: release.tag,
    name: release.name,
    body: release.body,
    draft: false,
    prerelease: release.prerelease,
  });
  if (response.status === 201)
    return { url: ((await response.json()) as { html_url: string }).html_url, created: true };
  if (response.status === 422) {
    const existing = await call(
      api,
      'GET',
      `/repos/${api.repository}/releases/tags/${encodeURIComponent(release.tag)}`,
    );
    if (existing.status === 200)
      return { url: ((await existing.json()) as { html_url: string }).html_url, created: false };
  }
  throw await failure(response, `Creating the GitHub release ${release.tag}`);
}

/** Fires workflow_dispatch on `workflow` (file name or ID) at `ref` with `inputs`. */
export async function dispatchWorkflow(
  api: GitHubApi,
  workflow: string,
  ref: string,
  inputs: Record<string, string>,
): Promise<void> {
  const response = await call(
    api,
    'POST',
    `/repos/${api.repository}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`,
    { ref, inputs },
  );
  // 204 No Content (200 when the API returns run details).
  if (response.status !== 204 && response.status !== 200)
    throw await failure(response, `Dispatching ${workflow} at ${ref}`);
}
