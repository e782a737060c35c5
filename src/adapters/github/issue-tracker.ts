import type { Logger } from '../../ports/logger.js';
import type { IssueRef, IssueTracker } from '../../ports/issues.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './github-error.js';
import { COMMENT_BODY_MAX, cutWithNote, type RepositoryRef } from './review-channel.js';

/** An issue body may hold as much as a comment. */
const ISSUE_BODY_MAX = COMMENT_BODY_MAX;

interface ApiIssue {
  readonly number: number;
  readonly html_url: string;
  readonly title: string;
  readonly body?: string | null;
  readonly state: string;
  readonly pull_request?: unknown;
}

function toRef(issue: ApiIssue): IssueRef {
  return { number: issue.number, url: issue.html_url, title: issue.title, body: issue.body ?? '', state: issue.state === 'closed' ? 'closed' : 'open' };
}

const fit = (body: string): string => cutWithNote(body, ISSUE_BODY_MAX, '> Cut at GitHub\'s 65,536-character limit for issue bodies; `glidepath status` and `glidepath audit export` have everything.');

/**
 * Issues through the REST API. Found by label and marker: the label narrows the listing to
 * Glidepath's own issues (one page for most repositories), the marker picks the one.
 */
export function createGitHubIssueTracker(octokit: GitHubClient, repository: RepositoryRef, logger?: Logger): IssueTracker {
  const { owner, repo } = repository;
  return {
    async findByMarker(marker, label, state = 'open') {
      const issues = await octokit.paginate('GET /repos/{owner}/{repo}/issues', { owner, repo, labels: label, state, sort: 'created', direction: 'desc', per_page: 100 });
      const found = issues.find((i) => i.pull_request === undefined && (i.body ?? '').includes(marker));
      return found ? toRef(found) : undefined;
    },

    async create(issue) {
      const request = { owner, repo, title: issue.title, body: fit(issue.body), labels: [...issue.labels] };
      const assignees = [...new Set(issue.assignees ?? [])];
      try {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', { ...request, ...(assignees.length > 0 ? { assignees } : {}) });
        return toRef(data);
      } catch (error) {
        // An owner who cannot be assigned (not a collaborator, a team) must not cost the issue itself.
        if (!(assignees.length > 0 && error instanceof GitHubError && error.status === 422)) throw error;
        logger?.warn(`GitHub refused to assign ${assignees.join(', ')} to the issue "${issue.title}" (${error.message}); opening it unassigned.`);
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', request);
        return toRef(data);
      }
    },

    async update(number, change) {
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: number, title: change.title, body: fit(change.body) });
      return toRef(data);
    },
  };
}
