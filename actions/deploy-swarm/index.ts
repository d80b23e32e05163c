import { runAction } from '@deploy-kit/core';
import { deploySwarm } from './main.js';

await runAction(deploySwarm);
