import { runAction } from '@deploy-kit/core';
import { deployAction } from './main.js';

await runAction(deployAction);
