import { runAction } from '@deploy-kit/core';
import { deploySsh } from './main.js';

await runAction(deploySsh);
