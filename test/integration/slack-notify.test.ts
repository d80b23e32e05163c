// slack-notify through the committed bundle against a Slack stand-in over real TLS on loopback.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundle, type RunOptions, type RunResult } from '../support/runner.js';
import { makeTempDir } from '../support/tempdir.js';
import { assertNoSecret } from '../support/secrets.js';
import { slackPayloadError, startSlack, type SlackStandIn } from '../support/slack.js';

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startSlack();
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => slack.reset());

const needs = JSON.stringify({
  quality: { result: 'success', outputs: {} },
  'unit-tests': { result: 'success', outputs: {} },
  build: { result: 'success', outputs: { version: '1.4.0' } },
  deploy: { result: 'failure', outputs: {} },
});

const COMMIT_MESSAGE =
  'Fix <!channel> & <b>"quotes"</b> in <https://evil.example|login>\nsecond line <!here>';

function notify(inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  return runBundle('slack-notify', {
    ...options,
    inputs,
    env: { ...slack.env, GITHUB_REF_NAME: 'feat/<x>&y', ...options.env },
    event: options.event ?? { head_commit: { message: COMMIT_MESSAGE } },
  });
}

const webhook = (extra: Record<string, string> = {}): Record<string, string> => ({
  'webhook-url': slack.webhookUrl,
  ...extra,
});

type Block = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text: string }>;
};
const blocksOf = (body: Record<string, unknown>): Block[] => body.blocks as Block[];
const allText = (body: Record<string, unknown>): string =>
  [
    String(body.text),
    ...blocksOf(body).flatMap((b) => [
      b.text?.text ?? '',
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => e.text),
    ]),
  ].join('\n');

test('webhook: a failure message with header, facts, stage table from needs, links, escaped user text', async () => {
  const result = await notify(
    webhook({
      needs,
      version: '1.4.0',
      environment: 'production',
      'deployment-url': 'https://shop.example.com',
      'mention-on-failure': '<!subteam^S0DEPLOY>',
      'started-at': String(Math.floor(Date.now() / 1000) - 125),
    }),
  );
  expect(result.exitCode).toBe(0);
  expect(result.outputs.status).toBe('failure');
  expect(slack.requests).toHaveLength(1);
  const body = slack.requests[0]!.body;
  expect(slackPayloadError(body)).toBeUndefined();
  const blocks = blocksOf(body);
  expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
  expect(blocks[0]!.text!.text).toBe('❌ acme/app 1.4.0 → production failed');
  expect(blocks[1]!.text!.text).toBe('<!subteam^S0DEPLOY>');
  const text = allText(body);
  expect(text).toContain(
    '*Commit*\n<https://github.com/acme/app/commit/0123456789abcdef0123456789abcdef01234567|0123456>',
  );
  // Only the first line, with every control character of mrkdwn escaped; quotes kept.
  expect(text).toContain(
    'Fix &lt;!channel&gt; &amp; &lt;b&gt;"quotes"&lt;/b&gt; in &lt;https://evil.example|login&gt;',
  );
  expect(text).not.toMatch(/<!channel>|<!here>|second line/);
  expect(text).toContain('*Branch*\nfeat/&lt;x&gt;&amp;y');
  expect(text).toContain('*Actor*\noctocat');
  expect(text).toMatch(/\*Duration\*\n2m \d+s/);
  expect(text).toContain(
    '✅ *quality* success\n✅ *unit-tests* success\n✅ *build* success · 1.4.0\n❌ *deploy* failure',
  );
  expect(text).toContain('<https://github.com/acme/app/actions/runs/4242|View run>');
  expect(text).toContain('<https://shop.example.com/|Open deployment>');
  expect(result.summary).toMatch(/slack-notify: failure/);
});

test('status derives from needs; cancelled is not a failure and mentions nobody', async () => {
  const cancelledNeeds = JSON.stringify({ build: { result: 'success' }, deploy: { result: 'cancelled' } });
  const result = await notify(
    webhook({ needs: cancelledNeeds, 'mention-on-failure': '<!subteam^S0DEPLOY>' }),
  );
  expect(result.exitCode).toBe(0);
  expect(result.outputs.status).toBe('cancelled');
  const body = slack.requests[0]!.body;
  expect(blocksOf(body)[0]!.text!.text).toMatch(/^⚪ .* was cancelled$/);
  expect(allText(body)).not.toContain('subteam');
  slack.reset();
  const success = await notify(webhook({ status: 'success', 'mention-on-failure': '<!channel>' }));
  expect(success.exitCode).toBe(0);
  expect(allText(slack.requests[0]!.body)).not.toContain('<!channel>');
});

