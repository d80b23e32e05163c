import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('rollback', readInputs, async () => (await import('./main.js')).rollback));
