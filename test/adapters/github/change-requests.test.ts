import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGitHubChangeRequests } from '../../../src/adapters/github/change-requests.js';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { GitHubError } from '../../../src/adapters/github/github-error.js';
import type { Logger } from '../../../src/ports/logger.js';
import { createGitHubFake } from '../../support/github-fake.js';

const TOKEN = 'ghs_changeRequestsTOKEN987654321';
const REVERT = {
  branch: 'glidepath/revert-support-assistant',
  base: 'main',
  title: 'Revert support-assistant to its previous model',
  body: 'Rolled back: the error rate gate failed.',
  files: [{ path: 'releases/support-assistant.yaml', content: 'model: old\n' }],
};

function setup() {
  const fake = createGitHubFake();
  const main = fake.git.commit('main', { 'releases/support-assistant.yaml': 'model: new\n', 'README.md': 'hello\n' }, 'merge #7');
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const logger: Logger = { info: () => {}, debug: () => {}, warn: (m: string) => { warnings.push(m); } };
  const octokit = createOctokit(TOKEN, { fetch: fake.fetch, throttle: false, retry: false });
  const requests = createGitHubChangeRequests(octokit, { owner: 'o', repo: 'r' }, { logger, sleep: async (ms) => { sleeps.push(ms); } });
  return { fake, main, requests, sleeps, warnings };
}

test('findOrCreate twice opens one pull request, on a branch from the base head carrying the files', async () => {
  const { fake, main, requests } = setup();
  const first = await requests.findOrCreate(REVERT);
  const second = await requests.findOrCreate(REVERT);
  assert.deepEqual(first, { branch: REVERT.branch, url: 'https://github.com/o/r/pull/1', number: 1, created: true });
  assert.deepEqual(second, { ...first, created: false });
  assert.equal(fake.git.pulls.length, 1);
  const pull = fake.git.pulls[0]!;
  assert.equal(pull.title, REVERT.title);
  assert.equal(pull.body, REVERT.body);
  assert.equal(pull.base, 'main');
  assert.equal(pull.draft, false);
  assert.deepEqual(Object.fromEntries(fake.git.files(REVERT.branch)), { 'releases/support-assistant.yaml': 'model: old\n', 'README.md': 'hello\n' });
  const commit = fake.git.objects.get(fake.git.head(REVERT.branch)!);
  assert.ok(commit?.type === 'commit');
  assert.deepEqual(commit.parents, [main]);
  assert.equal(fake.git.head('main'), main, 'the base branch is untouched');
  assert.ok(fake.requests.some((r) => r.operationId === 'pulls/list' && r.query['head'] === `o:${REVERT.branch}` && r.query['state'] === 'open'));
  fake.assertClean();
});

test('a revert pull request is opened as a draft with its labels and reviewers', async () => {
  const { fake, requests } = setup();
  const result = await requests.findOrCreate({ ...REVERT, draft: true, labels: ['glidepath', 'rollback', 'glidepath'], reviewers: ['@alice', 'bob', 'acme/ml-platform'] });
  assert.equal(result.created, true);
  const pull = fake.git.pulls[0]!;
  assert.equal(pull.draft, true);
  assert.deepEqual(pull.labels, ['glidepath', 'rollback']);
  assert.deepEqual(pull.reviewers, ['alice', 'bob']);
  assert.deepEqual(pull.teamReviewers, ['ml-platform']);
  fake.assertClean();
});

test('the node-resolution race right after creating a pull request is retried with backoff', async () => {
  const { fake, requests, sleeps } = setup();
  const race = 'Could not resolve to a node with the global id of \'PR_kwDOAbc\'';
  fake.failNext('issues/add-labels', 422, race);
  fake.failNext('issues/add-labels', 422, race);
  fake.failNext('pulls/request-reviewers', 422, race);
  const result = await requests.findOrCreate({ ...REVERT, labels: ['rollback'], reviewers: ['alice'] });
  assert.equal(result.created, true);
  assert.deepEqual(fake.git.pulls[0]!.labels, ['rollback']);
  assert.deepEqual(fake.git.pulls[0]!.reviewers, ['alice']);
  assert.deepEqual(sleeps, [1000, 2000, 1000]);
  fake.assertClean();
});

test('the node-resolution race that does not clear fails after three retries', async () => {
  const { fake, requests, sleeps } = setup();
  for (let i = 0; i < 4; i += 1) fake.failNext('issues/add-labels', 422, 'Could not resolve to a node with the global id of \'x\'');
  await assert.rejects(requests.findOrCreate({ ...REVERT, labels: ['rollback'] }), (e: unknown) => e instanceof GitHubError && /Could not resolve to a node/.test(e.message));
  assert.deepEqual(sleeps, [1000, 2000, 4000]);
  fake.assertClean();
});

