/**
 * Why a path written in a Glidepath file could leave the repository, or undefined when it stays
 * inside. Paths are repository-relative with forward slashes: no absolute paths, no `..`
 * segments (even ones that would come back), no backslashes (Windows separators or escapes).
 */
export function findRepoPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains control characters';
  if (path.includes('\\')) return 'uses a backslash; write repository paths with forward slashes';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('~')) return 'is absolute; write it relative to the repository root';
  if (/(?:^|\/)\.\.(?:\/|$)/.test(path)) return 'contains `..`; paths must stay inside the repository';
  return undefined;
}

/** `./prompts//a.md` → `prompts/a.md`; call only on paths without a problem. */
export function normalizeRepoPath(path: string): string {
  if (!/(?:^|\/)\.(?:\/|$)|\/\/|\/$/.test(path)) return path;
  return path.split('/').filter((segment) => segment !== '' && segment !== '.').join('/');
}
