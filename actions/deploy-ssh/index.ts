import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('deploy-ssh', readInputs, async () => (await import('./main.js')).deploySsh));
