// slack-notify's own-message path: payloads written the way slack-github-action's documentation
// shows them (our own examples, not copied), parsed as JSON or YAML, templated from the
// environment only in string values, and checked against Block Kit's limits before sending.
import { parse } from 'yaml';
import { ConfigurationError } from '@deploy-kit/core';
import { loadPayload, parsePayload, payloadProblems, templatePayload } from '@deploy-kit/slack';

const yaml = (t: string): unknown => parse(t) as unknown;

test('a JSON payload with text and blocks is sent as written, other fields kept', () => {
  const message = parsePayload(
    JSON.stringify({
      text: 'GitHub Action build result: success',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Build *succeeded* <https://example.com|view>' } },
      ],
      unfurl_links: true,
      thread_ts: '1700000000.000100',
    }),
    'payload',
    yaml,
  );
  expect(message.text).toBe('GitHub Action build result: success');
  expect(message.blocks).toHaveLength(1);
  expect(message.rest).toEqual({ unfurl_links: true, thread_ts: '1700000000.000100' });
});

test('a YAML payload with attachments only (the legacy colour bar) is accepted', () => {
  const message = parsePayload(
    'attachments:\n  - color: "#28a745"\n    fields:\n      - title: Environment\n        short: true\n        value: Production\n',
    'payload',
    yaml,
  );
  expect(message.text).toBe('');
  expect(message.rest).toEqual({ attachments: [expect.objectContaining({ color: '#28a745' }) as unknown] });
});

test('templating replaces ${VAR} in string values from the environment; a value cannot break the document', () => {
  const env = { STATUS: 'success", "injected": "x', COMMIT: 'abc123' };
  const message = parsePayload(
    '{"text": "Build ${STATUS} at ${COMMIT}", "blocks": [{"type": "section", "text": {"type": "plain_text", "text": "${COMMIT}"}}]}',
    'payload-file',
    yaml,
    env,
  );
  expect(message.text).toBe('Build success", "injected": "x at abc123');
  expect(message.rest).toEqual({});
  expect(() => templatePayload({ text: '${NOPE}' }, {}, 'payload-file')).toThrow(
    /Input 'payload-file': \$\{NOPE\} is not set in the environment/,
  );
  // Without templating, ${VAR} stays literal.
  expect(parsePayload('{"text": "cost ${X}"}', 'payload', yaml).text).toBe('cost ${X}');
});

test.each([
  ['{"text": ', /is not valid JSON or YAML/],
  ['[1, 2]', /must be a JSON or YAML object/],
  ['{"channel": "C1"}', /neither 'text' nor 'blocks'/],
  ['{"text": 5}', /'text' is not a string/],
  [
    JSON.stringify({ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }),
    /51 blocks \(at most 50\)/,
  ],
  [JSON.stringify({ blocks: [{ text: 'x' }] }), /block 1 has no 'type'/],
  [
    JSON.stringify({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }),
    /block 1 \(header\) text is 151 characters \(at most 150\)/,
  ],
  [
    JSON.stringify({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } }] }),
    /section\) text is 3001 characters/,
  ],
  [JSON.stringify({ blocks: [{ type: 'section' }] }), /needs 'text' or 'fields'/],
  [
    JSON.stringify({
      blocks: [
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      ],
    }),
    /11 fields \(at most 10\)/,
  ],
  [
    JSON.stringify({
      blocks: [
        { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
      ],
    }),
    /11 elements \(at most 10\)/,
  ],
  [JSON.stringify({ text: 't'.repeat(4001) }), /'text' is 4001 characters/],
])('refused before sending: %s', (text, message) => {
  expect(() => parsePayload(text, 'payload', yaml)).toThrow(ConfigurationError);
  expect(() => parsePayload(text, 'payload', yaml)).toThrow(message);
});

test('control: a message within every limit has no problems', () => {
  expect(
    payloadProblems({
      text: 'ok',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
        {
          type: 'section',
          fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2000) })),
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'c' }] },
        { type: 'divider' },
      ],
    }),
  ).toEqual([]);
});

test('loadPayload: JSON without a YAML parser, YAML with one, templating only when asked', async () => {
  const json = await loadPayload(
    { input: 'payload', text: '{"text": "a ${X}"}', templated: false },
    { X: '1' },
  );
  expect(json.text).toBe('a ${X}');
  const yamlText = await loadPayload(
    { input: 'payload-file', text: 'text: "b ${X}"\n', templated: true },
    { X: '1' },
  );
  expect(yamlText.text).toBe('b 1');
  await expect(loadPayload({ input: 'payload', text: 'blocks: [', templated: false }, {})).rejects.toThrow(
    /Input 'payload' is not valid JSON or YAML/,
  );
});
