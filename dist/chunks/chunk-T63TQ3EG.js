import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
var UsageError=class extends Error{name="UsageError"},ConfigurationError=class extends UsageError{name="ConfigurationError"};export{UsageError,ConfigurationError};
