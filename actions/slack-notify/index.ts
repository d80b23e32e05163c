import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('slack-notify', readInputs, async () => (await import('./main.js')).slackNotify));
