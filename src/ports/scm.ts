/**
 * Source control, in domain words (cf. release-please's `Scm`), split by role because in Actions
 * each has its own backend (docs/decisions/0011-scm-roles.md): revisions are read from the
 * workspace clone, compare-and-swap branches are written through the git data API, change
 * requests are pull requests. Locally all three are the git CLI; the engine never knows which.
 */

export interface FileChange {
  readonly path: string;
  readonly content: string | null;
}

export type CommitResult =
  | { readonly status: 'committed'; readonly sha: string }
  | { readonly status: 'conflict'; readonly actualHead: string | null }
  | RefLocked;

/**
 * The branch head did not move, but its ref lock has been held for longer than any live writer
 * holds it: a writer was killed while holding it, and no retry will succeed until the lock is
 * removed (docs/state-branch.md). A lock a live writer holds for its milliseconds is a lost race,
 * reported as `conflict`.
 */
export interface RefLocked {
  readonly status: 'locked';
  /** The lock file, as an absolute path. */
  readonly lockFile: string;
  /** How long ago the lock was taken. */
  readonly ageMs: number;
}

/** A change proposed for review: a branch from `base` carrying `files`, with a title and body for its pull request. */
export interface ChangeRequest {
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly files: readonly FileChange[];
}

export interface ChangeRequestResult {
  readonly branch: string;
  /** Pull request URL, or a description of where the change is for local repositories. */
  readonly url: string;
  readonly number?: number;
  readonly created: boolean;
}

/**
 * Reads the repository's history: what a commit holds and what a change touched. Takes branch
 * names, tags and full shas only — never revision syntax (`sha^`, `HEAD~1`), which a host API
 * does not understand: ask `parentOf` instead. Every path is relative to the reader's root.
 */
export interface RevisionReader {
  /** The commit a branch, tag or sha names, or undefined when it names none. */
  resolve(ref: string): Promise<string | undefined>;
  /** The first parent of a commit (the main line of a merge), or undefined for a root commit. */
  parentOf(commit: string): Promise<string | undefined>;
  /** A file's content at a commit, or undefined when it does not exist there. */
  readFile(commit: string, path: string): Promise<string | undefined>;
  /** Several files at one commit in one round trip; absent paths are left out. */
  readFiles(commit: string, paths: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Paths of every file under `dir` at `commit` (recursive; `''` for all). */
  listFiles(commit: string, dir: string): Promise<string[]>;
  /** Paths changed between two commits (merge-base semantics, as a pull request shows them). */
  changedFiles(base: string, head: string): Promise<string[]>;
}

/**
 * One branch written only by compare-and-swap commits: the state branch (states and audit
 * records), the flag branch (GitOps provider files). Its files sit at the branch's own top.
 */
export interface StateBranch {
  readonly name: string;
  /** The head commit, or null when the branch does not exist yet (the port's definition of "missing", not an adapter's error text). */
  head(): Promise<string | null>;
  /** Files at one of the branch's commits (a head read before), paths from its top; absent paths are left out. */
  readFiles(commit: string, paths: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Paths of every file under `dir` at one of the branch's commits (recursive; `''` for all). */
  listFiles(commit: string, dir: string): Promise<string[]>;
  /**
   * A few files as the branch holds them now, without naming its head: where the host serves a
   * file by branch name (GitHub's contents API) that is one request a file instead of head, tree
   * and blob. The head they came from is unknown, so a write after it compares contents at the
   * head it then reads (branch-flag-files.ts). Optional: a local clone reads its head for free.
   */
  readLatest?(paths: readonly string[]): Promise<Map<string, Uint8Array>>;
  /**
   * One commit with these changes, made only if the head is still `expectedHead` (null: the
   * branch must not exist, and is created without history). The only lock between runs. A ref
   * lock a killed writer left behind is `locked`, not a `conflict`: it is not a race, and never clears.
   */
  commit(request: { readonly expectedHead: string | null; readonly files: readonly FileChange[]; readonly message: string }): Promise<CommitResult>;
}

/** A pull request (or, locally, a branch) as change requests name it. */
export interface ChangeRequestRef {
  readonly number?: number;
  readonly url: string;
  readonly branch: string;
}

/** Proposed changes for people to review: revert pull requests, and the pull request a rollout came from. */
export interface ChangeRequests {
  /**
   * A branch `request.branch` from `request.base` carrying `files`, and a pull request for it:
   * found by its head branch when one is already open (then `created` is false), created otherwise.
   */
  findOrCreate(request: ChangeRequest & { readonly draft?: boolean; readonly labels?: readonly string[]; readonly reviewers?: readonly string[] }): Promise<ChangeRequestResult>;
  /** The pull request that brought `commit` into the repository (merged or open), when there is one. */
  forCommit(commit: string): Promise<ChangeRequestRef | undefined>;
}

/** The three roles, as the runtime hands them to the engine. */
export interface ScmRoles {
  readonly revisions: RevisionReader;
  /** The compare-and-swap branch of that name (the state branch, the flag branch). */
  branch(name: string): StateBranch;
  readonly changeRequests: ChangeRequests;
}
