import type { ChangeRequests, RevisionReader, ScmRoles } from '../ports/scm.js';

/**
 * The repository seen from Glidepath's root, which may be a folder of it (`--root ai`), while
 * git and the GitHub API speak in paths from the repository's top. Paths go in relative to the
 * folder and come back relative to it; files outside it are never answered, and a path that
 * climbs out of it (`../x`) names nothing. Commits are the repository's, so only paths change.
 */
export function scopeRevisions(revisions: RevisionReader, prefix: string): RevisionReader {
  if (prefix === '') return revisions;
  const paths = scopePaths(prefix);
  return {
    resolve: (ref) => revisions.resolve(ref),
    parentOf: (commit) => revisions.parentOf(commit),
    async readFile(commit, path) {
      const inner = paths.inner(path);
      return inner === undefined ? undefined : revisions.readFile(commit, inner);
    },
    async readFiles(commit, wanted) {
      const found = await revisions.readFiles(commit, wanted.flatMap((path) => paths.inner(path) ?? []));
      return new Map([...found].flatMap(([path, bytes]) => {
        const outer = paths.outer(path);
        return outer === undefined ? [] : [[outer, bytes] as const];
      }));
    },
    async listFiles(commit, dir) {
      const inner = paths.inner(dir);
      return inner === undefined ? [] : paths.outerAll(await revisions.listFiles(commit, inner));
    },
    changedFiles: async (base, head) => paths.outerAll(await revisions.changedFiles(base, head)),
  };
}

/** Change requests whose files are named from the root; the pull requests are the repository's. */
export function scopeChangeRequests(changeRequests: ChangeRequests, prefix: string): ChangeRequests {
  if (prefix === '') return changeRequests;
  const paths = scopePaths(prefix);
  return {
    findOrCreate: async (request) => changeRequests.findOrCreate({
      ...request,
      files: request.files.map((file) => {
        const inner = paths.inner(file.path);
        if (inner === undefined) throw new Error(`${file.path}: a change request from the root ${prefix} cannot change a file outside it`);
        return { ...file, path: inner };
      }),
    }),
    forCommit: (commit) => changeRequests.forCommit(commit),
  };
}

/**
 * The roles as the engine gets them: the reader and the change requests scoped to the root, the
 * compare-and-swap branches not (their files sit at their own top, whatever the root).
 */
export function scopeScmRoles(roles: ScmRoles, prefix: string): ScmRoles {
  if (prefix === '') return roles;
  return {
    revisions: scopeRevisions(roles.revisions, prefix),
    branch: (name) => roles.branch(name),
    changeRequests: scopeChangeRequests(roles.changeRequests, prefix),
  };
}

function scopePaths(prefix: string) {
  const top = `${prefix}/`;
  return {
    /** The repository path of a root-relative one; undefined when it climbs out of the root. */
    inner(path: string): string | undefined {
      if (path === '') return prefix;
      if (path.startsWith('/') || path.split('/').includes('..')) return undefined;
      return `${top}${path}`;
    },
    outer: (path: string): string | undefined => (path.startsWith(top) ? path.slice(top.length) : undefined),
    outerAll(paths: readonly string[]): string[] {
      return paths.flatMap((path) => (path.startsWith(top) ? [path.slice(top.length)] : []));
    },
  };
}
