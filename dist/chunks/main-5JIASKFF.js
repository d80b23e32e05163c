import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  buildSummary,
  healthGate,
  run
} from "./chunk-PLUXAEMF.js";
import "./chunk-NOYVLDPE.js";
import "./chunk-WYXLVV4A.js";
export {
  buildSummary,
  healthGate,
  run
};
//# sourceMappingURL=main-5JIASKFF.js.map
