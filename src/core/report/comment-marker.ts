/** What a sticky comment or issue is about: the pull request's plan, one release's rollout, the rollouts dashboard, a rollback's retrospective. */
export type CommentKind = 'plan' | 'rollout' | 'dashboard' | 'retrospective';

/**
 * The hidden HTML comment that makes a comment sticky: found again on the next run and updated
 * in place instead of posting another (changesets' `getCommentMarker`). Ids are release names,
 * which the schema limits to characters that cannot close the comment.
 */
export function commentMarker(kind: CommentKind, id?: string): string {
  return `<!-- glidepath:${kind}${id === undefined ? '' : `:${id}`} -->`;
}
