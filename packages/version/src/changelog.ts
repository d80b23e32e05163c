import type { AnalyzedCommit } from './commits.js';

export interface ChangelogContext {
  /** https://github.com/<owner>/<repo>, for PR, commit and compare links; omitted: plain text. */
  repoUrl?: string;
  version: string;
  tag: string;
  previousTag?: string;
  date: string;
}

const SECTIONS: Array<{ title: string; pick: (c: AnalyzedCommit) => boolean }> = [
  { title: '⚠ Breaking changes', pick: (c) => c.breaking },
  { title: 'Features', pick: (c) => !c.breaking && c.type === 'feat' },
  { title: 'Fixes', pick: (c) => !c.breaking && c.type === 'fix' },
  { title: 'Performance', pick: (c) => !c.breaking && c.type === 'perf' },
  { title: 'Reverts', pick: (c) => !c.breaking && c.type === 'revert' },
];

/** `12345+login@users.noreply.github.com` or `login@users.noreply.github.com` → login. */
export function githubLogin(email: string): string | undefined {
  const m = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?)@users\.noreply\.github\.com$/.exec(
    email,
  );
  return m?.[1];
}

// Commit text is user-written: keep it from opening links, HTML or headings of its own.
function plain(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/([[\]`*_])/g, '\\$1');
}

function line(c: AnalyzedCommit, ctx: ChangelogContext): string {
  const scope = c.scope ? `**${plain(c.scope)}:** ` : '';
  const text = c.breaking && c.breakingNote ? c.breakingNote : c.subject;
  const parts = [`- ${scope}${plain(text)}`];
  if (c.pr !== undefined)
    parts.push(ctx.repoUrl ? `([#${c.pr}](${ctx.repoUrl}/pull/${c.pr}))` : `(#${c.pr})`);
  const short = c.sha.slice(0, 7);
  parts.push(ctx.repoUrl ? `([${short}](${ctx.repoUrl}/commit/${c.sha}))` : `(${short})`);
  const login = githubLogin(c.email);
  if (login) parts.push(`by [@${login}](https://github.com/${login.replace('[bot]', '%5Bbot%5D')})`);
  else if (c.author) parts.push(`by ${plain(c.author)}`);
  return parts.join(' ');
}

/** The grouped changelog: breaking changes first, then features, fixes, performance, reverts. */
export function renderChangelog(commits: readonly AnalyzedCommit[], ctx: ChangelogContext): string {
  const compare =
    ctx.repoUrl && ctx.previousTag
      ? `[${ctx.version}](${ctx.repoUrl}/compare/${ctx.previousTag}...${ctx.tag})`
      : ctx.version;
  const out = [`## ${compare} (${ctx.date})`];
  for (const section of SECTIONS) {
    const picked = commits.filter(section.pick);
    if (picked.length) out.push('', `### ${section.title}`, '', ...picked.map((c) => line(c, ctx)));
  }
  return out.join('\n') + '\n';
}
