import type { Bundle } from '../model/index.js';
import { deepEqual } from './deep-equal.js';
import { diffLineStat, type LineStatMemo } from './line-diff.js';

/** How the challenger differs from the champion: what this release actually ships. */
export interface BundleDiff {
  readonly model: { readonly champion: string; readonly challenger: string; readonly changed: boolean };
  readonly prompt: PromptDiff;
  /** Decoding parameters whose values differ (absent on one side: `undefined`). */
  readonly parameters: readonly ParameterChange[];
  readonly tools: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

export interface PromptDiff {
  readonly champion?: string;
  readonly challenger?: string;
  /** Line counts between the two prompt files; undefined when a file could not be read. */
  readonly stat?: { readonly added: number; readonly removed: number };
  /** Prompt paths the repository snapshot does not hold. */
  readonly missing: readonly string[];
}

export interface ParameterChange {
  readonly name: string;
  readonly champion: unknown;
  readonly challenger: unknown;
}

/**
 * Compares the champion and challenger bundles; prompt texts come from the repository snapshot's
 * files. `lineStat` counts changed lines (pass a `createLineStatMemo()` when comparing many bundles).
 */
export function diffBundles(champion: Bundle, challenger: Bundle, files: ReadonlyMap<string, string>, lineStat: LineStatMemo = diffLineStat): BundleDiff {
  return {
    model: { champion: champion.model, challenger: challenger.model, changed: champion.model !== challenger.model },
    prompt: diffPrompts(champion.prompt, challenger.prompt, files, lineStat),
    parameters: diffParameters({ ...champion.parameters }, { ...challenger.parameters }),
    tools: {
      added: (challenger.tools ?? []).filter((t) => !(champion.tools ?? []).includes(t)),
      removed: (champion.tools ?? []).filter((t) => !(challenger.tools ?? []).includes(t)),
    },
  };
}

function diffPrompts(champion: string | undefined, challenger: string | undefined, files: ReadonlyMap<string, string>, lineStat: LineStatMemo): PromptDiff {
  const missing = [champion, challenger].filter((p): p is string => p !== undefined && !files.has(p));
  const textOf = (path: string | undefined): string | undefined => (path === undefined ? '' : files.get(path));
  const before = textOf(champion);
  const after = textOf(challenger);
  const base = { ...(champion !== undefined ? { champion } : {}), ...(challenger !== undefined ? { challenger } : {}), missing: [...new Set(missing)] };
  if (before === undefined || after === undefined) return base;
  if (champion === challenger) return { ...base, stat: { added: 0, removed: 0 } };
  return { ...base, stat: lineStat(before, after) };
}

function diffParameters(champion: Record<string, unknown>, challenger: Record<string, unknown>): ParameterChange[] {
  const names = [...new Set([...Object.keys(champion), ...Object.keys(challenger)])].sort();
  return names
    .filter((name) => !deepEqual(champion[name], challenger[name]))
    .map((name) => ({ name, champion: champion[name], challenger: challenger[name] }));
}

/** `+3 −1 lines`, or `no line changes`. */
export function formatLineStat(stat: { readonly added: number; readonly removed: number }): string {
  if (stat.added === 0 && stat.removed === 0) return 'no line changes';
  return `+${stat.added} −${stat.removed} lines`;
}

/** True when the bundles differ in anything that changes behaviour. */
export function bundleChanged(diff: BundleDiff): boolean {
  return diff.model.changed
    || diff.prompt.champion !== diff.prompt.challenger
    || (diff.prompt.stat !== undefined && (diff.prompt.stat.added > 0 || diff.prompt.stat.removed > 0))
    || diff.parameters.length > 0
    || diff.tools.added.length > 0
    || diff.tools.removed.length > 0;
}

