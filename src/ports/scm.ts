/**
 * Source control, in domain words (cf. release-please's `Scm`). One adapter drives the git CLI
 * on a local repository, another the GitHub API; commands never know which.
 */
export interface Scm {
  /** A file's content at a ref (branch, tag or sha), or undefined when it does not exist there. */
  readFile(ref: string, path: string): Promise<string | undefined>;
  /**
   * Several files at one ref in one round trip (git cat-file --batch, the git trees API):
   * reading a repository file by file costs a process or a request each. Absent paths are left out.
   */
  readFiles(ref: string, paths: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Repository-relative paths of every file under `dir` at `ref` (recursive; `''` for all). */
  listFiles(ref: string, dir: string): Promise<string[]>;
  /** Paths changed between two refs (merge-base semantics, as a pull request shows them). */
  changedFiles(base: string, head: string): Promise<string[]>;
  /** The commit a ref points at, or undefined when the ref does not exist. */
  resolveRef(ref: string): Promise<string | undefined>;
  /**
   * One commit on `branch` with these file changes (content `null` deletes), made only if the
   * branch head is still `expectedHead` (`null`: the branch must not exist yet, and is created
   * as an orphan). This compare-and-swap is the only lock between concurrent runs. A ref lock
   * a killed writer left behind is `locked`, not a `conflict`: it is not a race, and never clears.
   */
  commitFiles(request: CommitRequest): Promise<CommitResult>;
  /**
   * Proposes a change for review: a branch from `base` carrying `files`, and a pull request with
   * `title` and `body` where the adapter has them. Idempotent by `branch`.
   */
  openChangeRequest(request: ChangeRequest): Promise<ChangeRequestResult>;
}

export interface FileChange {
  readonly path: string;
  readonly content: string | null;
}

export interface CommitRequest {
  readonly branch: string;
  readonly expectedHead: string | null;
  readonly files: readonly FileChange[];
  readonly message: string;
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
