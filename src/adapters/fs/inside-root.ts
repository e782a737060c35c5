import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The absolute path of `path` (relative to `root`) when it stays inside `root`, else undefined.
 * The one rule for every path a user writes in the Glidepath files (flag files, metrics files,
 * prompts): absolute paths, `..` segments that climb out and other drives are refused, while a
 * file named `..flags.json` is not mistaken for a climb.
 */
export function resolveInsideRoot(root: string, path: string): string | undefined {
  if (isAbsolute(path)) return undefined;
  const target = resolve(root, path);
  return isInside(root, target) ? target : undefined;
}

/** Whether the absolute `target` is `root` itself or below it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(resolve(root), target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) && !/^[A-Za-z]:/.test(rel));
}
