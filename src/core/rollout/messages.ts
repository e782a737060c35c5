import type { Action } from './types.js';

/** A PR comment about one rollout event: a headline and the sentences that explain it. */
export function commentAction(release: string, headline: string, ...paragraphs: string[]): Action {
  return { type: 'comment', release, body: [`**Glidepath · \`${release}\`** — ${headline}`, ...paragraphs].join('\n\n') };
}

export function checkAction(release: string, conclusion: 'success' | 'failure' | 'neutral', title: string, summary: string): Action {
  return { type: 'check', release, conclusion, title, summary };
}

/** The approve command, as a person types it in a PR comment or a terminal. */
export function approveHint(release: string, stage?: string): string {
  const option = stage ? ` --stage ${stage}` : '';
  return `comment \`/glidepath approve\` on the pull request, or run \`glidepath approve --release ${release}${option}\``;
}
