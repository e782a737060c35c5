import { code, inert } from './markdown.js';

/** Hidden marker of Glidepath's replies to `/glidepath` comments (the router ignores comments from bots anyway). */
export const COMMENT_REPLY_MARKER = '<!-- glidepath:comment-reply -->';

export { inert };

/** A fenced block that no backtick run in `text` can close. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? ['']).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/\s+$/, '')}\n${fence}`;
}

export interface CommentReply {
  /** `approve`, `rollback`, … as the person wrote it (already one of the known verbs), or undefined for an unknown one. */
  readonly verb?: string;
  readonly user: string;
  readonly outcome: 'done' | 'failed' | 'refused';
  /** Why it was refused (refused), or what the command printed (done, failed). */
  readonly text: string;
  /** The command that ran, as `glidepath approve --release x` would say it. */
  readonly ran?: string;
}

/** The reply to a `/glidepath` comment: what was done, or why not. */
export function renderCommentReply(reply: CommentReply): string {
  const asked = reply.verb ? code(`/glidepath ${reply.verb}`) : 'the command';
  const who = code(reply.user);
  switch (reply.outcome) {
    case 'refused':
      return `${COMMENT_REPLY_MARKER}\n**Glidepath did not act** on ${asked} from ${who}: ${inert(reply.text)}\n`;
    case 'failed':
      return `${COMMENT_REPLY_MARKER}\n**Glidepath ran ${code(reply.ran ?? 'the command')}** for ${who}; it needs attention:\n\n${fenced(reply.text)}\n`;
    case 'done':
      return `${COMMENT_REPLY_MARKER}\n**Glidepath ran ${code(reply.ran ?? 'the command')}** for ${who}:\n\n${fenced(reply.text)}\n`;
  }
}
