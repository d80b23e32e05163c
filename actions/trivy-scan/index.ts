import { runAction } from '@deploy-kit/core';
import { trivyScan } from './main.js';

await runAction(trivyScan);
