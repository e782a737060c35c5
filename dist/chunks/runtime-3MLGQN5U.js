import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{createRuntime}from"./chunk-LJK3RJY2.js";import"./chunk-EI4HQDVS.js";import"./chunk-SPBSNGQV.js";import"./chunk-2ZN5V62B.js";import"./chunk-RR573MZU.js";import"./chunk-KM3VDPVO.js";export{createRuntime};
