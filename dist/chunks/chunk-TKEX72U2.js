import { createRequire as __glidepathCreateRequire } from 'node:module';
const require = __glidepathCreateRequire(import.meta.url);
import{isFailure}from"./chunk-UABXHWGI.js";var ALERT_DECISIONS=new Set(["rollback","pause","freeze"]);function needsAttention(outcome,asked){return outcome.decision==="error"||outcome.decision==="refused"||isFailure(outcome)?!0:ALERT_DECISIONS.has(outcome.decision)&&outcome.decision!==asked}function rolloutExitCode(outcomes,asked){return outcomes.some(outcome=>needsAttention(outcome,asked))?1:0}export{ALERT_DECISIONS,needsAttention,rolloutExitCode};
