import type { Logger } from '../../ports/logger.js';
import type { CheckRunReport, CommentOutcome, ReviewChannel } from '../../ports/review.js';
import type { GitHubClient } from './client.js';
import type { Annotation } from '../../core/report/annotation.js';

/** GitHub's limits: the Checks API takes 50 annotations per request; outputs and comments have fixed maximum lengths. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const CHECK_OUTPUT_MAX = 65_535;
export const COMMENT_BODY_MAX = 65_536;
/** A check-run annotation message may hold 64 KB; longer ones are refused. */
const ANNOTATION_MESSAGE_MAX = 60_000;

export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}

interface ApiAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

/** Cuts `text` at a line boundary so that it and `note` fit in `max` characters. */
export function cutWithNote(text: string, max: number, note: string): string {
  if (text.length <= max) return text;
  const room = max - note.length - 2;
  const at = text.lastIndexOf('\n', room);
  return `${text.slice(0, at > room / 2 ? at : room)}\n\n${note}`;
}

function toApiAnnotation(a: Annotation): ApiAnnotation {
  const endLine = Math.max(a.startLine, a.endLine);
  const sameLine = a.startLine === endLine;
  return {
    path: a.path,
    start_line: Math.max(1, a.startLine),
    end_line: Math.max(1, endLine),
    // The API accepts columns only on single-line annotations.
    ...(sameLine && a.startColumn !== undefined ? { start_column: a.startColumn } : {}),
    ...(sameLine && a.endColumn !== undefined ? { end_column: Math.max(a.endColumn, a.startColumn ?? a.endColumn) } : {}),
    annotation_level: a.level,
    message: a.message.length > ANNOTATION_MESSAGE_MAX ? `${a.message.slice(0, ANNOTATION_MESSAGE_MAX)}…` : a.message,
    ...(a.title !== undefined ? { title: a.title } : {}),
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const normalise = (text: string): string => text.replace(/\r\n/g, '\n');

/**
 * The ReviewChannel on GitHub: check runs keyed by name and head sha, and one sticky comment per
 * marker. Both are idempotent: a rerun updates what the previous run wrote.
 */
export function createGitHubReviewChannel(octokit: GitHubClient, repository: RepositoryRef, logger?: Logger): ReviewChannel {
  const { owner, repo } = repository;
  return {
    async publishCheck(report: CheckRunReport): Promise<{ readonly url?: string; readonly outcome?: CommentOutcome }> {
      const summary = cutWithNote(report.summary, CHECK_OUTPUT_MAX, '> Cut at GitHub\'s 65,535-character limit for check-run summaries; the job summary has the full report.');
      const text = report.text !== undefined ? cutWithNote(report.text, CHECK_OUTPUT_MAX, '> Cut at GitHub\'s 65,535-character limit for check-run text; the job summary has the full report.') : undefined;
      const batches = chunk(report.annotations.map(toApiAnnotation), ANNOTATIONS_PER_REQUEST);
      const output = (annotations: ApiAnnotation[] | undefined): { title: string; summary: string; text?: string; annotations?: ApiAnnotation[] } => ({
        title: report.title,
        summary,
        ...(text !== undefined ? { text } : {}),
        ...(annotations && annotations.length > 0 ? { annotations } : {}),
      });

      const { data: existing } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
        owner, repo, ref: report.headSha, check_name: report.name, filter: 'latest', per_page: 1,
      });
      const previous = existing.check_runs[0];
      if (previous && previous.status === 'completed' && previous.conclusion === report.conclusion && previous.output.annotations_count === 0 && batches.length === 0
        && previous.output.title === report.title && normalise(previous.output.summary ?? '') === normalise(summary) && normalise(previous.output.text ?? '') === normalise(text ?? '')) {
        logger?.debug(`check run ${report.name} on ${report.headSha} already says this`);
        return { ...(previous.html_url ? { url: previous.html_url } : {}), outcome: 'unchanged' };
      }
      let run: { id: number | bigint; html_url: string | null };
      let outcome: CommentOutcome = 'created';
      // Annotations accumulate on a check run and cannot be removed, so a run that already has some
      // is superseded by a new one (GitHub shows the newest run of a name) rather than updated.
      if (previous && previous.output.annotations_count === 0) {
        ({ data: run } = await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
          owner, repo, check_run_id: Number(previous.id), status: 'completed', conclusion: report.conclusion, output: output(batches[0]),
        }));
        logger?.debug(`updated check run ${report.name} (${run.id}) on ${report.headSha}`);
        outcome = 'updated';
      } else {
        ({ data: run } = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
          owner, repo, name: report.name, head_sha: report.headSha, status: 'completed', conclusion: report.conclusion, output: output(batches[0]),
        }));
        logger?.debug(`created check run ${report.name} (${run.id}) on ${report.headSha}`);
      }
      for (const batch of batches.slice(1)) {
        await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
          owner, repo, check_run_id: Number(run.id), output: { title: report.title, summary, annotations: batch },
        });
      }
      return { ...(run.html_url ? { url: run.html_url } : {}), outcome };
    },

    async upsertComment(issueNumber: number, marker: string, body: string): Promise<CommentOutcome> {
      const marked = body.includes(marker) ? body : `${marker}\n${body}`;
      const final = cutWithNote(marked, COMMENT_BODY_MAX, '> Cut at GitHub\'s 65,536-character limit for comments; the check run and the job summary have the full report.');
      // Every page: the sticky comment may sit beyond the first 100 on a busy pull request.
      const comments = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issueNumber, per_page: 100 });
      const mine = comments.find((c) => c.body?.includes(marker));
      if (mine) {
        if (normalise(mine.body ?? '') === normalise(final)) return 'unchanged';
        await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: mine.id, body: final });
        return 'updated';
      }
      await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issueNumber, body: final });
      return 'created';
    },
  };
}
