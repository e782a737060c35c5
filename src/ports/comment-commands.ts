/** A person's access to the repository, as GitHub names the roles (highest first). */
export type RepositoryPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** How a command from a comment is acknowledged on the comment itself. */
export type CommentReaction = '+1' | '-1' | 'eyes';

/**
 * What answering a `/glidepath …` comment needs from GitHub: who may act, what the pull request
 * touches, and where to answer. The GitHub adapter implements it; tests use the spec-checked fake.
 */
export interface CommentCommands {
  /** `user`'s role on the repository; `none` for someone GitHub does not know as a collaborator. */
  permissionOf(user: string): Promise<RepositoryPermission>;
  /** Repository-relative paths a pull request changes. */
  changedFiles(pullNumber: number): Promise<readonly string[]>;
  /** Login of the author of the latest commit on the default branch that changed `path`, if GitHub links one. */
  lastAuthorOf(path: string): Promise<string | undefined>;
  react(commentId: number, reaction: CommentReaction): Promise<void>;
  /** A new comment on the issue or pull request (never an edit of the person's comment). */
  reply(issueNumber: number, body: string): Promise<void>;
}
