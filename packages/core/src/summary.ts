/** Builds a job-summary section in GitHub-flavoured Markdown. */
export class Summary {
  private readonly parts: string[] = [];

  heading(text: string, level: 1 | 2 | 3 = 2): this {
    this.parts.push(`${'#'.repeat(level)} ${escapeMarkdown(text)}\n`);
    return this;
  }

  paragraph(markdown: string): this {
    this.parts.push(`${markdown}\n`);
    return this;
  }

  /**
   * Cells are plain text: pipes, HTML and newlines are escaped so a value cannot break the table.
   * A `{ text, href }` cell is a link, kept only for an http(s) URL.
   */
  table(header: string[], rows: SummaryCell[][]): this {
    const line = (cells: SummaryCell[]): string => `| ${cells.map(renderCell).join(' | ')} |`;
    this.parts.push(
      [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n') + '\n',
    );
    return this;
  }

  mermaid(diagram: string): this {
    this.parts.push('```mermaid\n' + diagram.trim() + '\n```\n');
    return this;
  }

  /** Untrusted text (a response body): shown verbatim in a fenced block that it cannot close. */
  code(text: string, language = 'text'): this {
    const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longestRun + 1);
    this.parts.push(`${fence}${language}\n${text}\n${fence}\n`);
    return this;
  }

  details(title: string, body: Summary): this {
    this.parts.push(`<details><summary>${escapeHtml(title)}</summary>\n\n${body.toString()}\n</details>\n`);
    return this;
  }

  toString(): string {
    return this.parts.join('\n');
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeMarkdown(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]|])/g, '\\$1');
}

export type SummaryCell = string | number | { text: string; href?: string };

function renderCell(cell: SummaryCell): string {
  if (typeof cell !== 'object') return escapeCell(String(cell));
  const text = escapeCell(cell.text);
  if (!cell.href || !/^https?:\/\/[^\s<>()]+$/.test(cell.href)) return text;
  return `[${text}](${cell.href})`;
}

function escapeCell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, '<br>');
}
