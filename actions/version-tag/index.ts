import { runAction } from '@deploy-kit/core';
import { versionTag } from './main.js';

await runAction(versionTag);
