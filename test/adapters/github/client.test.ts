import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { GitHubError, permissionFor } from '../../../src/adapters/github/github-error.js';
import { createGitHubReviewChannel } from '../../../src/adapters/github/review-channel.js';
import { createGitHubFake } from '../../support/github-fake.js';

const TOKEN = 'ghs_0123456789abcdefSECRET';

function setup() {
  const fake = createGitHubFake();
  const octokit = createOctokit(TOKEN, { fetch: fake.fetch, throttle: false, retry: false });
  return { fake, octokit, channel: createGitHubReviewChannel(octokit, { owner: 'o', repo: 'r' }) };
}

async function failure(promise: Promise<unknown>): Promise<GitHubError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected a GitHubError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

test('requests carry the token in the authorization header only', async () => {
  const { fake, channel } = setup();
  await channel.upsertComment(1, '<!-- m -->', 'body');
  assert.ok(fake.requests.every((r) => r.headers['authorization'] === `token ${TOKEN}`));
  assert.ok(fake.requests.every((r) => !r.path.includes(TOKEN) && !JSON.stringify(r.query).includes(TOKEN)));
});

test('a 403 "Resource not accessible by integration" names the permissions entry to add', async () => {
  const { fake, channel } = setup();
  fake.failNext('checks/create', 403, 'Resource not accessible by integration');
  const error = await failure(channel.publishCheck({ name: 'Glidepath / plan', headSha: 'abc', conclusion: 'success', title: 't', summary: 's', annotations: [] }));
  assert.equal(error.status, 403);
  assert.equal(error.permission, 'checks: write');
  assert.equal(error.route, 'POST /repos/{owner}/{repo}/check-runs');
  assert.match(error.message, /permissions:\n {6}checks: write/);
  assert.match(error.message, /forks/);
  assert.ok(!error.message.includes(TOKEN));
});

test('a refused comment names pull-requests: write', async () => {
  const { fake, channel } = setup();
  fake.failNext('issues/create-comment', 403, 'Resource not accessible by integration');
  const error = await failure(channel.upsertComment(5, '<!-- m -->', 'b'));
  assert.equal(error.permission, 'pull-requests: write');
});

test('a 404 says the resource is missing or invisible to the token', async () => {
  const { fake, channel } = setup();
  fake.failNext('issues/list-comments', 404, 'Not Found');
  const error = await failure(channel.upsertComment(5, '<!-- m -->', 'b'));
  assert.equal(error.status, 404);
  assert.match(error.message, /does not exist, or the token cannot see it/);
});

test('a 422 carries the API’s own message', async () => {
  const { fake, channel } = setup();
  fake.failNext('checks/create', 422, 'No commit found for SHA: abc');
  const error = await failure(channel.publishCheck({ name: 'n', headSha: 'abc', conclusion: 'success', title: 't', summary: 's', annotations: [] }));
  assert.match(error.message, /422\): No commit found for SHA: abc/);
});

test('a 401 points at the github-token input, and an API message quoting the token is redacted', async () => {
  const { fake, channel } = setup();
  fake.failNext('issues/list-comments', 401, `Bad credentials for ${TOKEN}`);
  const error = await failure(channel.upsertComment(5, '<!-- m -->', 'b'));
  assert.match(error.message, /github-token/);
  assert.ok(!error.message.includes(TOKEN));
  assert.match(error.message, /\*\*\*/);
});

test('an exhausted rate limit says when it resets', async () => {
  const { fake, channel } = setup();
  fake.failNext('issues/list-comments', 403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' });
  const error = await failure(channel.upsertComment(5, '<!-- m -->', 'b'));
  assert.match(error.message, /rate limit .* used up.*2023-11-14T22:13:20\.000Z/s);
});

test('an error on a later page of a paginated list is wrapped once', async () => {
  const { fake, channel } = setup();
  for (let i = 0; i < 120; i += 1) fake.addComment(5, `c${i}`);
  let calls = 0;
  fake.handle('issues/list-comments', (request) => {
    calls += 1;
    if (calls === 2) return { status: 502, body: { message: 'Server Error' } };
    return { status: 200, body: [], headers: { link: `<https://api.github.com${request.path}?per_page=100&page=2>; rel="next"` } };
  });
  const error = await failure(channel.upsertComment(5, '<!-- m -->', 'b'));
  assert.equal(error.status, 502);
  assert.ok(!(error.cause instanceof GitHubError), 'the cause is octokit’s error, not a second wrapping');
});

test('permissions are read for reads and write for writes', () => {
  assert.equal(permissionFor('GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs'), 'checks: read');
  assert.equal(permissionFor('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'), 'pull-requests: write');
  assert.equal(permissionFor('POST', '/repos/{owner}/{repo}/git/refs'), 'contents: write');
  assert.equal(permissionFor('GET', '/user'), undefined);
});

test('with retries on, a 502 is retried and the call succeeds', async () => {
  const fake = createGitHubFake();
  const octokit = createOctokit(TOKEN, { fetch: fake.fetch, throttle: false, delayScaleMs: 0 });
  fake.failNext('issues/list-comments', 502, 'Server Error');
  const channel = createGitHubReviewChannel(octokit, { owner: 'o', repo: 'r' });
  assert.equal(await channel.upsertComment(5, '<!-- m -->', 'b'), 'created');
  assert.deepEqual(fake.requests.map((r) => r.status), [502, 200, 201]);
  fake.assertClean();
});

test('a secondary rate limit is waited out a bounded number of times, with a warning each time', async () => {
  const fake = createGitHubFake();
  const warnings: string[] = [];
  const logger = { info: () => {}, debug: () => {}, warn: (m: string) => warnings.push(m) };
  const octokit = createOctokit(TOKEN, { fetch: fake.fetch, retry: false, delayScaleMs: 0, rateLimitRetries: 2, logger });
  for (let i = 0; i < 3; i += 1) fake.failNext('issues/list-comments', 403, 'You have exceeded a secondary rate limit', { 'retry-after': '1' });
  const error = await failure(createGitHubReviewChannel(octokit, { owner: 'o', repo: 'r' }).upsertComment(5, '<!-- m -->', 'b'));
  assert.equal(error.status, 403);
  assert.equal(fake.requests.length, 3, 'the first attempt and two retries');
  assert.deepEqual(warnings.map((w) => /attempt \d of 2|giving up/.exec(w)?.[0]), ['attempt 1 of 2', 'attempt 2 of 2', 'giving up']);
});