test('long text and many stages are cut within Block Kit limits', async () => {
  const many = Object.fromEntries(
    Array.from({ length: 400 }, (_, i) => [`job-${i}-${'x'.repeat(60)}`, { result: 'success', outputs: {} }]),
  );
  const result = await notify(
    webhook({ status: 'failure', needs: JSON.stringify(many), details: `boom ${'<&>'.repeat(4000)}` }),
  );
  expect(result.exitCode).toBe(0);
  const body = slack.requests[0]!.body;
  expect(slackPayloadError(body)).toBeUndefined();
  const blocks = blocksOf(body);
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
  const details = blocks.find((b) => b.text?.text.startsWith('boom'))!;
  expect(details.text!.text).toMatch(/…$/);
  expect(details.text!.text).not.toMatch(/&[a-z]{0,3}…$/);
  expect(String(body.text).length).toBeLessThanOrEqual(4000);
});

test('429 with Retry-After: 1, then 200: exactly one retry, after at least 1 s', async () => {
  slack.force({ status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' });
  const result = await notify(webhook({ status: 'success' }));
  expect(result.exitCode).toBe(0);
  expect(slack.requests).toHaveLength(2);
  expect(slack.requests[1]!.at - slack.requests[0]!.at).toBeGreaterThanOrEqual(1000);
  expect(result.log).toMatch(/rate limited \(429\); retrying in 1s/);
});

test('500 forever: a warning and exit 0; with fail-on-error, exit 1; bounded attempts either way', async () => {
  slack.force({ status: 500, body: 'internal_error' }, Infinity);
  const warned = await notify(webhook({ status: 'success', retries: '1' }));
  expect(warned.exitCode).toBe(0);
  expect(slack.requests).toHaveLength(2);
  expect(warned.log).toMatch(/::warning::Slack webhook failed after 2 attempt\(s\): HTTP 500/);
  slack.reset();
  slack.force({ status: 500, body: 'internal_error' }, Infinity);
  const failed = await notify(webhook({ status: 'success', retries: '0', 'fail-on-error': 'true' }));
  expect(failed.exitCode).toBe(1);
  expect(slack.requests).toHaveLength(1);
  expect(failed.log).toMatch(/::error::Slack webhook failed after 1 attempt\(s\): HTTP 500/);
});

test('a rejected payload (404 no_service) is not retried', async () => {
  const result = await notify({ 'webhook-url': `${slack.url}/services/T0/B0/wrong`, status: 'success' });
  expect(result.exitCode).toBe(0);
  expect(slack.requests).toHaveLength(1);
  expect(result.log).toMatch(/::warning::Slack webhook rejected the message \(HTTP 404, no_service\)/);
});

test('bot token: chat.postMessage returns ts and channel; chat.update edits that message', async () => {
  const bot = { 'bot-token': slack.token, channel: '#deploys', 'api-url': slack.apiUrl };
  const posted = await notify({ ...bot, status: 'success', title: 'Deploy started' });
  expect(posted.exitCode).toBe(0);
  expect(posted.outputs.channel).toBe(slack.channelId);
  expect(posted.outputs.ts).toMatch(/^\d+\.\d+$/);
  expect(slack.requests[0]!.authorization).toBe(`Bearer ${slack.token}`);
  const updated = await notify({ ...bot, status: 'failure', title: 'Deploy', ts: posted.outputs.ts!, needs });
  expect(updated.exitCode).toBe(0);
  expect(slack.requests[1]!.path).toBe('/api/chat.update');
  expect(slack.messages.size).toBe(1);
  expect(String(slack.messages.get(posted.outputs.ts!)!.text)).toMatch(/^❌ Deploy .* failed/);
  // A token Slack does not accept is an error it reports, not retried.
  slack.reset();
  const wrong = await notify({ ...bot, 'bot-token': 'xoxb-0000000000-wrong-token', status: 'success' });
  expect(wrong.exitCode).toBe(0);
  expect(slack.requests).toHaveLength(1);
  expect(wrong.log).toMatch(/chat.postMessage rejected the message \(HTTP 200, invalid_auth\)/);
});

const payloadDir = makeTempDir('slack-payload');
const PAYLOAD_FILE = join(payloadDir.path, 'message.yaml');
writeFileSync(
  PAYLOAD_FILE,
  [
    'text: "Deploy of ${DEPLOY_VERSION} finished"',
    'blocks:',
    '  - type: header',
    '    text: { type: plain_text, text: "Deploy ${DEPLOY_VERSION}" }',
    '  - type: section',
    '    fields:',
    '      - { type: mrkdwn, text: "*Colour*\\n${DEPLOY_COLOUR}" }',
    'attachments:',
    '  - color: "#36a64f"',
    '    text: attached',
    '',
  ].join('\n'),
);
afterAll(() => payloadDir.remove());

describe('your own payload', () => {
  test('webhook: the payload as written, other fields kept, nothing of deploy-kit added', async () => {
    const payload = {
      text: 'Build finished: <https://example.com|#42>',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*shop* 1.4.0 is live' } }],
      unfurl_links: true,
    };
    const result = await notify(webhook({ payload: JSON.stringify(payload) }));
    expect({ exit: result.exitCode, log: result.exitCode === 0 ? '' : result.log }).toEqual({
      exit: 0,
      log: '',
    });
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]?.body).toEqual(payload);
    expect(result.outputs.status).toBe('');
  });

  test('bot token: a YAML payload posts, then a templated payload file updates the same message by ts', async () => {
    const bot = { 'bot-token': slack.token, channel: '#deploys', 'api-url': slack.apiUrl };
    const posted = await notify({
      ...bot,
      status: 'success',
      payload: 'text: first\nblocks:\n  - type: divider\n',
    });
    expect(posted.exitCode).toBe(0);
    expect(posted.outputs.status).toBe('success');
    const ts = posted.outputs.ts ?? '';
    const updated = await notify(
      { ...bot, ts, 'payload-file': PAYLOAD_FILE, 'payload-file-templated': 'true' },
      { env: { DEPLOY_VERSION: '1.4.0', DEPLOY_COLOUR: 'green "and" ${NOT_EXPANDED}' } },
    );
    expect({ exit: updated.exitCode, log: updated.exitCode === 0 ? '' : updated.log }).toEqual({
      exit: 0,
      log: '',
    });
    expect(slack.requests[1]?.path).toBe('/api/chat.update');
    const message = slack.messages.get(ts) ?? {};
    expect(message.text).toBe('Deploy of 1.4.0 finished');
    expect(JSON.stringify(message.blocks)).toContain('green \\"and\\" ${NOT_EXPANDED}');
    expect(slack.requests[1]?.body.attachments).toEqual([{ color: '#36a64f', text: 'attached' }]);
    expect(slack.requests[1]?.body.channel).toBe(
      slack.channelId === '' ? '#deploys' : slack.requests[1]?.body.channel,
    );
  });
});

