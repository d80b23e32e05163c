import { CommitParser } from 'conventional-commits-parser';
import { strongest, type Bump } from './semver.js';

/** One commit as `git log` gives it. */
export interface RawCommit {
  sha: string;
  parents: string[];
  author: string;
  email: string;
  message: string;
}

export interface AnalyzedCommit {
  sha: string;
  type?: string;
  scope?: string;
  /** The conventional header as written (`feat(api)!: drop v1`). */
  header: string;
  subject: string;
  breaking: boolean;
  /** The breaking-change note text, when a footer gave one. */
  breakingNote?: string;
  bump?: Bump;
  /** Pull request number from `(#12)` or a GitHub merge subject. */
  pr?: number;
  author: string;
  email: string;
}

export interface Analysis {
  bump?: Bump;
  /** The commit whose type decided the bump (the newest of the strongest). */
  decidedBy?: AnalyzedCommit;
  /** Every commit that counts, newest first, reverted pairs removed. */
  commits: AnalyzedCommit[];
  /** Commits cancelled by a revert in the same range. */
  cancelled: string[];
}

/** `skip`: merge commits ignored (their branch commits count); `subject`: first-parent history, merges by subject. */
export type MergeCommits = 'skip' | 'subject';

const parser = new CommitParser({
  // `feat!:` and `feat(scope)!:` as well as BREAKING CHANGE / BREAKING-CHANGE footers.
  breakingHeaderPattern: /^(\w*)(?:\((.*)\))?!: (.*)$/,
  revertPattern: /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w+)\.?/i,
  revertCorrespondence: ['header', 'hash'],
});

const GITHUB_MERGE = /^Merge pull request #(\d+) from \S+/;
const PR_SUFFIX = /\s\(#(\d+)\)$/;

function bumpOf(type: string | undefined, breaking: boolean): Bump | undefined {
  if (breaking) return 'major';
  if (type === 'feat') return 'minor';
  if (type === 'fix' || type === 'perf' || type === 'revert') return 'patch';
  return undefined;
}

export function analyzeCommit(
  raw: RawCommit,
): AnalyzedCommit & { revertOf?: { hash?: string; header?: string } } {
  let message = raw.message.replace(/\r\n/g, '\n').trim();
  let pr: number | undefined;
  const merge = GITHUB_MERGE.exec(message);
  if (merge && raw.parents.length > 1) {
    // GitHub's merge commit: the PR title is the first body line.
    pr = Number(merge[1]);
    message = message.split('\n').slice(1).join('\n').trim() || message;
  }
  if (!message)
    return { sha: raw.sha, header: '', subject: '', breaking: false, author: raw.author, email: raw.email };
  const parsed = parser.parse(message);
  const header = parsed.header ?? message.split('\n')[0] ?? '';
  const notes = parsed.notes.filter((n) => /^BREAKING[ -]CHANGE$/i.test(n.title));
  const type = typeof parsed.type === 'string' ? parsed.type.toLowerCase() : undefined;
  const breaking = notes.length > 0 || /^\w+(?:\([^)]*\))?!:/.test(header);
  const subject = typeof parsed.subject === 'string' ? parsed.subject : header;
  const prMatch = PR_SUFFIX.exec(subject);
  const revert = parsed.revert
    ? { hash: parsed.revert.hash ?? undefined, header: parsed.revert.header ?? undefined }
    : undefined;
  return {
    sha: raw.sha,
    type: revert ? 'revert' : type,
    scope: typeof parsed.scope === 'string' ? parsed.scope : undefined,
    header,
    subject: prMatch ? subject.slice(0, prMatch.index) : subject,
    breaking,
    breakingNote: notes[0]?.text.trim() || undefined,
    bump: bumpOf(revert ? 'revert' : type, breaking),
    pr: pr ?? (prMatch ? Number(prMatch[1]) : undefined),
    author: raw.author,
    email: raw.email,
    revertOf: revert,
  };
}

/**
 * Decides the bump from commits (newest first, as `git log` lists them). A revert whose target is
 * in the same range cancels it and itself; a revert of an older release's commit is a patch.
 */
export function analyzeCommits(raw: readonly RawCommit[], mergeCommits: MergeCommits): Analysis {
  const analyzed = raw
    .filter((c) => mergeCommits === 'subject' || c.parents.length <= 1)
    .map((c) => analyzeCommit(c));
  const cancelled = new Set<string>();
  for (const commit of analyzed) {
    if (!commit.revertOf || cancelled.has(commit.sha)) continue;
    const { hash, header } = commit.revertOf;
    const open = (c: (typeof analyzed)[number]): boolean => c !== commit && !cancelled.has(c.sha);
    // By hash first; a hash not in the range (the reverted commit was rebased or cherry-picked)
    // falls back to the reverted header, as semantic-release matches them.
    const target =
      (hash && hash.length >= 7 ? analyzed.find((c) => open(c) && c.sha.startsWith(hash)) : undefined) ??
      (header !== undefined ? analyzed.find((c) => open(c) && c.header === header) : undefined);
    if (target) {
      cancelled.add(target.sha);
      cancelled.add(commit.sha);
    }
  }
  const commits: AnalyzedCommit[] = analyzed
    .filter((c) => !cancelled.has(c.sha))
    .map((c) => {
      const kept: AnalyzedCommit & { revertOf?: unknown } = { ...c };
      delete kept.revertOf;
      return kept;
    });
  let bump: Bump | undefined;
  let decidedBy: AnalyzedCommit | undefined;
  for (const c of commits) {
    const next = strongest(bump, c.bump);
    if (next !== bump) {
      bump = next;
      decidedBy = c;
    }
  }
  return { bump, decidedBy, commits, cancelled: [...cancelled] };
}
