import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('trivy-scan', readInputs, async () => (await import('./main.js')).trivyScan));
