import type { GitObject, TreeEntry } from './git-object-reader.js';

/** What the tree walk needs of the repository: objects by name, and a tree's entries (parsed once per tree). */
export interface ObjectSource {
  readonly read: (name: string) => Promise<GitObject | undefined>;
  readonly entries: (tree: GitObject) => readonly TreeEntry[];
}

/** How far back from head the merge base is looked for before `git diff` is asked instead. */
export const MERGE_BASE_SEARCH_COMMITS = 64;

const TREE_MODE = '40000';

/**
 * Paths that differ between `base` and `head` with `git diff --name-only --no-renames
 * base...head`'s meaning, worked out from the objects the reader already serves: when `base` is
 * an ancestor of `head` within MERGE_BASE_SEARCH_COMMITS commits (a pull request that is up to
 * date with its base, as most are), the merge base is `base` itself and the answer is the
 * difference of the two trees. Otherwise undefined: the caller asks git, which finds any merge
 * base. Starting a process costs a plan more than reading the few trees that differ.
 */
export async function changedPathsFromAncestor(objects: ObjectSource, base: string, head: string): Promise<string[] | undefined> {
  if (!(await isNearAncestor(objects.read, base, head))) return undefined;
  const [from, to] = await Promise.all([objects.read(`${base}^{tree}`), objects.read(`${head}^{tree}`)]);
  if (from?.type !== 'tree' || to?.type !== 'tree') return undefined;
  const changed: string[] = [];
  // A tree missing from a partial clone leaves the answer to git, whose error says why.
  if (!(await diffTrees(objects, from, to, '', changed))) return undefined;
  return changed.sort();
}

/** Whether `ancestor` is `commit` or one of its ancestors at most MERGE_BASE_SEARCH_COMMITS commits back. */
async function isNearAncestor(read: ObjectSource['read'], ancestor: string, commit: string): Promise<boolean> {
  const seen = new Set<string>([commit]);
  let level = [commit];
  while (level.length > 0 && seen.size <= MERGE_BASE_SEARCH_COMMITS) {
    if (level.includes(ancestor)) return true;
    const objects = await Promise.all(level.map((oid) => read(oid)));
    const next: string[] = [];
    for (const object of objects) {
      if (object?.type !== 'commit') return false;
      for (const parent of parentsOf(object.content)) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        next.push(parent);
      }
    }
    level = next;
  }
  return false;
}

/** The `parent` lines of a commit's header, in order. */
function parentsOf(content: Buffer): string[] {
  const end = content.indexOf('\n\n');
  const header = (end < 0 ? content : content.subarray(0, end)).toString('latin1');
  return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((match) => match[1] as string);
}

/** Appends the files that differ under two trees (folders whose ids match are skipped whole); false when a tree is missing. */
async function diffTrees(objects: ObjectSource, from: GitObject | undefined, to: GitObject | undefined, prefix: string, changed: string[]): Promise<boolean> {
  const before = entriesByName(objects, from);
  const after = entriesByName(objects, to);
  const descend: Promise<boolean>[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(name);
    const now = after.get(name);
    if (old && now && old.mode === now.mode && old.oid === now.oid) continue;
    const path = `${prefix}${name}`;
    const oldTree = old?.mode === TREE_MODE ? old : undefined;
    const newTree = now?.mode === TREE_MODE ? now : undefined;
    // A file on either side is a changed path; a folder on either side is walked (a folder that
    // replaced a file, or the reverse, lists both the file and every file under the folder).
    if ((old && !oldTree) || (now && !newTree)) changed.push(path);
    if (!oldTree && !newTree) continue;
    descend.push(Promise.all([oldTree && objects.read(oldTree.oid), newTree && objects.read(newTree.oid)]).then(([a, b]) => {
      if ((oldTree && a?.type !== 'tree') || (newTree && b?.type !== 'tree')) return false;
      return diffTrees(objects, a, b, `${path}/`, changed);
    }));
  }
  return (await Promise.all(descend)).every(Boolean);
}

function entriesByName(objects: ObjectSource, tree: GitObject | undefined): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  if (tree) for (const entry of objects.entries(tree)) entries.set(entry.name, entry);
  return entries;
}
