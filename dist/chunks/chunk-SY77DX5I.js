import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
function formatProblem(p){let hint=p.hint?` (${p.hint})`:"";return`${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}${hint} [${p.rule}]`}function hasErrors(problems){return problems.some(p=>p.severity==="error")}export{formatProblem,hasErrors};
