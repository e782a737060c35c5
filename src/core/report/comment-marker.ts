/** What a sticky comment is about: the pull request's plan, or one release's rollout. */
export type CommentKind = 'plan' | 'rollout';

/**
 * The hidden HTML comment that makes a comment sticky: found again on the next run and updated
 * in place instead of posting another (changesets' `getCommentMarker`). Ids are release names,
 * which the schema limits to characters that cannot close the comment.
 */
export function commentMarker(kind: CommentKind, id?: string): string {
  return `<!-- glidepath:${kind}${id === undefined ? '' : `:${id}`} -->`;
}
