import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{isAbsolute,relative,resolve,sep}from"node:path";function resolveInsideRoot(root,path){if(isAbsolute(path))return;let target=resolve(root,path);return isInside(root,target)?target:void 0}function isInside(root,target){let rel=relative(resolve(root),target);return rel===""||rel!==".."&&!rel.startsWith(`..${sep}`)&&!isAbsolute(rel)&&!/^[A-Za-z]:/.test(rel)}export{resolveInsideRoot,isInside};
