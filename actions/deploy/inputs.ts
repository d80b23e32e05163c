import type { InputReader } from '@deploy-kit/core';
import { CHANNEL, parseMention, slackForms, slackTarget, TOKEN, type SlackTarget } from '@deploy-kit/slack';
import { readInputs as readDeploySshInputs, type Inputs as DeploySshInputs } from '../deploy-ssh/inputs.js';

/** The root action talks to Slack's public API; slack-notify has `api-url` for GovSlack or a proxy. */
const SLACK_API = new URL('https://slack.com/api/');

/** Every input of the root action.yml: deploy-ssh's, plus where and how to tell Slack. */
export interface Inputs extends DeploySshInputs {
  slack?: SlackTarget;
  environment?: string;
  'mention-on-failure'?: string;
  'fail-on-error': boolean;
}

export async function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Promise<Inputs> {
  const deploy = await readDeploySshInputs(read, env);
  const webhook = read.url('slack-webhook-url', { protocols: ['https:'], secret: true });
  const token = read.string('slack-bot-token', { secret: true, pattern: TOKEN, accepted: slackForms.token });
  const channel = read.string('slack-channel', { pattern: CHANNEL, accepted: slackForms.channel });
  return {
    ...deploy,
    slack: slackTarget(
      { webhook: 'slack-webhook-url', token: 'slack-bot-token', channel: 'slack-channel' },
      { webhook, token, channel, apiUrl: SLACK_API },
      true,
    ),
    environment: read.string('environment'),
    'mention-on-failure': parseMention('mention-on-failure', read.string('mention-on-failure')),
    'fail-on-error': read.boolean('fail-on-error'),
  };
}
