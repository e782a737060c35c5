import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
function kindOfStatus(status){return status===401||status===403?"unauthorized":status===404||status===410?"not-found":status===408||status===504?"timeout":status===409||status===412?"conflict":status===429?"rate-limited":status===400||status===405||status===415||status===422?"invalid":"unavailable"}export{kindOfStatus};
