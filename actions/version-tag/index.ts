import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('version-tag', readInputs, async () => (await import('./main.js')).versionTag));
