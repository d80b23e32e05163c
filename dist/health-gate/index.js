import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  healthGate
} from "../chunks/chunk-PLUXAEMF.js";
import {
  runAction
} from "../chunks/chunk-NOYVLDPE.js";
import "../chunks/chunk-WYXLVV4A.js";

// actions/health-gate/index.ts
await runAction(healthGate);
//# sourceMappingURL=index.js.map
