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

/** How the revert pull request is offered for review, beside its files. */
export interface RevertReview {
  readonly draft: boolean;
  readonly labels: readonly string[];
  readonly reviewers: readonly string[];
  /** Said after the plan's body: what a person must check before merging. */
  readonly note?: string;
}

const REVERT_LABELS = ['glidepath', 'rollback'] as const;
// A GitHub login (`@octocat`) or team (`@org/team`); an owner written as prose ("ML platform") names nobody to request.
const GITHUB_HANDLE = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/;

/**
 * Review of the revert: the release's owner is asked when it is a GitHub handle (GitHub itself
 * adds the CODEOWNERS of the file, for a pull request that is not a draft). A swap made because
 * the file changed after the rollout's merge keeps those later edits, which a person must judge:
 * that pull request is a draft saying so.
 */
export function revertReview(change: RevertChange, input: { readonly owner?: string; readonly sourceCommit?: string }): RevertReview {
  const owner = input.owner?.trim();
  const reviewers = owner !== undefined && GITHUB_HANDLE.test(owner) ? [owner.replace(/^@/, '')] : [];
  const base = { labels: REVERT_LABELS, reviewers };
  if (change.method !== 'champion-swapped-in' || input.sourceCommit === undefined) return { draft: false, ...base };
  return {
    draft: true,
    ...base,
    note: `**To resolve before merging.** The release file changed after the rollout's merge (${input.sourceCommit.slice(0, 12)}), so restoring the version before it would also undo those later edits. This pull request copies \`spec.champion\` over \`spec.challenger\` in the current file instead, keeping them. Check that the later edits still belong with the champion, then mark it ready for review.`,
  };
}
