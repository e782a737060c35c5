import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
var systemClock={now:()=>new Date};function fixedClock(start){let t=start.getTime();return{now:()=>new Date(t),set:d=>{t=d.getTime()},advance:ms=>{t+=ms}}}export{systemClock,fixedClock};
