import { auditPath, statePath, type StateSnapshot } from './state-store.js';
import type { Sha256 } from '../core/audit/hash.js';
import { compareStateWithChain } from '../core/audit/state-seal.js';

/**
 * Why no command may act on a release's state at this snapshot, or undefined when its chain
 * vouches for it (or is an old chain that seals no state). A state changed outside Glidepath
 * (one byte of stageStartedAt skips a bake) must never be planned from: the command holds,
 * says where file and chain differ and how to put the file back.
 */
export function sealedStateRefusal(snapshot: StateSnapshot, release: string, branch: string, sha256: Sha256): string | undefined {
  const check = compareStateWithChain(snapshot.states.get(release), snapshot.audit.get(release) ?? [], sha256);
  if (check.status !== 'mismatch') return undefined;
  const file = `${branch}:${statePath(release)}`;
  const where = check.seq !== undefined ? ` (${branch}:${auditPath(release)} seq ${check.seq})` : '';
  return `${file} does not match its audit chain${where}: ${check.message}. Holding: Glidepath does not act on a state its audit chain does not vouch for. `
    + `Restore the file from the branch history (\`git log -p ${branch} -- ${statePath(release)}\` shows the change; revert that commit), then run again`;
}
