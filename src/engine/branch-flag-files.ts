import module from 'node:module';
import type { CallResult } from '../ports/call.js';
import type { FlagFiles, FlagFilesSnapshot, FlagFilesWrite } from '../ports/flag-files.js';
import type { StateBranch } from '../ports/scm.js';

let loadedCrypto: typeof import('node:crypto') | undefined;

/**
 * node:crypto on the first version computed: this module shares a bundle chunk with the YAML
 * reader, and a top-level import would load crypto (some 10 ms) at every `validate` (decision 0014).
 */
function nodeCrypto(): typeof import('node:crypto') {
  loadedCrypto ??= module.createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return loadedCrypto;
}

/** The branch GitOps providers' files are committed to when glidepath.yaml names none. */
export const DEFAULT_FLAG_BRANCH = 'glidepath/flags';

/** Paths read with the branch's `readLatest` (one request each) rather than head, tree and blobs. */
const LATEST_MAX_PATHS = 2;

/**
 * A GitOps provider's files on a branch of their own (`glidepath/flags`), which the serving
 * system syncs from (flagd's git sync, a gateway's config fetch): traffic is what the branch says,
 * whichever runner wrote it.
 *
 * Files are read once per run, not once per release: a tick over a hundred rollouts on one flag
 * file costs one request on GitHub (the contents API, `readLatest`), not one per rollout. That
 * read does not name the head, so the version is a digest of the contents read; a write reads
 * the head, compares those files there with the version, and commits with compare-and-swap on
 * that head. A file someone changed since it was read is a conflict the engine re-reads and
 * re-renders; a commit that lost to another one on the branch is one too.
 */
export function branchFlagFiles(branch: StateBranch): FlagFiles {
  // What this run knows of the branch: path → content (undefined: absent). A write updates it; a conflict forgets it.
  let view = new Map<string, string | undefined>();
  // The head the view was read at, when it is known (a branch without readLatest, or our own commit).
  let viewHead: string | null | undefined;
  // The paths behind each version handed out, so that a write knows what to compare.
  const versions = new Map<string, readonly string[]>();
  // Files the view holds exactly as they are at `head`: compared there by a write, or written there by this store.
  let exact: { readonly head: string | null; readonly paths: ReadonlySet<string> } | undefined;
  const decoder = new TextDecoder();

  function forget(): void {
    view = new Map();
    viewHead = undefined;
    exact = undefined;
  }

  function versionOf(paths: readonly string[], files: ReadonlyMap<string, string | undefined>): string {
    const sorted = [...new Set(paths)].sort();
    const digest = nodeCrypto().createHash('sha256');
    for (const path of sorted) {
      const content = files.get(path);
      digest.update(`${path}\0${content === undefined ? '-' : `+${content.length}\0${content}`}\0`);
    }
    const version = `sha256:${digest.digest('hex')}`;
    versions.set(version, sorted);
    return version;
  }

  /** The files at `head` (null: no branch, so none). */
  async function filesAt(head: string | null, paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const bytes = head === null ? new Map<string, Uint8Array>() : await branch.readFiles(head, paths);
    return new Map(paths.map((path) => [path, bytes.has(path) ? decoder.decode(bytes.get(path)) : undefined]));
  }

  return {
    async read(paths): Promise<CallResult<FlagFilesSnapshot>> {
      try {
        const missing = [...new Set(paths)].filter((p) => !view.has(p));
        if (missing.length > 0) {
          if (viewHead === undefined && branch.readLatest && missing.length <= LATEST_MAX_PATHS) {
            const bytes = await branch.readLatest(missing);
            for (const path of missing) view.set(path, bytes.has(path) ? decoder.decode(bytes.get(path)) : undefined);
          } else {
            viewHead ??= await branch.head();
            for (const [path, content] of await filesAt(viewHead, missing)) view.set(path, content);
          }
        }
        const files = new Map<string, string>();
        for (const path of paths) {
          const content = view.get(path);
          if (content !== undefined) files.set(path, content);
        }
        return { ok: true, value: { files, version: versionOf(paths, view) } };
      } catch (error) {
        forget();
        return { ok: false, kind: 'unavailable', error: `flag branch ${branch.name}: cannot read: ${(error as Error).message}` };
      }
    },
    async write(changes, expectedVersion, message): Promise<CallResult<FlagFilesWrite>> {
      try {
        const paths = versions.get(expectedVersion);
        // A version this store did not hand out says nothing about the files: read again.
        if (!paths) return { ok: true, value: { status: 'conflict' } };
        let head: string | null;
        if (exact && paths.every((p) => exact!.paths.has(p)) && versionOf(paths, view) === expectedVersion) {
          // Known at that head (this store's own last commit, usually): the compare-and-swap alone tells whether it moved.
          head = exact.head;
        } else {
          head = await branch.head();
          const current = await filesAt(head, paths);
          if (versionOf(paths, current) !== expectedVersion) {
            forget();
            return { ok: true, value: { status: 'conflict' } };
          }
          for (const [path, content] of current) view.set(path, content);
          exact = { head, paths: new Set([...(exact?.head === head ? exact.paths : []), ...paths]) };
        }
        const result = await branch.commit({ expectedHead: head, files: changes, message });
        if (result.status === 'committed') {
          // The view may hold other files read before `head`; only the compared and the written ones are known to be at the new head.
          for (const change of changes) view.set(change.path, change.content ?? undefined);
          viewHead = undefined;
          exact = { head: result.sha, paths: new Set([...exact.paths, ...changes.map((c) => c.path)]) };
          return { ok: true, value: { status: 'committed', version: versionOf(paths, view) } };
        }
        forget();
        if (result.status === 'conflict') return { ok: true, value: { status: 'conflict' } };
        return { ok: false, kind: 'unavailable', error: `flag branch ${branch.name} is locked by ${result.lockFile} (${Math.round(result.ageMs / 1000)} s old): remove it if no other glidepath run is active` };
      } catch (error) {
        forget();
        return { ok: false, kind: 'unavailable', error: `flag branch ${branch.name}: cannot commit: ${(error as Error).message}` };
      }
    },
  };
}