test('the webhook URL and the token never appear in the log, outputs or summary', async () => {
  slack.force({ status: 500 }, 1);
  const viaHook = await notify(webhook({ status: 'failure', retries: '1', details: slack.webhookUrl }));
  const viaBot = await notify({
    'bot-token': slack.token,
    channel: '#deploys',
    'api-url': slack.apiUrl,
    status: 'success',
  });
  for (const [run, secret] of [
    [viaHook, slack.webhookUrl],
    [viaHook, new URL(slack.webhookUrl).pathname],
    [viaBot, slack.token],
  ] as const) {
    assertNoSecret(run.log, secret, 'log');
    assertNoSecret(JSON.stringify(run.outputs), secret, 'outputs');
    assertNoSecret(run.summary, secret, 'summary');
  }
  expect(viaHook.log).toContain('::add-mask::');
});

test('control: the leak check sees a secret that is printed', () => {
  expect(() => assertNoSecret(`posting to ${slack.webhookUrl}`, slack.webhookUrl, 'log')).toThrow(/leaked/);
});

describe('bad input: a clear error naming the input, and nothing sent', () => {
  const bot = (): Record<string, string> => ({
    'bot-token': slack.token,
    channel: '#deploys',
    'api-url': slack.apiUrl,
  });
  const cases: Array<[string, () => Record<string, string>, RegExp]> = [
    [
      'unknown status',
      () => webhook({ status: 'done' }),
      /Input 'status' must be one of success, failure, cancelled/,
    ],
    ['no status and no needs', () => webhook(), /Input 'status' is required/],
    [
      'malformed needs JSON',
      () => webhook({ needs: '{"build": ' }),
      /Input 'needs' must be the JSON of toJSON\(needs\)/,
    ],
    [
      'needs with an unknown result',
      () => webhook({ needs: '{"build":{"result":"ok"}}' }),
      /job 'build' has result "ok"/,
    ],
    [
      'non-https webhook URL',
      () => ({ 'webhook-url': slack.webhookUrl.replace('https:', 'http:'), status: 'success' }),
      /Input 'webhook-url' must be a URL starting with https:\/\//,
    ],
    ['nowhere to send', () => ({ status: 'success' }), /Slack needs somewhere to send/],
    [
      'both webhook and token',
      () => ({ ...bot(), ...webhook(), status: 'success' }),
      /'webhook-url' and 'bot-token' are both set/,
    ],
    [
      'token without channel',
      () => ({ ...bot(), channel: '', status: 'success' }),
      /Input 'channel' is required/,
    ],
    [
      'bad channel',
      () => ({ ...bot(), channel: '#deploys; rm -rf /', status: 'success' }),
      /Input 'channel' must be a channel ID/,
    ],
    [
      'malformed token',
      () => ({ ...bot(), 'bot-token': 'hunter2', status: 'success' }),
      /Input 'bot-token' must be a Slack bot or user token/,
    ],
    [
      'ts with a webhook',
      () => webhook({ status: 'success', ts: '1763856000.000100' }),
      /Input 'ts' needs 'bot-token'/,
    ],
    [
      'bad ts',
      () => ({ ...bot(), ts: '$(id)', status: 'success' }),
      /Input 'ts' must be a message timestamp/,
    ],
    [
      'http api-url',
      () => ({ ...bot(), 'api-url': 'http://slack.com/api/', status: 'success' }),
      /Input 'api-url' must be a URL starting with https:\/\//,
    ],
    [
      '@channel as a mention',
      () => webhook({ status: 'failure', 'mention-on-failure': '@channel' }),
      /Input 'mention-on-failure' must be Slack mentions/,
    ],
    [
      'injection in a mention',
      () => webhook({ status: 'failure', 'mention-on-failure': '<!subteam^S1> `id`' }),
      /Input 'mention-on-failure'/,
    ],
    [
      'bad started-at',
      () => webhook({ status: 'success', 'started-at': 'yesterday' }),
      /Input 'started-at' must be an ISO 8601 time/,
    ],
    [
      'bad retries',
      () => webhook({ status: 'success', retries: '-1' }),
      /Input 'retries' must be an integer 0-10/,
    ],
    [
      'bad fail-on-error',
      () => webhook({ status: 'success', 'fail-on-error': 'yes' }),
      /Input 'fail-on-error' must be true or false/,
    ],
    [
      'bad deployment-url',
      () => webhook({ status: 'success', 'deployment-url': 'javascript:alert(1)' }),
      /Input 'deployment-url' must be a URL/,
    ],
    [
      'payload and payload-file together',
      () => webhook({ payload: '{"text":"a"}', 'payload-file': 'p.json' }),
      /Set either 'payload' or 'payload-file', not both/,
    ],
    [
      'payload-file-templated without a file',
      () => webhook({ payload: '{"text":"a"}', 'payload-file-templated': 'true' }),
      /Input 'payload-file-templated' applies to 'payload-file'/,
    ],
    [
      'a payload Slack would refuse',
      () =>
        webhook({
          payload:
            '{"blocks":[{"type":"header","text":{"type":"plain_text","text":"' + 'h'.repeat(151) + '"}}]}',
        }),
      /Input 'payload' is not a message Slack accepts: block 1 \(header\) text is 151 characters/,
    ],
    [
      'a payload file that is not there',
      () => webhook({ 'payload-file': '../missing.json' }),
      /Input 'payload-file' must be a JSON or YAML file on the runner/,
    ],
    [
      'an unset variable in a templated payload file',
      () => webhook({ 'payload-file': PAYLOAD_FILE, 'payload-file-templated': 'true' }),
      /Input 'payload-file': \$\{DEPLOY_VERSION\} is not set in the environment/,
    ],
    [
      'version with a newline',
      () => webhook({ status: 'success', version: 'v1\n::set-output name=x::y' }),
      /Input 'version' must be letters, digits/,
    ],
  ];
  test.each(cases)('%s', async (_name, inputs, message) => {
    const result = await notify(inputs());
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(message);
    expect(slack.requests).toHaveLength(0);
    assertNoSecret(result.log, slack.token, 'log');
  });
});
