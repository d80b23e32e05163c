import type { EventContext } from '@deploy-kit/core';
import type { NotifyInfo } from './message.js';

/** Facts about the workflow run for a message: repository, commit, branch, actor, run link. */
export function runFacts(
  env: NodeJS.ProcessEnv,
  event: EventContext,
): Pick<NotifyInfo, 'repository' | 'commit' | 'branch' | 'actor' | 'runUrl'> {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  const headCommit = event.payload.head_commit as { message?: unknown } | undefined;
  const pullRequest = event.payload.pull_request as { title?: unknown } | undefined;
  const message =
    typeof headCommit?.message === 'string'
      ? headCommit.message
      : typeof pullRequest?.title === 'string'
        ? pullRequest.title
        : undefined;
  return {
    repository,
    commit: sha
      ? { sha, url: repository ? `${server}/${repository}/commit/${sha}` : undefined, message }
      : undefined,
    branch: env.GITHUB_REF_NAME ?? env.GITHUB_REF?.replace(/^refs\/(heads|tags)\//, ''),
    actor: env.GITHUB_ACTOR,
    runUrl:
      repository && env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  };
}
