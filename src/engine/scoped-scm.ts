import type { ChangeRequest, CommitRequest, Scm } from '../ports/scm.js';

/**
 * The Scm seen from a sub-folder: Glidepath's root may be a folder of the git repository
 * (`--root ai`), while git speaks in paths from the repository's top. Paths go in relative to
 * the folder and come back relative to it; files outside it are not seen. Refs are the
 * repository's, so the state branch is never read through this view: its files sit at its top.
 */
export function scopeScm(scm: Scm, prefix: string): Scm {
  if (prefix === '') return scm;
  const inner = (path: string): string => (path === '' ? prefix : `${prefix}/${path}`);
  const outer = (path: string): string | undefined => (path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : undefined);
  const outerAll = (paths: readonly string[]): string[] => paths.map(outer).filter((p): p is string => p !== undefined);
  return {
    readFile: (ref, path) => scm.readFile(ref, inner(path)),
    async readFiles(ref, paths) {
      const found = await scm.readFiles(ref, paths.map(inner));
      return new Map([...found].map(([path, bytes]) => [outer(path) as string, bytes]));
    },
    listFiles: async (ref, dir) => outerAll(await scm.listFiles(ref, inner(dir))),
    changedFiles: async (base, head) => outerAll(await scm.changedFiles(base, head)),
    resolveRef: (ref) => scm.resolveRef(ref),
    commitFiles: (request: CommitRequest) => scm.commitFiles({ ...request, files: request.files.map((f) => ({ ...f, path: inner(f.path) })) }),
    openChangeRequest: (request: ChangeRequest) => scm.openChangeRequest({ ...request, files: request.files.map((f) => ({ ...f, path: inner(f.path) })) }),
  };
}
