import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{createRuntime}from"./chunk-HTXS72Q4.js";import"./chunk-SDSS3Y6X.js";import"./chunk-QG7TZCUS.js";import"./chunk-KVIRFIOH.js";import"./chunk-SDATF7LK.js";import"./chunk-HMOKAELA.js";import"./chunk-QNUPEZ2L.js";import"./chunk-MUQ5HT5M.js";import"./chunk-KM3VDPVO.js";export{createRuntime};
