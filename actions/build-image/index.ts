import { runAction } from '@deploy-kit/core';
import { buildImage } from './main.js';

await runAction(buildImage);
