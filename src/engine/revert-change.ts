import { parseDocument, isNode } from 'yaml';
import type { FileChange, RevisionReader } from '../ports/scm.js';

/** How the revert puts the champion back in git. */
export type RevertMethod = 'restored-previous-version' | 'champion-swapped-in' | 'nothing-to-change';

export interface RevertChange {
  readonly files: readonly FileChange[];
  readonly method: RevertMethod;
}

/**
 * The file change that makes git say the champion again, so a rolled-back rollout does not leave
 * the repository claiming the challenger ships (the gap Argo and Flagger leave).
 *
 * When the release file on `baseRef` is still what the rollout's source commit made it, the
 * version before that commit is restored: a true revert. When it has moved on since (another edit
 * merged), restoring the old version would undo that edit too, so instead the champion bundle is
 * copied over the challenger in the current file, keeping its comments and layout.
 */
export async function planRevertChange(
  revisions: RevisionReader,
  input: { readonly file: string; readonly baseRef: string; readonly sourceCommit?: string },
): Promise<RevertChange> {
  const current = await revisions.readFile(input.baseRef, input.file);
  if (current === undefined) return { files: [], method: 'nothing-to-change' };
  if (input.sourceCommit) {
    // A source commit the clone lacks (a shallow checkout, a rewritten history) leaves only the swap.
    const parent = await revisions.parentOf(input.sourceCommit).catch(() => undefined);
    const [atSource, before] = await Promise.all([
      revisions.readFile(input.sourceCommit, input.file).catch(() => undefined),
      parent ? revisions.readFile(parent, input.file) : Promise.resolve(undefined),
    ]);
    if (atSource === current && before !== undefined && before !== current) {
      return { files: [{ path: input.file, content: before }], method: 'restored-previous-version' };
    }
  }
  const swapped = swapChampionIn(current);
  if (swapped === undefined || swapped === current) return { files: [], method: 'nothing-to-change' };
  return { files: [{ path: input.file, content: swapped }], method: 'champion-swapped-in' };
}

/** The release file with `spec.challenger` replaced by a copy of `spec.champion`, or undefined if it has none. */
export function swapChampionIn(text: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const champion = doc.getIn(['spec', 'champion'], true);
  if (!isNode(champion)) return undefined;
  doc.setIn(['spec', 'challenger'], champion.clone());
  return doc.toString();
}
