import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{RepositoryRootError}from"./chunk-HMOKAELA.js";import{loadRepository}from"./chunk-DTUJXION.js";import{YAML_LIMITS}from"./chunk-QNUPEZ2L.js";import{UsageError}from"./chunk-T63TQ3EG.js";async function loadWorkspaceFiles(root,readRepository,options={}){try{return loadRepository(await readRepository(root),YAML_LIMITS,options)}catch(error){throw error instanceof RepositoryRootError?new UsageError(error.message):error}}export{loadWorkspaceFiles};
