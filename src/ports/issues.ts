/** An issue as the tracker names it: enough to link it and to tell whether its body changed. */
export interface IssueRef {
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly body: string;
  readonly state: 'open' | 'closed';
}

export interface NewIssue {
  readonly title: string;
  /** Markdown; carries the marker it is found again by. */
  readonly body: string;
  readonly labels: readonly string[];
  /** Logins to assign; the adapter drops those the host refuses and says so, rather than losing the issue. */
  readonly assignees?: readonly string[];
}

/**
 * Issues Glidepath keeps itself (the rollouts dashboard, retrospectives after a rollback), each
 * found again by the hidden marker in its body, so a rerun updates or skips instead of opening a
 * second one. The GitHub adapter implements it; the engine never touches octokit.
 */
export interface IssueTracker {
  /**
   * The newest issue labelled `label` whose body carries `marker` (pull requests excluded), or
   * undefined. `state` `open` (the default) skips closed ones; `all` finds them too.
   */
  findByMarker(marker: string, label: string, state?: 'open' | 'all'): Promise<IssueRef | undefined>;
  create(issue: NewIssue): Promise<IssueRef>;
  /** Replaces the issue's title and body. */
  update(number: number, change: { readonly title: string; readonly body: string }): Promise<IssueRef>;
}
