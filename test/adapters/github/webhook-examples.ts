import { createRequire } from 'node:module';
import type { ActionsContext } from '../../../src/adapters/github/run-event.js';

interface WebhookExamples {
  readonly name: string;
  readonly examples: readonly Record<string, unknown>[];
}

/** A real payload from @octokit/webhooks-examples: the first example of `event` (with `action`, when given). */
export function webhookExample(event: string, action?: string): Record<string, unknown> {
  const all = createRequire(import.meta.url)('@octokit/webhooks-examples') as readonly WebhookExamples[];
  const examples = all.find((e) => e.name === event)?.examples ?? [];
  const found = examples.find((e) => action === undefined || e['action'] === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ''} example`);
  return structuredClone(found);
}

/** Every example of `event` in @octokit/webhooks-examples. */
export function webhookExamples(event: string): Record<string, unknown>[] {
  const all = createRequire(import.meta.url)('@octokit/webhooks-examples') as readonly WebhookExamples[];
  return structuredClone([...(all.find((e) => e.name === event)?.examples ?? [])]);
}

/** The Actions context a workflow run for that payload would have (GITHUB_SHA as GitHub sets it). */
export function contextFor(eventName: string, payload: Record<string, unknown>, sha = '0123456789abcdef0123456789abcdef01234567'): ActionsContext {
  const repository = payload['repository'] as { name: string; owner: { login: string } };
  return { eventName, payload, sha, actor: (payload['sender'] as { login: string }).login, repo: { owner: repository.owner.login, repo: repository.name } };
}
