import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { quickstartRepo } from '../../support/command-fixture.js';
import { createGitHubFake } from '../../support/github-fake.js';
import { runAction } from '../../support/run-action.js';
import { contextFor, webhookExample } from './webhook-examples.js';

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

const RELEASE = 'releases/summarizer-prompt.yaml';

test('a rollback in Actions restores the champion on the flag branch and opens a labelled revert pull request for the release owner, without a checkout', async () => {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const before = repo.git('rev-parse', 'HEAD');
  const original = readFileSync(join(repo.dir, RELEASE), 'utf8');
  writeFileSync(join(repo.dir, RELEASE), original.replace(/(challenger:[\s\S]*?temperature: )0/, '$10.1'));
  const merge = repo.commit({}, 'summarizer: warmer challenger');
  const push = webhookExample('push');
  Object.assign(push, { ref: 'refs/heads/main', before, after: merge });
  (push['repository'] as Record<string, unknown>)['default_branch'] = 'main';
  const fake = createGitHubFake();
  fake.git.commit('main', { [RELEASE]: readFileSync(join(repo.dir, RELEASE), 'utf8') });
  const octokit = { fetch: fake.fetch, throttle: false, retry: false };
  const env = { GITHUB_ACTIONS: 'true', GITHUB_REF_NAME: 'main' };
  const started = await runAction(repo.dir, { context: contextFor('push', push, merge), octokit }, env);
  assert.equal(started.exitCode, undefined, started.stdout);

  const dispatch = webhookExample('workflow_dispatch');
  dispatch['inputs'] = { command: 'rollback', release: 'summarizer-prompt', reason: 'latency regression seen by on-call' };
  const rolledBack = await runAction(repo.dir, { context: contextFor('workflow_dispatch', dispatch), octokit }, env);
  assert.equal(rolledBack.exitCode, undefined, rolledBack.stdout);

  const flags = JSON.parse(fake.git.files('glidepath/flags').get('flags/glidepath.flagd.json') ?? '{}') as { flags?: Record<string, { metadata?: { weight?: number } }> };
  assert.equal(flags.flags?.['ticket-summarizer']?.metadata?.weight, 0, 'traffic is back on the champion');
  assert.equal(fake.git.pulls.length, 1);
  const pull = fake.git.pulls[0]!;
  assert.match(pull.head, /^glidepath\/revert\/summarizer-prompt-/);
  assert.deepEqual(pull.labels, ['glidepath', 'rollback']);
  assert.deepEqual(pull.teamReviewers, ['support-tools'], 'the release owner @acme/support-tools is asked to review');
  assert.equal(pull.draft, false, 'the file is as the merge left it: a plain revert');
  assert.match(pull.body ?? '', /latency regression seen by on-call/);
  assert.equal(fake.git.files(pull.head).get(RELEASE), original, 'the revert restores the release as it was before the merge');
  fake.assertClean();
});
