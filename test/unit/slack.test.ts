import {
  buildMessage,
  escapeSlack,
  LIMITS,
  parseMention,
  parseNeeds,
  truncate,
  type NotifyInfo,
} from '@deploy-kit/slack';
import { slackPayloadError } from '../support/slack.js';

const base: NotifyInfo = { status: 'success', title: 'shop', stages: [] };

describe('escapeSlack and truncate', () => {
  test.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['a & b', 'a &amp; b'],
    ['<https://x|y>', '&lt;https://x|y&gt;'],
    ['&amp;', '&amp;amp;'],
    ['plain "quotes"', 'plain "quotes"'],
  ])('%s → %s', (input, output) => expect(escapeSlack(input)).toBe(output));

  test('truncate keeps the limit, marks the cut, never splits an entity or a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('ab&amp;cd', 6)).toBe('ab…');
    expect(truncate('a😀b', 3)).toBe('a…');
  });
});

describe('buildMessage', () => {
  test.each<[string, Partial<NotifyInfo>, string]>([
    ['success', {}, '✅ shop succeeded'],
    [
      'failure with version and environment',
      { status: 'failure', version: '1.2', environment: 'prod' },
      '❌ shop 1.2 → prod failed',
    ],
    ['cancelled', { status: 'cancelled' }, '⚪ shop was cancelled'],
  ])('%s: header', (_name, info, header) => {
    const message = buildMessage({ ...base, ...info });
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: header, emoji: true },
    });
    expect(slackPayloadError(message as unknown as Record<string, unknown>)).toBeUndefined();
  });

  test('a mention only on failure', () => {
    const mention = '<!subteam^S1>';
    expect(JSON.stringify(buildMessage({ ...base, status: 'failure', mention }).blocks)).toContain(mention);
    expect(JSON.stringify(buildMessage({ ...base, status: 'cancelled', mention }).blocks)).not.toContain(
      mention,
    );
    expect(JSON.stringify(buildMessage({ ...base, status: 'success', mention }).blocks)).not.toContain(
      mention,
    );
  });

  test('2,000 stages and 20,000 characters of details stay within the limits', () => {
    const stages = Array.from({ length: 2000 }, (_, i) => ({
      job: `job-${i}-${'y'.repeat(90)}`,
      result: 'success' as const,
      outputs: {},
    }));
    const message = buildMessage({ ...base, stages, details: 'z'.repeat(20_000) });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(JSON.stringify(message.blocks)).toContain('more stage section(s)');
    expect(slackPayloadError(message as unknown as Record<string, unknown>)).toBeUndefined();
  });
});

describe('controls: the stand-in rejects what Slack rejects', () => {
  test.each<[string, unknown[]]>([
    [
      'section text over 3,000 characters',
      [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
    ],
    ['header over 150 characters', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }]],
    ['mrkdwn in a header', [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }]],
    ['an unknown block type', [{ type: 'table-of-doom' }]],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' }))],
  ])('%s', (_name, blocks) => {
    expect(slackPayloadError({ text: 'x', blocks })).toBe('invalid_blocks');
  });
});

describe('Slack input parsers', () => {
  test('needs: results and string outputs kept, others refused', () => {
    expect(parseNeeds('needs', '{"a":{"result":"skipped","outputs":{"v":"1","n":2}}}')).toEqual([
      { job: 'a', result: 'skipped', outputs: { v: '1' } },
    ]);
    expect(() => parseNeeds('needs', '[1]')).toThrow(/Input 'needs'/);
    expect(() => parseNeeds('needs', '{"a":null}')).toThrow(/job 'a' has result undefined/);
  });
  test.each(['<!subteam^S0A1|@oncall>', '<@U0123> <@W9>', '<!here>'])('mention %s accepted', (m) =>
    expect(parseMention('m', m)).toBe(m),
  );
  test.each(['@here', '<!subteam^S1>;rm -rf /', '$(id)', '<@U1>\n<!channel'])('mention %j refused', (m) =>
    expect(() => parseMention('m', m)).toThrow(/Input 'm'/),
  );
});
