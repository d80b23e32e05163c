import { runAction } from '@deploy-kit/core';
import { dbBackup } from './main.js';

await runAction(dbBackup);
