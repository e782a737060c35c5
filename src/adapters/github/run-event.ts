import type { RunEvent } from '../../core/model/run-event.js';
import { payloadField as field } from '../../core/model/payload-field.js';

/** What we read from `@actions/github`'s `context` (a plain object in tests). */
export interface ActionsContext {
  readonly eventName: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** GITHUB_SHA: for pull_request events the merge commit, not the branch head. */
  readonly sha: string;
  readonly actor?: string;
  readonly repo: { readonly owner: string; readonly repo: string };
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The event a run serves, from the Actions context. On pull requests checks belong on the head
 * commit (`pull_request.head.sha`): GITHUB_SHA is a merge commit that no reviewer sees, and a
 * check on it never shows on the pull request.
 */
export function readRunEvent(context: ActionsContext): RunEvent {
  const { payload } = context;
  const actor = context.actor || text(field(payload, 'sender', 'login')) || 'unknown';
  const base = { eventName: context.eventName, owner: context.repo.owner, repo: context.repo.repo, actor };
  const pr = field(payload, 'pull_request');
  if (PULL_REQUEST_EVENTS.has(context.eventName) && pr && typeof pr === 'object') {
    const number = field(pr, 'number');
    const headSha = text(field(pr, 'head', 'sha'));
    const baseSha = text(field(pr, 'base', 'sha'));
    if (typeof number === 'number' && headSha && baseSha) {
      return { ...base, headSha, pullRequest: { number, baseSha, headSha } };
    }
  }
  if (context.eventName === 'push') {
    const after = text(field(payload, 'after'));
    if (after && !/^0+$/.test(after)) return { ...base, headSha: after };
  }
  return { ...base, headSha: context.sha };
}
