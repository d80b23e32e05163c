import { deferRun, runAction } from '@deploy-kit/core';
import { readInputs } from './inputs.js';

await runAction(deferRun('ssh-run', readInputs, async () => (await import('./main.js')).sshRun));
