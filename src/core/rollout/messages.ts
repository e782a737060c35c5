import { prose } from '../report/markdown.js';
import type { Action } from './types.js';

/**
 * A PR comment about one rollout event: a headline and the sentences that explain it. The
 * sentences carry reasons people and alerts wrote (approve, rollback, a dispatch's reason): each
 * is kept to one line without HTML or @-mentions, so none can ping, hide markup or start a heading.
 */
export function commentAction(release: string, headline: string, ...paragraphs: string[]): Action {
  return { type: 'comment', release, body: [`**Glidepath · \`${release}\`** — ${headline}`, ...paragraphs.map(prose)].join('\n\n') };
}

export function checkAction(release: string, conclusion: 'success' | 'failure' | 'neutral', title: string, summary: string): Action {
  return { type: 'check', release, conclusion, title: prose(title), summary: prose(summary) };
}

/** The approve command, as a person types it in a PR comment or a terminal. */
export function approveHint(release: string, stage?: string): string {
  const option = stage ? ` --stage ${stage}` : '';
  return `comment \`/glidepath approve\` on the pull request, or run \`glidepath approve --release ${release}${option}\``;
}
