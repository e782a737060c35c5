/** The pull request or push a command runs for, when it runs inside GitHub Actions. */
export interface RunEvent {
  readonly eventName: string;
  readonly owner: string;
  readonly repo: string;
  /** The commit checks are attached to (pull_request.head.sha on pull requests). */
  readonly headSha: string;
  readonly pullRequest?: { readonly number: number; readonly baseSha: string; readonly headSha: string };
  readonly actor: string;
}
