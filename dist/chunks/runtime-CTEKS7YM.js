import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{createRuntime}from"./chunk-LCXW3INL.js";import"./chunk-EI4HQDVS.js";import"./chunk-HFGPXAOA.js";import"./chunk-2ZN5V62B.js";import"./chunk-V2BHE2B5.js";import"./chunk-KM3VDPVO.js";export{createRuntime};
