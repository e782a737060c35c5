import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{createRuntime}from"./chunk-PLGL6URV.js";import"./chunk-4N6CASKX.js";import"./chunk-3VPTLPT3.js";import"./chunk-2ZN5V62B.js";import"./chunk-A2I6U5S3.js";import"./chunk-KM3VDPVO.js";export{createRuntime};
