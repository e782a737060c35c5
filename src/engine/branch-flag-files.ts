import type { CallResult } from '../ports/call.js';
import type { FlagFiles, FlagFilesSnapshot, FlagFilesWrite } from '../ports/flag-files.js';
import type { StateBranch } from '../ports/scm.js';

/** The branch GitOps providers' files are committed to when glidepath.yaml names none. */
export const DEFAULT_FLAG_BRANCH = 'glidepath/flags';

/**
 * A GitOps provider's files on a branch of their own (`glidepath/flags`), which the serving
 * system syncs from (flagd's git sync, a gateway's config fetch): traffic is what the branch says,
 * whichever runner wrote it. The version is the branch head, so a write from a stale read is a
 * conflict the engine re-reads and re-renders.
 */
export function branchFlagFiles(branch: StateBranch): FlagFiles {
  // The head is read once per run, not once per release: a tick over a hundred rollouts on one
  // flag file costs the same few requests as over one. A write moves it; a conflict forgets it.
  let head: Promise<string | null> | undefined;
  return {
    async read(paths): Promise<CallResult<FlagFilesSnapshot>> {
      try {
        head ??= branch.head();
        const at = await head;
        // An empty version stands for "the branch does not exist yet": the first write creates it.
        if (at === null) return { ok: true, value: { files: new Map(), version: '' } };
        const bytes = await branch.readFiles(at, paths);
        const decoder = new TextDecoder();
        return { ok: true, value: { files: new Map([...bytes].map(([path, content]) => [path, decoder.decode(content)])), version: at } };
      } catch (error) {
        head = undefined;
        return { ok: false, kind: 'unavailable', error: `flag branch ${branch.name}: cannot read: ${(error as Error).message}` };
      }
    },
    async write(changes, expectedVersion, message): Promise<CallResult<FlagFilesWrite>> {
      try {
        const result = await branch.commit({ expectedHead: expectedVersion === '' ? null : expectedVersion, files: changes, message });
        head = result.status === 'committed' ? Promise.resolve(result.sha) : undefined;
        if (result.status === 'committed') return { ok: true, value: { status: 'committed', version: result.sha } };
        if (result.status === 'conflict') return { ok: true, value: { status: 'conflict' } };
        return { ok: false, kind: 'unavailable', error: `flag branch ${branch.name} is locked by ${result.lockFile} (${Math.round(result.ageMs / 1000)} s old): remove it if no other glidepath run is active` };
      } catch (error) {
        head = undefined;
        return { ok: false, kind: 'unavailable', error: `flag branch ${branch.name}: cannot commit: ${(error as Error).message}` };
      }
    },
  };
}