test('a reviewer GitHub refuses leaves the pull request open with a warning', async () => {
  const { fake, requests, sleeps, warnings } = setup();
  fake.failNext('pulls/request-reviewers', 422, 'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the o/r repository.');
  const result = await requests.findOrCreate({ ...REVERT, reviewers: ['stranger'] });
  assert.equal(result.created, true);
  assert.deepEqual(sleeps, [], 'a validation error is not a race');
  assert.match(warnings.join('\n'), /#1 is open, but GitHub refused its reviewers \(stranger\).*collaborators/);
  fake.assertClean();
});

test('a branch left without an open pull request is moved to a fresh commit and gets one', async () => {
  const { fake, main, requests } = setup();
  fake.git.commit(REVERT.branch, { 'stale.txt': 'from a run that died' });
  const result = await requests.findOrCreate(REVERT);
  assert.equal(result.created, true);
  assert.deepEqual(Object.fromEntries(fake.git.files(REVERT.branch)), { 'releases/support-assistant.yaml': 'model: old\n', 'README.md': 'hello\n' });
  const commit = fake.git.objects.get(fake.git.head(REVERT.branch)!);
  assert.ok(commit?.type === 'commit');
  assert.deepEqual(commit.parents, [main]);
  fake.assertClean();
});

test('a change request can delete files, and deleting a file the base lacks is skipped', async () => {
  const { fake, requests } = setup();
  await requests.findOrCreate({ ...REVERT, files: [{ path: 'README.md', content: null }, { path: 'absent.md', content: null }, { path: 'releases/support-assistant.yaml', content: 'model: old\n' }] });
  assert.deepEqual(Object.fromEntries(fake.git.files(REVERT.branch)), { 'releases/support-assistant.yaml': 'model: old\n' });
  fake.assertClean();
});

test('a pull request another runner opened between the look and the create is found, not duplicated', async () => {
  const { fake } = setup();
  // The other runner pushes the branch and opens the pull request just before our create reaches GitHub.
  const racing: typeof fetch = async (input, init) => {
    if (init?.method === 'POST' && String(input).endsWith('/repos/o/r/pulls') && fake.git.pulls.length === 0) {
      fake.git.addPull({ head: REVERT.branch, base: 'main', title: 'theirs' });
    }
    return fake.fetch(input, init);
  };
  const requests = createGitHubChangeRequests(createOctokit(TOKEN, { fetch: racing, throttle: false, retry: false }), { owner: 'o', repo: 'r' });
  const result = await requests.findOrCreate(REVERT);
  assert.deepEqual(result, { branch: REVERT.branch, url: 'https://github.com/o/r/pull/1', number: 1, created: false });
  assert.equal(fake.git.pulls.length, 1);
  assert.ok(fake.requests.some((r) => r.operationId === 'pulls/create' && r.status === 422));
  fake.assertClean();
});

test('forCommit finds the merged pull request of a merge commit, and nothing for a direct push', async () => {
  const { fake, main, requests } = setup();
  fake.git.addPull({ head: 'feature/other', base: 'main', state: 'closed', mergedAt: '2024-01-01T00:00:00Z', mergeCommitSha: 'f'.repeat(40) });
  fake.git.addPull({ head: 'feature/model', base: 'main', state: 'closed', mergedAt: '2024-01-02T00:00:00Z', mergeCommitSha: main, title: 'New model' });
  assert.deepEqual(await requests.forCommit(main), { number: 2, url: 'https://github.com/o/r/pull/2', branch: 'feature/model' });
  assert.equal(await requests.forCommit('e'.repeat(40)), undefined);
  fake.assertClean();
});

test('forCommit finds the open pull request a commit is the head of', async () => {
  const { fake, requests } = setup();
  const head = fake.git.commit('feature/x', { 'a.txt': 'a' });
  fake.git.addPull({ head: 'feature/x', base: 'main', headSha: head });
  assert.deepEqual(await requests.forCommit(head), { number: 1, url: 'https://github.com/o/r/pull/1', branch: 'feature/x' });
  fake.assertClean();
});

test('a pull request refused to a read-only token names pull-requests: write, without the token', async () => {
  const { fake, requests } = setup();
  fake.failNext('pulls/create', 403, 'Resource not accessible by integration');
  const error = await requests.findOrCreate(REVERT).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GitHubError, String(error));
  assert.equal(error.permission, 'pull-requests: write');
  assert.match(error.message, /permissions:\n {6}pull-requests: write/);
  assert.ok(!error.message.includes(TOKEN));
  fake.assertClean();
});

test('a revert branch refused to a read-only token names contents: write', async () => {
  const { fake, requests } = setup();
  fake.failNext('git/create-tree', 403, 'Resource not accessible by integration');
  const error = await requests.findOrCreate(REVERT).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GitHubError, String(error));
  assert.equal(error.permission, 'contents: write');
  assert.equal(fake.git.pulls.length, 0);
  fake.assertClean();
});
