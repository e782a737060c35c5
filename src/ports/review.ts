import type { Annotation } from '../core/report/annotation.js';

export interface CheckRunReport {
  /** Check-run name; with the head sha it identifies the run to create or update. */
  readonly name: string;
  readonly headSha: string;
  readonly conclusion: 'success' | 'failure' | 'neutral';
  readonly title: string;
  /** Markdown, at most 65,535 characters (the adapter cuts and says so). */
  readonly summary: string;
  readonly text?: string;
  /** Any number; the adapter sends them 50 per request, as the API requires. */
  readonly annotations: readonly Annotation[];
}

export type CommentOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Where results are shown to reviewers of a pull request: check runs and a sticky comment.
 * The GitHub adapter implements it; commands never touch octokit.
 */
export interface ReviewChannel {
  /**
   * Creates or updates the check run of this name on `headSha`. `outcome` (when the adapter can
   * tell) is `unchanged` when the latest run of that name already says exactly this: nothing written.
   */
  publishCheck(report: CheckRunReport): Promise<{ readonly url?: string; readonly outcome?: CommentOutcome }>;
  /** Creates or updates the one comment on `issueNumber` that carries `marker`; leaves it alone when the body is the same. */
  upsertComment(issueNumber: number, marker: string, body: string): Promise<CommentOutcome>;
}
