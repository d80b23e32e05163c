import { runAction } from '@deploy-kit/core';
import { rollback } from './main.js';

await runAction(rollback);
