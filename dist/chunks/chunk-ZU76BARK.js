import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
var BOT_ACTOR="glidepath[bot]";function defaultSleep(ms){return new Promise(resolve=>setTimeout(resolve,ms))}function retryDelay(attempt,random){return Math.round(random()*Math.min(1e3,50*2**(attempt-1)))}export{BOT_ACTOR,defaultSleep,retryDelay};
