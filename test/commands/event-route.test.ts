import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandCatalog } from '../../src/commands/index.js';
import { decideCommentCommand, parseCommentCommand, routeEvent, type CommentRequest, type EventRoute } from '../../src/commands/event-route.js';
import { webhookExample, webhookExamples } from '../adapters/github/webhook-examples.js';

const route = (eventName: string, payload: Record<string, unknown>): EventRoute => routeEvent({ eventName, payload, commandNames: commandCatalog.names });

function commands(result: EventRoute): unknown {
  assert.equal(result.kind, 'run', JSON.stringify(result));
  return result.kind === 'run' ? result.commands : undefined;
}

test('a pull_request opened, synchronized or reopened validates and then plans', () => {
  for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review']) {
    assert.deepEqual(commands(route('pull_request', webhookExample('pull_request', action))), [{ command: 'validate', options: {} }, { command: 'plan', options: {} }], action);
  }
});

test('pull_request activity that does not change the code, such as labeling, is ignored with a reason', () => {
  const result = route('pull_request', webhookExample('pull_request', 'labeled'));
  assert.equal(result.kind, 'ignore');
  assert.match(result.kind === 'ignore' ? result.reason : '', /pull_request labeled/);
});

test('a pull request from a fork gets validate and plan only, and says so', () => {
  const payload = webhookExample('pull_request', 'opened');
  const head = (payload['pull_request'] as { head: { repo: { full_name: string } } }).head;
  head.repo.full_name = 'mallory/Hello-World';
  const result = route('pull_request', payload);
  assert.deepEqual(commands(result), [{ command: 'validate', options: {} }, { command: 'plan', options: {} }]);
  assert.match(result.kind === 'run' ? result.because : '', /from a fork: validate and plan only/);
});

test('pull_request_target is never acted on: it would give a write token to untrusted code', () => {
  const result = route('pull_request_target', webhookExample('pull_request', 'opened'));
  assert.equal(result.kind, 'ignore');
  assert.match(result.kind === 'ignore' ? result.reason : '', /Use `on: pull_request`/);
});

/** The example push to the default branch (the package's first example pushes a tag). */
const branchPush = (): Record<string, unknown> => webhookExamples('push').find((p) => p['ref'] === 'refs/heads/master')!;

test('a push to the default branch starts the rollouts of what it changed, from before to after', () => {
  const payload = branchPush();
  payload['before'] = 'a'.repeat(40);
  assert.deepEqual(commands(route('push', payload)), [{ command: 'start', options: { base: 'a'.repeat(40), head: payload['after'] } }]);
});

test('the first push to the default branch (before is all zeros) starts from HEAD~1..HEAD', () => {
  const payload = branchPush();
  assert.match(String(payload['before']), /^0+$/);
  assert.deepEqual(commands(route('push', payload)), [{ command: 'start', options: {} }]);
});

test('a push of a tag or another branch, or a deletion, starts nothing', () => {
  const all = webhookExamples('push');
  const tagPush = all.find((p) => p['ref'] === 'refs/tags/simple-tag' && p['deleted'] === false)!;
  assert.equal(route('push', tagPush).kind, 'ignore');
  const deleted = all.find((p) => p['deleted'] === true)!;
  assert.equal(route('push', deleted).kind, 'ignore');
  const feature = { ...branchPush(), ref: 'refs/heads/feature' };
  assert.match(JSON.stringify(route('push', feature)), /only from merges to the default branch \(master\)/);
});

test('a schedule evaluates every active rollout', () => {
  assert.deepEqual(commands(route('schedule', { schedule: '*/10 * * * *' })), [{ command: 'evaluate', options: {} }]);
});

test('a glidepath-alert dispatch evaluates the release it names at once', () => {
  const payload = { ...webhookExample('repository_dispatch'), action: 'glidepath-alert', client_payload: { release: 'support-assistant' } };
  assert.deepEqual(commands(route('repository_dispatch', payload)), [{ command: 'evaluate', options: { release: 'support-assistant' } }]);
});

