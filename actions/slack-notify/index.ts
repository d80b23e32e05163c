import { runAction } from '@deploy-kit/core';
import { slackNotify } from './main.js';

await runAction(slackNotify);
