import type { CommitResult, RevisionReader, ScmRoles, StateBranch } from '../../src/ports/scm.js';

type CommitRequest = Parameters<StateBranch['commit']>[0];

/** The roles with every branch's compare-and-swap commit replaced; `commit` gets the real one to call through. */
export function withBranchCommit(real: ScmRoles, commit: (request: CommitRequest, branch: StateBranch) => Promise<CommitResult>): ScmRoles {
  return withBranches(real, (branch) => ({ ...branch, commit: (request) => commit(request, branch) }));
}

/** The roles with each branch handed out through `wrap`. */
export function withBranches(real: ScmRoles, wrap: (branch: StateBranch) => StateBranch): ScmRoles {
  return { ...real, branch: (name) => wrap(real.branch(name)) };
}

/** The roles with the revision reader handed out through `wrap`. */
export function withRevisions(real: ScmRoles, wrap: (revisions: RevisionReader) => RevisionReader): ScmRoles {
  return { ...real, revisions: wrap(real.revisions) };
}

/** Every method of every role made to go through `call` first: how crash and outage tests stop a run's port calls. */
export function wrapScmRoles(real: ScmRoles, call: <T>(run: () => Promise<T>) => Promise<T>): ScmRoles {
  const revisions: RevisionReader = {
    resolve: (...a) => call(() => real.revisions.resolve(...a)),
    parentOf: (...a) => call(() => real.revisions.parentOf(...a)),
    readFile: (...a) => call(() => real.revisions.readFile(...a)),
    readFiles: (...a) => call(() => real.revisions.readFiles(...a)),
    listFiles: (...a) => call(() => real.revisions.listFiles(...a)),
    changedFiles: (...a) => call(() => real.revisions.changedFiles(...a)),
  };
  return {
    revisions,
    branch(name) {
      const branch = real.branch(name);
      return {
        name: branch.name,
        head: () => call(() => branch.head()),
        readFiles: (...a) => call(() => branch.readFiles(...a)),
        listFiles: (...a) => call(() => branch.listFiles(...a)),
        commit: (...a) => call(() => branch.commit(...a)),
      };
    },
    changeRequests: {
      findOrCreate: (...a) => call(() => real.changeRequests.findOrCreate(...a)),
      forCommit: (...a) => call(() => real.changeRequests.forCommit(...a)),
    },
  };
}