test('a glidepath-alert dispatch with action rollback rolls the named release back, with the alert\'s reason', () => {
  const payload = { ...webhookExample('repository_dispatch'), action: 'glidepath-alert', client_payload: { release: 'support-assistant', action: 'rollback', reason: 'p99 latency page' } };
  assert.deepEqual(commands(route('repository_dispatch', payload)), [{ command: 'rollback', options: { release: 'support-assistant', reason: 'alert from monitoring: p99 latency page' } }]);
});

test('a glidepath-alert dispatch without a release, with a malformed one or an unknown action is refused', () => {
  const base = { ...webhookExample('repository_dispatch'), action: 'glidepath-alert' };
  assert.match(JSON.stringify(route('repository_dispatch', { ...base, client_payload: {} })), /"refuse".*names no release/);
  assert.match(JSON.stringify(route('repository_dispatch', { ...base, client_payload: { release: '--dry-run' } })), /"refuse".*not a release name/);
  assert.match(JSON.stringify(route('repository_dispatch', { ...base, client_payload: { release: 'x', action: 'promote' } })), /"refuse".*use ..evaluate.. \(the default\)/);
});

test('a repository_dispatch of another type is ignored', () => {
  const payload = webhookExample('repository_dispatch');
  assert.equal(payload['action'], 'on-demand-test');
  assert.equal(route('repository_dispatch', payload).kind, 'ignore');
});

test('a workflow_dispatch runs the command its inputs name, with their options', () => {
  const payload = { ...webhookExample('workflow_dispatch'), inputs: { command: 'rollback', release: 'support-assistant', reason: 'bad answers', 'dry-run': 'true', unrelated: 'x' } };
  assert.deepEqual(commands(route('workflow_dispatch', payload)), [{ command: 'rollback', options: { release: 'support-assistant', reason: 'bad answers', 'dry-run': true } }]);
  assert.deepEqual(commands(route('workflow_dispatch', { ...payload, inputs: { command: 'audit verify' } })), [{ command: 'audit', options: { subcommand: 'verify' } }]);
});

test('a workflow_dispatch without a command input, or with an unknown one, is refused with the list of commands', () => {
  assert.match(JSON.stringify(route('workflow_dispatch', webhookExample('workflow_dispatch'))), /"refuse".*workflow input named \\"command\\"/);
  assert.match(JSON.stringify(route('workflow_dispatch', { ...webhookExample('workflow_dispatch'), inputs: { command: 'deploy' } })), /"refuse".*not a Glidepath command; use one of: validate/);
});

test('an event Glidepath has no use for is ignored with a notice, not a failure', () => {
  const result = route('star', webhookExample('star'));
  assert.equal(result.kind, 'ignore');
  assert.match(result.kind === 'ignore' ? result.reason : '', /nothing to do on star events/);
});

function commentPayload(body: string, options: { onPullRequest?: boolean; action?: string } = {}): Record<string, unknown> {
  const payload = webhookExample('issue_comment', options.action ?? 'created');
  (payload['comment'] as { body: string }).body = body;
  if (options.onPullRequest) (payload['issue'] as Record<string, unknown>)['pull_request'] = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
  return payload;
}

test('a /glidepath comment is read into a request with the commenter, the issue and the words after the verb', () => {
  const result = route('issue_comment', commentPayload('Looks fine.\n/glidepath approve support-assistant dashboards are green', { onPullRequest: true }));
  assert.deepEqual(result, {
    kind: 'comment',
    request: { verb: 'approve', words: ['support-assistant', 'dashboards', 'are', 'green'], commentId: 492700400, issueNumber: 1, onPullRequest: true, user: 'Codertocat', issueAuthor: 'Codertocat' },
  });
});

test('comments without a command, edited comments and comments from bots are ignored', () => {
  assert.equal(route('issue_comment', commentPayload('LGTM')).kind, 'ignore');
  assert.equal(route('issue_comment', commentPayload('/glidepath approve', { action: 'edited' })).kind, 'ignore');
  const bot = commentPayload('/glidepath approve');
  (bot['comment'] as { user: { login: string; type: string } }).user = { ...(bot['comment'] as { user: object }).user, login: 'glidepath[bot]', type: 'Bot' };
  assert.match(JSON.stringify(route('issue_comment', bot)), /"ignore".*from a bot/);
});

