import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('build-image', readInputs, async () => (await import('./main.js')).buildImage));
