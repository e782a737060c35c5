import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{DEFAULT_GIT_IDENTITY,GitCommandError,STALE_INDEX_DIR_MS,STALE_REF_LOCK_MS,createLocalGitScm,currentBranch,isGitRepository,locateWorkTree,removeStaleIndexDirs}from"./chunk-NL6TC6J3.js";import"./chunk-42OBTQKO.js";import"./chunk-KM3VDPVO.js";export{DEFAULT_GIT_IDENTITY,GitCommandError,STALE_INDEX_DIR_MS,STALE_REF_LOCK_MS,createLocalGitScm,currentBranch,isGitRepository,locateWorkTree,removeStaleIndexDirs};
