import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir } from './tempdir.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Dev One',
  GIT_AUTHOR_EMAIL: '1234+devone@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'Dev One',
  GIT_COMMITTER_EMAIL: '1234+devone@users.noreply.github.com',
};

/**
 * A real repository with scripted history: a bare `origin` and a working clone with `fetch-depth: 0`
 * semantics, as actions/checkout leaves it. Commits are empty (only history matters here).
 */
export class TestRepo {
  private constructor(
    readonly dir: string,
    readonly origin: string,
    private readonly temp: { remove(): void },
  ) {}

  static create(): TestRepo {
    const temp = makeTempDir('git-repo');
    const origin = join(temp.path, 'origin.git');
    const dir = join(temp.path, 'work');
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', origin]);
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
    const repo = new TestRepo(dir, origin, temp);
    repo.git(['remote', 'add', 'origin', origin]);
    // No user.* config: the action must bring its own identity, as on a fresh runner.
    return repo;
  }

  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...IDENTITY, ...env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  commit(message: string, env: Record<string, string> = {}): string {
    this.git(['commit', '--quiet', '--allow-empty', '--cleanup=verbatim', '-m', message], env);
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']);
  }

  tag(name: string, ref = 'HEAD'): void {
    this.git(['tag', '--annotate', '-m', name, name, ref]);
  }

  branch(name: string, from = 'HEAD'): void {
    this.git(['checkout', '--quiet', '-b', name, from]);
  }

  checkout(name: string): void {
    this.git(['checkout', '--quiet', name]);
  }

  /** A merge commit (no fast-forward) of `branch` into the current branch. */
  merge(branch: string, message: string): string {
    this.git(['merge', '--quiet', '--no-ff', '-m', message, branch]);
    return this.head();
  }

  /** A revert commit with the message `git revert` writes (the commits here are empty, so git itself refuses). */
  revert(sha: string): string {
    const subject = this.git(['log', '-1', '--format=%s', sha]);
    return this.commit(`Revert "${subject}"\n\nThis reverts commit ${sha}.\n`);
  }

  push(): void {
    this.git(['push', '--quiet', '--follow-tags', 'origin', 'HEAD']);
    this.git(['push', '--quiet', '--tags', 'origin']);
  }

  /** The commit a tag points to in origin, or '' when origin has no such tag. */
  originTag(tag: string): string {
    try {
      return execFileSync(
        'git',
        ['--git-dir', this.origin, 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`],
        {
          encoding: 'utf8',
        },
      ).trim();
    } catch {
      return '';
    }
  }

  originTags(): string[] {
    return execFileSync('git', ['--git-dir', this.origin, 'tag', '--list'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort();
  }

  /** Another full clone of origin (a second runner). */
  clone(): TestRepo {
    const temp = makeTempDir('git-clone');
    const dir = join(temp.path, 'work');
    execFileSync('git', ['clone', '--quiet', '--no-local', this.origin, dir]);
    return new TestRepo(dir, this.origin, temp);
  }

  /** A depth-1 clone, as actions/checkout makes by default. */
  shallowClone(): TestRepo {
    const temp = makeTempDir('git-shallow');
    const dir = join(temp.path, 'work');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${this.origin}`, dir]);
    return new TestRepo(dir, this.origin, temp);
  }

  remove(): void {
    this.temp.remove();
  }
}
