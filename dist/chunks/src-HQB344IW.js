import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
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
  hookEnv,
  imageVariable,
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
} from "./chunk-Z3UECYBA.js";
import "./chunk-BA7FOPEO.js";
import "./chunk-EYRIIDT7.js";
import "./chunk-DDO7YCBF.js";
import "./chunk-MP5WS7JU.js";
import "./chunk-QAPLTP4I.js";
import "./chunk-TCGQHLN7.js";
import "./chunk-V3BPVXA7.js";
import "./chunk-4FENUKYM.js";
import "./chunk-7GAFFOY6.js";
import "./chunk-L7I5A2WB.js";
import "./chunk-62URBDRV.js";
import "./chunk-LAOQIHUA.js";
import "./chunk-4YTAKGCH.js";
import "./chunk-KVN67TDL.js";
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
  hookEnv,
  imageVariable,
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
//# sourceMappingURL=src-HQB344IW.js.map
