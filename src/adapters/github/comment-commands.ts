import type { CommentCommands, CommentReaction, RepositoryPermission } from '../../ports/comment-commands.js';
import type { GitHubClient } from './client.js';
import { COMMENT_BODY_MAX, cutWithNote, type RepositoryRef } from './review-channel.js';

const ROLES: readonly RepositoryPermission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];

/** GitHub answers 404 for a login that is no user; that person has no access. */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

/** The comment-command port on the REST API. */
export function createGitHubCommentCommands(octokit: GitHubClient, repository: RepositoryRef): CommentCommands {
  return {
    async permissionOf(user) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repository, username: user });
        // `permission` folds maintain into write and triage into read; `role_name` keeps them (custom roles fall back).
        const role = ROLES.find((r) => r === data.role_name) ?? ROLES.find((r) => r === data.permission);
        return role ?? 'none';
      } catch (error) {
        if (isNotFound(error)) return 'none';
        throw error;
      }
    },
    async changedFiles(pullNumber) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repository, pull_number: pullNumber, per_page: 100 });
      return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
    },
    async lastAuthorOf(path) {
      const { data } = await octokit.rest.repos.listCommits({ ...repository, path, per_page: 1 });
      return data[0]?.author?.login ?? undefined;
    },
    async react(commentId, reaction: CommentReaction) {
      await octokit.rest.reactions.createForIssueComment({ ...repository, comment_id: commentId, content: reaction });
    },
    async reply(issueNumber, body) {
      await octokit.rest.issues.createComment({ ...repository, issue_number: issueNumber, body: cutWithNote(body, COMMENT_BODY_MAX, '_(cut to fit GitHub\'s comment limit)_') });
    },
  };
}
