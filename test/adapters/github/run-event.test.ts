import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readRunEvent } from '../../../src/adapters/github/run-event.js';
import { contextFor, webhookExample } from './webhook-examples.js';

test('a pull_request.opened payload puts checks on the pull request head, not on GITHUB_SHA', () => {
  const payload = webhookExample('pull_request', 'opened');
  const pr = payload['pull_request'] as { number: number; head: { sha: string }; base: { sha: string } };
  const event = readRunEvent(contextFor('pull_request', payload));
  assert.deepEqual(event, {
    eventName: 'pull_request',
    owner: 'Codertocat',
    repo: 'Hello-World',
    actor: 'Codertocat',
    headSha: pr.head.sha,
    pullRequest: { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha },
  });
  assert.notEqual(event.headSha, contextFor('pull_request', payload).sha);
});

test('a push payload reports on the pushed commit', () => {
  const payload = webhookExample('push');
  const event = readRunEvent(contextFor('push', payload));
  assert.equal(event.headSha, payload['after']);
  assert.equal(event.pullRequest, undefined);
});

test('an issue_comment payload has no pull-request shas and reports on GITHUB_SHA', () => {
  const payload = webhookExample('issue_comment', 'created');
  const context = contextFor('issue_comment', payload);
  const event = readRunEvent(context);
  assert.equal(event.headSha, context.sha);
  assert.equal(event.pullRequest, undefined);
  assert.equal(event.actor, (payload['sender'] as { login: string }).login);
});

test('a push that deletes a branch (after = zeros) falls back to GITHUB_SHA', () => {
  const payload = { ...webhookExample('push'), after: '0000000000000000000000000000000000000000', deleted: true };
  const context = contextFor('push', payload);
  assert.equal(readRunEvent(context).headSha, context.sha);
});
