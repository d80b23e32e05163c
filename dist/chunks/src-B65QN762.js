import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
var require = __createRequire(import.meta.url);
var __filename = __fileURLToPath(import.meta.url);
var __dirname = __pathDirname(__filename);
import {
  POLL_MS,
  SERVICE,
  SWARM_DEPLOY,
  SWARM_HISTORY,
  SWARM_PRUNE_OBJECTS,
  SWARM_RECORD,
  SWARM_RECORDED,
  SWARM_RESOLVE,
  SWARM_ROLE,
  SWARM_STAGE,
  SWARM_STATUS,
  SWARM_WRITE,
  StackOnManager,
  UPDATE_DEFAULTS,
  canonical,
  currentVersion,
  deployStack,
  documentImages,
  documentObjects,
  escapeDollars,
  findManager,
  interpolate,
  interpolateDocument,
  judge,
  listStackVersions,
  mergeDocuments,
  openManager,
  parseHistory,
  parseSnapshot,
  pinImage,
  progressLine,
  recordOnOthers,
  renderStack,
  repositoryOf,
  rollbackStack,
  rollbackTarget,
  serviceStatuses,
  servicesOutput,
  specKey,
  stackDocument,
  swarmMessages,
  swarmSummary,
  withUpdateDefaults
} from "./chunk-2LORNTRC.js";
import "./chunk-NCOWS3MM.js";
import "./chunk-HY4W7E6U.js";
import "./chunk-6R7XDGV4.js";
import "./chunk-WEUF3XU5.js";
import "./chunk-FFFMAI7A.js";
import "./chunk-4ETXKYPN.js";
import "./chunk-44GE43UW.js";
export {
  POLL_MS,
  SERVICE,
  SWARM_DEPLOY,
  SWARM_HISTORY,
  SWARM_PRUNE_OBJECTS,
  SWARM_RECORD,
  SWARM_RECORDED,
  SWARM_RESOLVE,
  SWARM_ROLE,
  SWARM_STAGE,
  SWARM_STATUS,
  SWARM_WRITE,
  StackOnManager,
  UPDATE_DEFAULTS,
  canonical,
  currentVersion,
  deployStack,
  documentImages,
  documentObjects,
  escapeDollars,
  findManager,
  interpolate,
  interpolateDocument,
  judge,
  listStackVersions,
  mergeDocuments,
  openManager,
  parseHistory,
  parseSnapshot,
  pinImage,
  progressLine,
  recordOnOthers,
  renderStack,
  repositoryOf,
  rollbackStack,
  rollbackTarget,
  serviceStatuses,
  servicesOutput,
  specKey,
  stackDocument,
  swarmMessages,
  swarmSummary,
  withUpdateDefaults
};
//# sourceMappingURL=src-B65QN762.js.map
