/**
 * Slack mrkdwn treats `&`, `<` and `>` as control characters: `<!channel>` pings everyone and
 * `<https://x|y>` makes a link. User-derived text (commit messages, branch names) is escaped so it
 * is shown, never interpreted.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters (code points stay whole), marking the cut with '…'. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Do not split a surrogate pair, nor an escape entity such as &amp;.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

/** A link in mrkdwn; the label is escaped, the URL must already be a valid absolute URL. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeSlack(label).replace(/\|/g, '¦')}>`;
}
