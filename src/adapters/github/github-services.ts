import type { Logger } from '../../ports/logger.js';
import type { ReviewChannel } from '../../ports/review.js';
import type { IssueTracker } from '../../ports/issues.js';
import type { CommentCommands } from '../../ports/comment-commands.js';
import type { ChangeRequests, StateBranch } from '../../ports/scm.js';
import { createGitHubChangeRequests } from './change-requests.js';
import { createGitHubStateBranch } from './state-branch.js';
import { createGitHubCommentCommands } from './comment-commands.js';
import { createOctokit, type GitHubClient, type OctokitOptions } from './client.js';
import { createGitHubReviewChannel } from './review-channel.js';
import { createGitHubIssueTracker } from './issue-tracker.js';
import { readRunEvent, type ActionsContext } from './run-event.js';
import type { RunEvent } from '../../core/model/run-event.js';

/** What the Action hands a command about GitHub: the event, and where to report. */
export interface GitHubServices {
  readonly event?: RunEvent;
  readonly review?: ReviewChannel;
  readonly octokit?: GitHubClient;
  /** Permission checks, reactions and replies for `/glidepath` comments. */
  readonly comments?: CommentCommands;
  /** The rollouts dashboard and retrospective issues. */
  readonly issues?: IssueTracker;
  /**
   * The roles that must outlive the runner, through the API: the state and flag branches and
   * revert pull requests. Revisions are still read from the workspace clone, at no API cost.
   */
  readonly remote?: RemoteRoles;
}

/** The Scm roles a GitHub repository provides through its API. */
export interface RemoteRoles {
  branch(name: string): StateBranch;
  readonly changeRequests: ChangeRequests;
}

export interface GitHubServicesInput extends Omit<OctokitOptions, 'logger'> {
  readonly token: string;
  /** `@actions/github`'s context; read lazily because its `repo` getter throws outside a repository. */
  readonly context: () => ActionsContext;
  readonly logger: Logger;
}

/**
 * Builds the GitHub side of a run. Without a token there is no review channel (commands then
 * print only); without a repository in the context there is no event.
 */
export function createGitHubServices(input: GitHubServicesInput): GitHubServices {
  let event: RunEvent | undefined;
  try {
    event = readRunEvent(input.context());
  } catch (error) {
    input.logger.warn(`No GitHub event to report on (${(error as Error).message}); results are printed only.`);
    return {};
  }
  if (!input.token) {
    input.logger.warn('The `github-token` input is empty: no check runs or pull-request comments will be written.');
    return { event };
  }
  const { token, context: _context, logger, ...options } = input;
  const octokit = createOctokit(token, { ...options, logger });
  const repository = { owner: event.owner, repo: event.repo };
  const branches = new Map<string, StateBranch>();
  const remote: RemoteRoles = {
    // One adapter per branch name, so its tree and blob caches serve every read of a run.
    branch: (name) => branches.get(name) ?? branches.set(name, createGitHubStateBranch(octokit, repository, name)).get(name)!,
    changeRequests: createGitHubChangeRequests(octokit, repository, { logger }),
  };
  return { event, review: createGitHubReviewChannel(octokit, repository, logger), octokit, comments: createGitHubCommentCommands(octokit, repository), issues: createGitHubIssueTracker(octokit, repository, logger), remote };
}
