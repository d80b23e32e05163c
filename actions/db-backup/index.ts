import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('db-backup', readInputs, async () => (await import('./main.js')).dbBackup));
