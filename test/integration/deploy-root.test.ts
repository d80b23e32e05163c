// The root action (uses: org/deploy-kit@v1): deploy, gate, automatic rollback and one Slack message,
// against real sshd and nginx on loopback and the Slack stand-in over TLS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '@deploy-kit/core';
import { get } from '../support/load.js';
import { ok, runBundle, type RunOptions, type RunResult } from '../support/runner.js';
import { assertNoSecret } from '../support/secrets.js';
import { slackPayloadError, startSlack, type SlackStandIn } from '../support/slack.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';

let host: TargetHost;
let slack: SlackStandIn;
beforeAll(async () => {
  [host, slack] = await Promise.all([startTargetHost('root'), startSlack()]);
});
afterAll(async () => {
  await Promise.all([host.stop(), slack.stop()]);
});
beforeEach(() => slack.reset());

function deployRoot(
  version: string,
  extra: Record<string, string> = {},
  options: RunOptions = {},
): Promise<RunResult> {
  const source = extra.source ?? host.makeRelease(version);
  return runBundle('', {
    ...options,
    inputs: {
      ...host.inputs(version, source),
      'slack-webhook-url': slack.webhookUrl,
      environment: 'production',
      'mention-on-failure': '<!subteam^S0ONCALL>',
      ...extra,
    },
    env: { ...slack.env, ...options.env },
  });
}

/** The exit code, with the whole log when it is not 0: a failure shows why. */

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }> };
function lastMessage(): { header: string; text: string; body: Record<string, unknown> } {
  expect(slack.requests.length).toBeGreaterThan(0);
  const body = slack.requests.at(-1)!.body;
  expect(slackPayloadError(body)).toBeUndefined();
  const blocks = body.blocks as Block[];
  const text = blocks.flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)]).join('\n');
  return { header: blocks[0]!.text!.text, text, body };
}

test('a good version: deployed, one success message', async () => {
  const v1 = await deployRoot('v1');
  expect(ok(v1)).toEqual({ exit: 0, log: '' });
  expect((await get(host.nginx.url)).body).toBe('hello from v1');
  expect(slack.requests).toHaveLength(1);
  const message = lastMessage();
  expect(message.header).toBe('✅ Deploy root v1 → production succeeded');
  expect(message.text).not.toContain('subteam');
  expect(message.text).toMatch(/✅ \*.*\* success · v1/);
  assertNoSecret(v1.log, slack.webhookUrl, 'log');
});

test('a broken version: rolled back automatically, the failure message names the version serving again', async () => {
  expect(ok(await deployRoot('v2'))).toEqual({ exit: 0, log: '' });
  slack.reset();
  const v3 = await deployRoot('v3', { source: host.makeRelease('v3', { BROKEN: '1' }) });
  expect(v3.exitCode).toBe(1);
  expect(v3.outputs['rolled-back']).toBe('true');
  expect(v3.log).toMatch(/::error::Deploy of v3 failed: .*rolled back automatically/);
  expect(host.current()).toBe('v2');
  expect((await get(host.nginx.url)).body).toBe('hello from v2');
  expect(slack.requests).toHaveLength(1);
  const message = lastMessage();
  expect(message.header).toBe('❌ Deploy root v3 → production failed');
  expect(message.text).toContain('<!subteam^S0ONCALL>');
  expect(message.text).toMatch(
    /Rolled back automatically to v2: every host serves v2 again\. Cause: .*failed its health check/,
  );
});

test('a failure after the switch (soak on health-url) is rolled back too', async () => {
  // v4 is healthy on its slot, but the public URL it is watched on fails during the soak.
  const v4 = await deployRoot('v4', { 'health-url': `${host.nginx.url}/missing-page-%ZZ`, soak: '1s' });
  expect(v4.exitCode).toBe(1);
  expect(host.current()).toBe('v2');
  expect(lastMessage().text).toMatch(/Rolled back automatically to v2/);
});

test('Slack down: the deploy still succeeds, with a warning', async () => {
  slack.force({ status: 503 }, Infinity);
  const v5 = await deployRoot('v5');
  expect(ok(v5)).toEqual({ exit: 0, log: '' });
  expect(host.current()).toBe('v5');
  expect(v5.log).toMatch(/::warning::Slack webhook failed after 4 attempt\(s\): HTTP 503/);
});

test('cancelled mid-deploy: a cancelled message (not a failure), lock released', async () => {
  let signalled = false;
  const run = await deployRoot(
    'v6',
    { 'build-command': 'sleep 30' },
    {
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (existsSync(join(host.deployPath, 'releases', 'v6'))) {
            clearInterval(poll);
            signalled = true;
            child.kill('SIGTERM');
          }
        }, 20);
        child.on('close', () => clearInterval(poll));
      },
    },
  );
  expect(signalled).toBe(true);
  expect(run.exitCode).toBe(1);
  expect(run.log).toContain(messages.cancelled());
  const message = lastMessage();
  expect(message.header).toBe('⚪ Deploy root v6 → production was cancelled');
  expect(message.text).not.toContain('subteam');
  expect(existsSync(join(host.deployPath, '.deploy-kit', 'lock'))).toBe(false);
  expect(host.current()).toBe('v5');
});

test('bad Slack inputs are refused before anything is deployed', async () => {
  const before = host.history().length;
  for (const [extra, message] of [
    [
      { 'slack-webhook-url': 'http://hooks.slack.com/services/x' },
      /Input 'slack-webhook-url' must be a URL starting with https:\/\//,
    ],
    [{ 'slack-channel': '#deploys' }, /Input 'slack-channel' needs 'slack-bot-token'/],
    [
      { 'slack-bot-token': 'xoxb-123', 'slack-webhook-url': '' },
      /Input 'slack-bot-token' must be a Slack bot or user token/,
    ],
    [{ 'mention-on-failure': '@channel' }, /Input 'mention-on-failure' must be Slack mentions/],
    [{ 'fail-on-error': 'maybe' }, /Input 'fail-on-error' must be true or false/],
  ] as const) {
    const result = await deployRoot('bad', extra);
    expect({ extra, exit: result.exitCode }).toEqual({ extra, exit: 1 });
    expect(result.log).toMatch(message);
  }
  expect(slack.requests).toHaveLength(0);
  expect(host.history()).toHaveLength(before);
});
