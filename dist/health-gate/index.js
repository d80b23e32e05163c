import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  healthGate,
  runAction
} from "../chunks/chunk-JCTWPP4F.js";

// actions/health-gate/index.ts
await runAction(healthGate);
//# sourceMappingURL=index.js.map
