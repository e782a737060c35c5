import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{createRuntime}from"./chunk-P7TJW6M7.js";import"./chunk-4N6CASKX.js";import"./chunk-PNDET6B2.js";import"./chunk-2ZN5V62B.js";import"./chunk-X6UY4CRJ.js";import"./chunk-KM3VDPVO.js";export{createRuntime};
