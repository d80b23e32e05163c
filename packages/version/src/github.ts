import { githubFailure, githubRequest, type ActionFailedError, type GitHubApi } from '@deploy-kit/core';

export type { GitHubApi } from '@deploy-kit/core';

const call = (api: GitHubApi, method: string, path: string, body?: unknown): Promise<Response> =>
  githubRequest(api, method, path, { body });

const failure = (response: Response, what: string): Promise<ActionFailedError> =>
  githubFailure(response, what, 'the permission: contents: write for releases, actions: write for dispatch');

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
