import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{METRICS_FILE_MAX_BYTES,createFileMetricsSource,readMetricsFile}from"./chunk-IM2D5BL5.js";import"./chunk-QG7TZCUS.js";import"./chunk-WUIZTPXN.js";import"./chunk-KM3VDPVO.js";export{METRICS_FILE_MAX_BYTES,createFileMetricsSource,readMetricsFile};
