import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import {
  buildImage,
  run
} from "./chunk-UL6U5HZA.js";
import "./chunk-JXNH3KLR.js";
import "./chunk-W6NXZ3DR.js";
import "./chunk-E2F63VLZ.js";
export {
  buildImage,
  run
};
//# sourceMappingURL=main-3TXU7ANO.js.map
