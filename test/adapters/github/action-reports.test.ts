import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { quickstartRepo } from '../../support/command-fixture.js';
import { createGitHubFake, type GitHubFake } from '../../support/github-fake.js';
import { runAction } from '../../support/run-action.js';
import { contextFor, webhookExample } from './webhook-examples.js';

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((f) => f()));

const RELEASE = 'summarizer-prompt';
const ENV = { GITHUB_ACTIONS: 'true', GITHUB_REF_NAME: 'main' };

/**
 * The quickstart on main (in the runner's clone and on the fake), then a pull request that warms
 * the summarizer's challenger and hands it to octocat, merged: the push payload of that merge.
 */
function mergedPullRequest() {
  const repo = quickstartRepo();
  cleanup.push(() => repo.cleanup());
  const fake = createGitHubFake();
  const before = repo.git('rev-parse', 'HEAD');
  const file = join(repo.dir, `releases/${RELEASE}.yaml`);
  const original = readFileSync(file, 'utf8');
  fake.git.commit('main', { [`releases/${RELEASE}.yaml`]: original }, 'quickstart');
  writeFileSync(file, original.replace(/(challenger:[\s\S]*?temperature: )0/, '$10.1').replace(/owner: .*/, 'owner: "@octocat"'));
  const merge = repo.commit({}, 'summarizer: warmer challenger (#1)');
  const pull = fake.git.addPull({ head: 'warmer-summarizer', base: 'main', state: 'closed', mergedAt: '2024-01-01T00:00:00Z', mergeCommitSha: merge });
  const payload = webhookExample('push');
  Object.assign(payload, { ref: 'refs/heads/main', before, after: merge });
  (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';
  return { repo, fake, payload, merge, pull };
}

const octokit = (fake: GitHubFake) => ({ fetch: fake.fetch, throttle: false, retry: false });

async function tick(dir: string, fake: GitHubFake) {
  const dispatch = webhookExample('workflow_dispatch');
  dispatch['inputs'] = { command: 'evaluate' };
  return runAction(dir, { context: contextFor('workflow_dispatch', dispatch), octokit: octokit(fake) }, ENV);
}

const REPORT_ROUTES = /check-runs|\/issues/;

test('a merge shows its rollout as a check run on the merge commit, a comment on the pull request that merged it and a line in the dashboard issue', async () => {
  const { repo, fake, payload, merge, pull } = mergedPullRequest();
  const result = await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  assert.equal(result.exitCode, undefined, result.stdout);

  const checks = fake.checkRuns.filter((c) => c.name === `glidepath/rollout ${RELEASE}`);
  assert.equal(checks.length, 1, fake.routes().join('\n'));
  assert.equal(checks[0]?.head_sha, merge);
  assert.equal(checks[0]?.conclusion, 'neutral');
  assert.match(checks[0]?.output.title ?? '', /summarizer-prompt: rolling out at canary-10 \(traffic 10%\)/);

  const comments = fake.comments.filter((c) => c.issueNumber === pull.number);
  assert.equal(comments.length, 1);
  assert.match(comments[0]?.body ?? '', /^<!-- glidepath:rollout:summarizer-prompt -->/);
  assert.match(comments[0]?.body ?? '', /\| Traffic \| traffic 10% \|/);

  assert.equal(fake.issues.issues.length, 1);
  const dashboard = fake.issues.issues[0]!;
  assert.equal(dashboard.title, 'Glidepath rollouts dashboard');
  assert.deepEqual(dashboard.labels, ['glidepath']);
  assert.match(dashboard.body ?? '', new RegExp(`\\| ${RELEASE} \\| progressing \\| 1\\. canary-10 \\| traffic 10% \\|[^\\n]*${merge}`));

  assert.match(result.summary, /\| summarizer-prompt \| \*\*advance\*\* \| progressing \| canary-10 \| traffic 10% \|/);
  assert.match(result.summary, /```mermaid\nxychart-beta\n {2}title "summarizer-prompt: challenger weight \(%\)"/);
  fake.assertClean();
});

test('a tick with nothing to change makes no reporting request, and reports already published are updated in place', async () => {
  const { repo, fake, payload, merge } = mergedPullRequest();
  await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  const first = await tick(repo.dir, fake);
  assert.equal(first.exitCode, undefined, first.stdout);
  const seen = fake.requests.length;
  const quiet = await tick(repo.dir, fake);
  assert.equal(quiet.exitCode, undefined, quiet.stdout);
  const routes = fake.routes().slice(seen);
  assert.deepEqual(routes.filter((r) => REPORT_ROUTES.test(r)), [], routes.join('\n'));
  assert.ok(routes.every((r) => r.startsWith('GET ')), routes.join('\n'));
  assert.equal(fake.checkRuns.length, 1);
  assert.equal(fake.comments.length, 1);
  assert.equal(fake.issues.issues.length, 1);
  fake.assertClean();
});

test('a rollback from an alert opens one retrospective issue for the release\'s owner with the revert pull request, and a second alert opens none', async () => {
  const { repo, fake, payload, merge } = mergedPullRequest();
  await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  const alert = () => {
    const dispatch = webhookExample('repository_dispatch');
    Object.assign(dispatch, { action: 'glidepath-alert', client_payload: { release: RELEASE, action: 'rollback', reason: 'error rate page from monitoring' } });
    return runAction(repo.dir, { context: contextFor('repository_dispatch', dispatch), octokit: octokit(fake) }, ENV);
  };
  const first = await alert();
  assert.match(first.stdout, /rollback/);
  await alert();

  const retrospectives = fake.issues.issues.filter((i) => i.labels.includes('glidepath:retrospective'));
  assert.equal(retrospectives.length, 1, fake.issues.issues.map((i) => i.title).join('\n'));
  const retrospective = retrospectives[0]!;
  assert.equal(retrospective.title, `Retrospective: ${RELEASE} rolled back at canary-10`);
  assert.deepEqual(retrospective.assignees, ['octocat']);
  const revert = fake.git.pulls.find((p) => p.head.startsWith(`glidepath/revert/${RELEASE}`));
  assert.ok(revert, 'the rollback opened its revert pull request');
  assert.match(retrospective.body ?? '', new RegExp(`\\| Revert pull request \\| https://github\\.com/[^/]+/[^/]+/pull/${revert.number} \\|`));
  assert.match(retrospective.body ?? '', /error rate page from monitoring/);

  const check = fake.checkRuns.find((c) => c.name === `glidepath/rollout ${RELEASE}`);
  assert.equal(check?.conclusion, 'failure');
  const dashboard = fake.issues.issues.find((i) => i.title === 'Glidepath rollouts dashboard');
  assert.match(dashboard?.body ?? '', /### Recently finished \(1\)[\s\S]*\| summarizer-prompt \| rolled-back \|/);
  fake.assertClean();
});

const ASSOCIATED_PULLS = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';

function dispatched(inputs: Record<string, string>) {
  const dispatch = webhookExample('workflow_dispatch');
  dispatch['inputs'] = inputs;
  return contextFor('workflow_dispatch', dispatch);
}

test('a merge records its pull request in the rollout state once, and the dashboard links it while later decisions ask GitHub for it no more', async () => {
  const { repo, fake, payload, merge, pull } = mergedPullRequest();
  await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  const state = JSON.parse(fake.git.files('glidepath/state').get(`states/${RELEASE}.json`) ?? '{}') as { pullRequest?: { number: number; url: string } };
  assert.equal(state.pullRequest?.number, pull.number);
  assert.match(state.pullRequest?.url ?? '', new RegExp(`^https://github\\.com/[^/]+/[^/]+/pull/${pull.number}$`));
  const dashboard = () => fake.issues.issues.find((i) => i.title === 'Glidepath rollouts dashboard')?.body ?? '';
  assert.ok(dashboard().includes(`[pull request](${state.pullRequest?.url}) · ${merge}`), dashboard());
  assert.equal(fake.routes().filter((r) => r === ASSOCIATED_PULLS).length, 1, 'asked once, at the start');

  const seen = fake.requests.length;
  const paused = await runAction(repo.dir, { context: dispatched({ command: 'pause', release: RELEASE, reason: 'checking a customer report', by: 'octocat' }), octokit: octokit(fake) }, ENV);
  assert.equal(paused.exitCode, undefined, paused.stdout);
  assert.deepEqual(fake.routes().slice(seen).filter((r) => r === ASSOCIATED_PULLS), [], 'the comment found its pull request in the state');
  assert.match(fake.comments.find((c) => c.issueNumber === pull.number)?.body ?? '', /\| Phase \| paused \|/);
  assert.ok(dashboard().includes(`[pull request](${state.pullRequest?.url})`));
  fake.assertClean();
});

test('a pause from a workflow dispatch updates the check run, the pull request comment and the dashboard', async () => {
  const { repo, fake, payload, merge, pull } = mergedPullRequest();
  await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  const result = await runAction(repo.dir, { context: dispatched({ command: 'pause', release: RELEASE, reason: 'checking a customer report', by: 'octocat' }), octokit: octokit(fake) }, ENV);
  assert.equal(result.exitCode, undefined, result.stdout);

  const check = fake.checkRuns.find((c) => c.name === `glidepath/rollout ${RELEASE}`);
  assert.match(check?.output.title ?? '', /summarizer-prompt: paused at canary-10/);
  assert.equal(fake.checkRuns.filter((c) => c.name === `glidepath/rollout ${RELEASE}`).length, 1, 'updated in place');
  const comments = fake.comments.filter((c) => c.issueNumber === pull.number);
  assert.equal(comments.length, 1);
  assert.match(comments[0]?.body ?? '', /\| Why \| octocat paused summarizer-prompt[^|]*checking a customer report \|/);
  const dashboard = fake.issues.issues.find((i) => i.title === 'Glidepath rollouts dashboard');
  assert.match(dashboard?.body ?? '', new RegExp(`\\| ${RELEASE} \\| paused \\|`));
  fake.assertClean();
});

test('a rollback fire drill from a workflow dispatch shows its record in the check run and the pull request comment', async () => {
  const { repo, fake, payload, merge, pull } = mergedPullRequest();
  await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  const result = await runAction(repo.dir, { context: dispatched({ command: 'drill', release: RELEASE, by: 'octocat' }), octokit: octokit(fake) }, ENV);
  assert.equal(result.exitCode, undefined, result.stdout);
  assert.match(result.stdout, /drill passed/);

  const check = fake.checkRuns.find((c) => c.name === `glidepath/rollout ${RELEASE}`);
  assert.match(check?.output.summary ?? '', /\| drill \| canary-10 \|[^\n]*drill passed/);
  assert.match(fake.comments.find((c) => c.issueNumber === pull.number)?.body ?? '', /\| drill \| canary-10 \|/);
  fake.assertClean();
});

test('a watch from a workflow dispatch publishes the decisions its ticks record', async () => {
  const { repo, fake, payload, merge, pull } = mergedPullRequest();
  await runAction(repo.dir, { context: contextFor('push', payload, merge), octokit: octokit(fake) }, ENV);
  const before = fake.comments.find((c) => c.issueNumber === pull.number)?.body ?? '';
  const seen = fake.requests.length;
  // One tick: the interval would end a one-second watch before a second.
  const result = await runAction(repo.dir, { context: dispatched({ command: 'watch', interval: '60', duration: '1s' }), octokit: octokit(fake) }, ENV);
  assert.equal(result.exitCode, undefined, result.stdout);
  assert.match(result.stdout, /watch ended after 1 tick/);

  const routes = fake.routes().slice(seen);
  assert.ok(routes.some((r) => r.startsWith('PATCH /repos/{owner}/{repo}/check-runs/')), routes.join('\n'));
  const after = fake.comments.find((c) => c.issueNumber === pull.number)?.body ?? '';
  assert.notEqual(after, before, 'the comment shows the tick\'s decision');
  fake.assertClean();
});
