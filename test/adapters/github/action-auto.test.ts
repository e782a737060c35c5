import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runAction, TOKEN } from '../../support/run-action.js';
import { weakeningPullRequest } from '../../core/plan/quickstart.js';
import { quickstartRepo } from '../../support/command-fixture.js';
import { createGitHubFake } from '../../support/github-fake.js';
import { serveCommentCommands } from '../../support/github-fake-comments.js';
import { createTempGitRepo } from '../../support/temp-git-repo.js';
import { contextFor, webhookExample } from './webhook-examples.js';

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

test('with the default command input, a real pull_request payload runs validate and then plan', async () => {
  const pr = weakeningPullRequest();
  const repo = createTempGitRepo(pr.base);
  cleanup.push(() => repo.cleanup());
  const base = repo.git('rev-parse', 'HEAD');
  const head = repo.commit(pr.head, 'weaken');
  const payload = webhookExample('pull_request', 'synchronize');
  const pull = payload['pull_request'] as { head: { sha: string }; base: { sha: string } };
  pull.head.sha = head;
  pull.base.sha = base;
  const fake = createGitHubFake();

  const result = await runAction(repo.dir, { context: contextFor('pull_request', payload), octokit: { fetch: fake.fetch, throttle: false, retry: false } });

  assert.equal(result.exitCode, undefined, result.stdout);
  assert.match(result.stdout, /glidepath: pull_request synchronize: validate the files and plan the rollout/);
  assert.match(result.outputs, /errors<<ghadelimiter_[^\n]+\n0\n/, 'validate ran');
  assert.match(result.outputs, /weakenings<<ghadelimiter_[^\n]+\n1\n/, 'plan ran');
  assert.deepEqual(fake.checkRuns.map((c) => [c.name, c.head_sha]), [['Glidepath / validate', head], ['Glidepath / plan', head]]);
  fake.assertClean();
});

test('with the default command input, a /glidepath comment from a read-only user is answered through the API and the job stays green', async () => {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const fake = createGitHubFake();
  const github = serveCommentCommands(fake);
  github.permissions.set('Codertocat', 'read');
  const comment = fake.addComment(1, '/glidepath rollback support-assistant', 'Codertocat');
  const payload = webhookExample('issue_comment', 'created');
  (payload['comment'] as { id: number; body: string }).id = comment.id;
  (payload['comment'] as { id: number; body: string }).body = comment.body;

  const result = await runAction(repo.dir, { context: contextFor('issue_comment', payload), octokit: { fetch: fake.fetch, throttle: false, retry: false } });

  assert.equal(result.exitCode, undefined, result.stdout);
  assert.deepEqual(github.reactions.map((r) => [r.commentId, r.content]), [[comment.id, '-1']]);
  assert.match(fake.comments.at(-1)!.body, /Codertocat has read access to this repository/);
  assert.ok(fake.requests.every((r) => r.headers['authorization'] === `token ${TOKEN}`));
  assert.ok(!result.stdout.replace(`::add-mask::${TOKEN}`, '').includes(TOKEN));
  fake.assertClean();
});

test('with the default command input, an event Glidepath does not act on ends green with a notice', async () => {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const fake = createGitHubFake();
  const result = await runAction(repo.dir, { context: contextFor('star', webhookExample('star')), octokit: { fetch: fake.fetch, throttle: false, retry: false } });
  assert.equal(result.exitCode, undefined, result.stdout);
  assert.match(result.stdout, /nothing to do: Glidepath has nothing to do on star events/);
  assert.deepEqual(fake.requests, []);
});
