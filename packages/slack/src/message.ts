import { escapeSlack, link, truncate } from './escape.js';

export type NotifyStatus = 'success' | 'failure' | 'cancelled';
export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';

/** One job of `toJSON(needs)`. */
export interface Stage {
  job: string;
  result: JobResult;
  outputs: Record<string, string>;
}

export interface NotifyInfo {
  status: NotifyStatus;
  title: string;
  version?: string;
  environment?: string;
  repository?: string;
  commit?: { sha: string; url?: string; message?: string };
  branch?: string;
  actor?: string;
  durationMs?: number;
  runUrl?: string;
  deploymentUrl?: string;
  stages: Stage[];
  /** Mention added to failures only, e.g. `<!subteam^S123>`; given verbatim by the user. */
  mention?: string;
  /** Free text (an error, what was rolled back to); escaped. */
  details?: string;
}

export interface SlackMessage {
  /** Notification and fallback text. */
  text: string;
  blocks: Array<Record<string, unknown>>;
  /** A user's payload: its other fields (attachments, unfurl_links, thread_ts…), sent as written. */
  rest?: Record<string, unknown>;
}

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  fallbackText: 4000,
};

const STATUS = {
  success: { icon: '✅', word: 'succeeded' },
  failure: { icon: '❌', word: 'failed' },
  cancelled: { icon: '⚪', word: 'was cancelled' },
} as const;

const RESULT_ICON: Record<JobResult, string> = {
  success: '✅',
  failure: '❌',
  cancelled: '⚪',
  skipped: '⏭️',
};

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

const mrkdwn = (text: string, max = LIMITS.sectionText): Record<string, unknown> => ({
  type: 'mrkdwn',
  text: truncate(text, max),
});

/** Stage lines, split into sections that each fit the section text limit. */
function stageSections(stages: readonly Stage[], budget: number): Array<Record<string, unknown>> {
  const lines = stages.map((s) => {
    const version = s.outputs.version ? ` · ${escapeSlack(truncate(s.outputs.version, 80))}` : '';
    return `${RESULT_ICON[s.result]} *${escapeSlack(truncate(s.job, 100))}* ${s.result}${version}`;
  });
  const sections: Array<Record<string, unknown>> = [];
  let current: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (current.length > 0 && length + line.length + 1 > LIMITS.sectionText) {
      sections.push({ type: 'section', text: mrkdwn(current.join('\n')) });
      current = [];
      length = 0;
    }
    current.push(line);
    length += line.length + 1;
  }
  if (current.length > 0) sections.push({ type: 'section', text: mrkdwn(current.join('\n')) });
  if (sections.length > budget) {
    const dropped = sections.length - budget + 1;
    return [
      ...sections.slice(0, budget - 1),
      { type: 'context', elements: [mrkdwn(`…and ${dropped} more stage section(s)`)] },
    ];
  }
  return sections;
}

/** The Block Kit message for a pipeline or deploy result: status header, facts, stages, links. */
export function buildMessage(info: NotifyInfo): SlackMessage {
  const { icon, word } = STATUS[info.status];
  const subject = [info.title, info.version, info.environment ? `→ ${info.environment}` : undefined]
    .filter(Boolean)
    .join(' ');
  const headline = `${icon} ${subject} ${word}`;
  const blocks: Array<Record<string, unknown>> = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(headline, LIMITS.headerText), emoji: true },
    },
  ];
  // Mentions only on failure: a cancelled run is not an incident.
  if (info.status === 'failure' && info.mention) {
    blocks.push({ type: 'section', text: mrkdwn(info.mention) });
  }
  const fields: string[] = [];
  if (info.version) fields.push(`*Version*\n${escapeSlack(truncate(info.version, 200))}`);
  if (info.environment) fields.push(`*Environment*\n${escapeSlack(truncate(info.environment, 200))}`);
  if (info.commit) {
    const short = info.commit.sha.slice(0, 7);
    const sha = info.commit.url ? link(info.commit.url, short) : `\`${short}\``;
    const firstLine = info.commit.message?.split(/\r?\n/)[0]?.trim();
    fields.push(`*Commit*\n${sha}${firstLine ? ` ${escapeSlack(truncate(firstLine, 300))}` : ''}`);
  }
  if (info.branch) fields.push(`*Branch*\n${escapeSlack(truncate(info.branch, 200))}`);
  if (info.actor) fields.push(`*Actor*\n${escapeSlack(truncate(info.actor, 100))}`);
  if (info.durationMs !== undefined) fields.push(`*Duration*\n${formatDuration(info.durationMs)}`);
  if (fields.length > 0) {
    blocks.push({
      type: 'section',
      fields: fields.slice(0, LIMITS.fields).map((f) => mrkdwn(f, LIMITS.fieldText)),
    });
  }
  if (info.details) blocks.push({ type: 'section', text: mrkdwn(escapeSlack(info.details)) });
  const links: string[] = [];
  if (info.runUrl) links.push(link(info.runUrl, 'View run'));
  if (info.deploymentUrl) links.push(link(info.deploymentUrl, 'Open deployment'));
  // Reserve room for the divider and the links, then give the stages what is left.
  const reserved = blocks.length + 1 + (links.length > 0 ? 1 : 0);
  if (info.stages.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(...stageSections(info.stages, LIMITS.blocks - reserved));
  }
  if (links.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(links.join('  ·  '))] });
  const text = truncate(
    `${escapeSlack(headline)}${info.details ? `: ${escapeSlack(info.details)}` : ''}`,
    LIMITS.fallbackText,
  );
  return { text, blocks };
}
