import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  healthGate,
  runAction
} from "../chunks/chunk-IM3QSAAX.js";

// actions/health-gate/index.ts
await runAction(healthGate);
//# sourceMappingURL=index.js.map
