import { runAction } from '@deploy-kit/core';
import { healthGate } from './main.js';

await runAction(healthGate);
