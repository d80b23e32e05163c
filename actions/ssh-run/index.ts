import { runAction } from '@deploy-kit/core';
import { sshRun } from './main.js';

await runAction(sshRun);