test('an unknown /glidepath verb is refused on the comment, without echoing markup', () => {
  const result = route('issue_comment', commentPayload('/glidepath **approved**'));
  assert.equal(result.kind, 'refuse');
  assert.deepEqual(result.kind === 'refuse' ? result.comment : undefined, { id: 492700400, issueNumber: 1 });
  assert.doesNotMatch(result.kind === 'refuse' ? result.reason : '', /\*\*/);
  assert.equal(parseCommentCommand('/glidepath Rollback x')?.verb, 'rollback');
});

const request = (verb: CommentRequest['verb'], words: string[], onPullRequest = true): CommentRequest => ({ verb, words, commentId: 1, issueNumber: 7, onPullRequest, user: 'octocat', issueAuthor: 'hubot' });

test('a comment from someone with read or triage access is refused before anything runs', () => {
  for (const permission of ['none', 'read', 'triage'] as const) {
    const decision = decideCommentCommand(request('approve', []), { permission, releases: ['a'], changedReleases: ['a'] });
    assert.deepEqual(decision, { kind: 'refuse', reason: `octocat has ${permission === 'none' ? 'no' : permission} access to this repository; /glidepath commands need write access` });
  }
});

test('on a pull request that changes one release the comment needs not name it; the words are the reason', () => {
  const decision = decideCommentCommand(request('approve', ['ship', 'it']), { permission: 'write', releases: ['a', 'b'], changedReleases: ['a'] });
  assert.deepEqual(decision, { kind: 'run', release: 'a', command: { command: 'approve', options: { release: 'a', by: 'octocat', reason: 'ship it', author: 'hubot' } } });
});

test('a comment names the release when the pull request changes several, or on an issue', () => {
  assert.match(JSON.stringify(decideCommentCommand(request('approve', []), { permission: 'admin', releases: ['a', 'b'], changedReleases: ['a', 'b'] })), /changes 2 releases \(a, b\): name the release/);
  assert.match(JSON.stringify(decideCommentCommand(request('rollback', ['c'], false), { permission: 'admin', releases: ['a'] })), /'c' is not a release of this repository, and this issue is not a pull request/);
  const named = decideCommentCommand(request('rollback', ['b'], false), { permission: 'maintain', releases: ['a', 'b'] });
  assert.deepEqual(named, { kind: 'run', release: 'b', command: { command: 'rollback', options: { release: 'b', by: 'octocat', reason: 'requested by octocat in a comment on #7' } } });
});

test('resume approves only a paused or frozen rollout; pause runs the pause command for the commenter, with their reason or one that names the comment', () => {
  const resume = decideCommentCommand(request('resume', ['a'], false), { permission: 'write', releases: ['a'], releaseAuthor: 'hubot' });
  assert.deepEqual(resume, { kind: 'run', release: 'a', command: { command: 'approve', options: { release: 'a', by: 'octocat', author: 'hubot', resume: true } } });
  assert.deepEqual(decideCommentCommand(request('pause', ['a', 'latency', 'spike']), { permission: 'write', releases: ['a'] }), { kind: 'run', release: 'a', command: { command: 'pause', options: { release: 'a', by: 'octocat', reason: 'latency spike' } } });
  assert.deepEqual(decideCommentCommand(request('pause', []), { permission: 'maintain', releases: ['a'], changedReleases: ['a'] }), { kind: 'run', release: 'a', command: { command: 'pause', options: { release: 'a', by: 'octocat', reason: 'requested by octocat in a comment on #7' } } });
  assert.match(JSON.stringify(decideCommentCommand(request('pause', ['a']), { permission: 'triage', releases: ['a'] })), /"refuse".*octocat has triage access.*need write access/);
});

test('on a pull request, its author counts as the release\'s author only for a release the pull request changes', () => {
  const own = decideCommentCommand(request('approve', ['a']), { permission: 'write', releases: ['a', 'b'], changedReleases: ['a'] });
  assert.equal(own.kind === 'run' ? own.command.options['author'] : undefined, 'hubot');
  const other = decideCommentCommand(request('approve', ['b']), { permission: 'write', releases: ['a', 'b'], changedReleases: ['a'], releaseAuthor: 'alice' });
  assert.equal(other.kind === 'run' ? other.command.options['author'] : undefined, 'alice');
});
