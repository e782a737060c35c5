import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
var RepositoryRootError=class extends Error{name="RepositoryRootError"};export{RepositoryRootError};
