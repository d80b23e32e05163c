import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('health-gate', readInputs, async () => (await import('./main.js')).healthGate));
