import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  buildSummary,
  deploy,
  deploySsh,
  run
} from "../chunks/chunk-4OFUT7VB.js";
import "../chunks/chunk-46SEIOBS.js";
import "../chunks/chunk-KWED25CX.js";
import "../chunks/chunk-7XI47VG2.js";
import "../chunks/chunk-ET4UPRW3.js";
import "../chunks/chunk-PO4T6QVY.js";
import "../chunks/chunk-7HPFKMMW.js";
import "../chunks/chunk-46KUD6QG.js";
import "../chunks/chunk-BA7FOPEO.js";
import "../chunks/chunk-EYRIIDT7.js";
import "../chunks/chunk-DDO7YCBF.js";
import "../chunks/chunk-MP5WS7JU.js";
import "../chunks/chunk-QAPLTP4I.js";
import "../chunks/chunk-XBAXORWF.js";
import "../chunks/chunk-TCGQHLN7.js";
import "../chunks/chunk-UYDZ6KH6.js";
import "../chunks/chunk-HK3VMSLK.js";
import "../chunks/chunk-V3BPVXA7.js";
import "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import "../chunks/chunk-7GAFFOY6.js";
import "../chunks/chunk-LKV7BFOS.js";
import "../chunks/chunk-L7I5A2WB.js";
import "../chunks/chunk-7BJK7U2H.js";
import "../chunks/chunk-62URBDRV.js";
import "../chunks/chunk-V76VFPBF.js";
import "../chunks/chunk-LAOQIHUA.js";
import "../chunks/chunk-KEZBYRRG.js";
import "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";
export {
  buildSummary,
  deploy,
  deploySsh,
  run
};
//# sourceMappingURL=main.js.map
