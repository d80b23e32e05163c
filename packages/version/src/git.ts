import { ActionFailedError, type LocalExec, type LocalExecResult } from '@deploy-kit/core';
import type { RawCommit } from './commits.js';

/** The identity tags and release commits are made with when the repository has none configured. */
export const BOT_IDENTITY = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** git, from argv arrays only, in one working copy. Data (tag messages) goes on stdin. */
export class Git {
  constructor(
    private readonly exec: LocalExec,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly signal?: AbortSignal,
  ) {}

  async try(args: string[], stdin?: string, env: NodeJS.ProcessEnv = this.env): Promise<LocalExecResult> {
    return this.exec(['git', ...args], {
      cwd: this.cwd,
      env: { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      signal: this.signal,
      stdin,
      timeoutMs: 120_000,
    });
  }

  async must(args: string[], stdin?: string, env?: NodeJS.ProcessEnv): Promise<string> {
    const result = await this.try(args, stdin, env);
    if (result.code !== 0)
      throw new ActionFailedError(
        `git ${args[0]} failed (exit ${String(result.code)}): ${result.stderr.trim()}`,
      );
    return result.stdout;
  }

  /** A command that records an identity (tag, commit): the bot's when the repository has none. */
  private async mustAsAuthor(args: string[], stdin?: string): Promise<string> {
    return this.must(args, stdin, await this.identityEnv());
  }

  async isRepository(): Promise<boolean> {
    return (await this.try(['rev-parse', '--git-dir'])).code === 0;
  }

  async isShallow(): Promise<boolean> {
    return (await this.must(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }

  /** The full SHA of a commit, or undefined when it does not exist here. */
  async commitOf(ref: string): Promise<string | undefined> {
    const result = await this.try([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`,
    ]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** Tag names starting with `prefix`; only those reachable from `sha` when given. */
  async tags(prefix: string, mergedInto?: string): Promise<string[]> {
    const args = ['tag', '--list', `${prefix}*`];
    if (mergedInto) args.push('--merged', mergedInto);
    return (await this.must(args)).split('\n').filter(Boolean);
  }

  /** Tags starting with `prefix` that point at `sha`. */
  async tagsAt(sha: string, prefix: string): Promise<string[]> {
    return (await this.must(['tag', '--list', `${prefix}*`, '--points-at', sha])).split('\n').filter(Boolean);
  }

  /** Commits in `range` (`a..b` or `b`), newest first. */
  async log(range: string, firstParent: boolean): Promise<RawCommit[]> {
    const args = ['log', '-z', '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%B'];
    if (firstParent) args.push('--first-parent');
    args.push('--end-of-options', range);
    const out = await this.must(args);
    return out
      .split('\0')
      .filter((record) => record.trim())
      .map((record) => {
        const [sha, parents, author, email, message] = record.replace(/^\n/, '').split('\x1f');
        return {
          sha: sha ?? '',
          parents: (parents ?? '').split(' ').filter(Boolean),
          author: author ?? '',
          email: email ?? '',
          message: message ?? '',
        };
      });
  }

  /** Environment for commands that record an identity, when the repository has none. */
  private async identityEnv(): Promise<NodeJS.ProcessEnv> {
    const configured = (await this.try(['config', 'user.email'])).code === 0;
    if (configured || this.env.GIT_COMMITTER_EMAIL) return this.env;
    return {
      ...this.env,
      GIT_COMMITTER_NAME: BOT_IDENTITY.name,
      GIT_COMMITTER_EMAIL: BOT_IDENTITY.email,
      GIT_AUTHOR_NAME: BOT_IDENTITY.name,
      GIT_AUTHOR_EMAIL: BOT_IDENTITY.email,
    };
  }

  async createAnnotatedTag(tag: string, sha: string, message: string): Promise<void> {
    await this.mustAsAuthor(['tag', '--annotate', '--cleanup=verbatim', '--file=-', tag, sha], message);
  }

  /** Moves a tag locally (only ever used for the major/minor tags). */
  async forceTag(tag: string, sha: string, message: string): Promise<void> {
    await this.mustAsAuthor(
      ['tag', '--force', '--annotate', '--cleanup=verbatim', '--file=-', tag, sha],
      message,
    );
  }

  async deleteLocalTag(tag: string): Promise<void> {
    await this.try(['tag', '--delete', tag]);
  }

  /**
   * Pushes refs without force: a tag that already exists on the remote is rejected, never
   * replaced. Refs given as `+ref` are the deliberate exceptions (major/minor tags).
   */
  async push(remote: string, refspecs: string[]): Promise<LocalExecResult> {
    return this.try(['push', '--porcelain', '--atomic', '--end-of-options', remote, ...refspecs]);
  }

  /** The commit a tag points to on the remote, or undefined when the remote has no such tag. */
  async remoteTagCommit(remote: string, tag: string): Promise<string | undefined> {
    const out = await this.must([
      'ls-remote',
      '--tags',
      '--end-of-options',
      remote,
      `refs/tags/${tag}`,
      `refs/tags/${tag}^{}`,
    ]);
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t') as [string, string]);
    const peeled = lines.find(([, ref]) => ref.endsWith('^{}')) ?? lines[0];
    return peeled?.[0];
  }

  async fetchTags(remote: string): Promise<void> {
    await this.must(['fetch', '--quiet', '--tags', '--force', '--end-of-options', remote]);
  }

  async commitFiles(files: string[], message: string, parent: string): Promise<string> {
    const head = (await this.must(['rev-parse', 'HEAD'])).trim();
    if (head !== parent)
      throw new ActionFailedError(`update-files needs the checkout at ${parent}; HEAD is ${head}`);
    await this.must(['add', '--', ...files]);
    await this.mustAsAuthor(['commit', '--quiet', '--no-verify', '--cleanup=verbatim', '--file=-'], message);
    return (await this.must(['rev-parse', 'HEAD'])).trim();
  }
}
