import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { createGitHubReviewChannel } from '../../../src/adapters/github/review-channel.js';
import type { CheckRunReport } from '../../../src/ports/review.js';
import { createGitHubFake, type GitHubFake } from '../../support/github-fake.js';
import type { Annotation } from '../../../src/core/report/annotation.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const MARKER = '<!-- glidepath:plan -->';

function setup(): { fake: GitHubFake; channel: ReturnType<typeof createGitHubReviewChannel> } {
  const fake = createGitHubFake();
  const octokit = createOctokit('ghs_secret-token', { fetch: fake.fetch, throttle: false, retry: false });
  return { fake, channel: createGitHubReviewChannel(octokit, { owner: 'Codertocat', repo: 'Hello-World' }) };
}

function annotations(count: number): Annotation[] {
  return Array.from({ length: count }, (_, i) => ({ path: 'policies/p.yaml', startLine: i + 1, endLine: i + 1, startColumn: 3, endColumn: 9, level: 'warning' as const, message: `finding ${i}` }));
}

function report(extra: Partial<CheckRunReport> = {}): CheckRunReport {
  return { name: 'Glidepath / plan', headSha: SHA, conclusion: 'neutral', title: '1 release changes', summary: '### Glidepath plan', annotations: [], ...extra };
}

test('a first check run is created on the head sha and its URL returned', async () => {
  const { fake, channel } = setup();
  const result = await channel.publishCheck(report({ annotations: annotations(2) }));
  assert.deepEqual(fake.routes(), ['GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 'POST /repos/{owner}/{repo}/check-runs']);
  assert.equal(fake.checkRuns.length, 1);
  const run = fake.checkRuns[0]!;
  assert.deepEqual([run.name, run.head_sha, run.status, run.conclusion], ['Glidepath / plan', SHA, 'completed', 'neutral']);
  assert.equal(run.annotations.length, 2);
  assert.equal(result.url, `https://github.com/Codertocat/Hello-World/runs/${run.id}`);
  fake.assertClean();
});

test('120 annotations go out 50 per request: a create with 50, then updates with 50 and 20', async () => {
  const { fake, channel } = setup();
  await channel.publishCheck(report({ annotations: annotations(120) }));
  const writes = fake.requests.filter((r) => r.method !== 'GET');
  assert.deepEqual(writes.map((r) => [r.method, ((r.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length]), [['POST', 50], ['PATCH', 50], ['PATCH', 20]]);
  assert.equal(fake.checkRuns.length, 1);
  assert.deepEqual(fake.checkRuns[0]!.annotations.map((a) => a.message), annotations(120).map((a) => a.message));
  fake.assertClean();
});

test('a rerun updates the run of the same name on the same commit instead of adding another', async () => {
  const { fake, channel } = setup();
  const earlier = fake.addCheckRun({ name: 'Glidepath / plan', head_sha: SHA, conclusion: 'success' });
  fake.addCheckRun({ name: 'Glidepath / validate', head_sha: SHA });
  await channel.publishCheck(report({ conclusion: 'neutral', title: 'updated' }));
  assert.deepEqual(fake.routes(), ['GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}']);
  assert.equal(fake.checkRuns.length, 2);
  assert.deepEqual([earlier.conclusion, earlier.output.title], ['neutral', 'updated']);
  fake.assertClean();
});

test('a previous run with annotations is superseded by a new run, since annotations cannot be removed', async () => {
  const { fake, channel } = setup();
  await channel.publishCheck(report({ annotations: annotations(3) }));
  await channel.publishCheck(report({ annotations: annotations(1) }));
  assert.equal(fake.checkRuns.length, 2);
  assert.deepEqual(fake.checkRuns.map((r) => r.annotations.length), [3, 1]);
  fake.assertClean();
});

test('a summary beyond 65,535 characters is cut with a note', async () => {
  const { fake, channel } = setup();
  const long = `${'line of the plan\n'.repeat(5000)}`;
  await channel.publishCheck(report({ summary: long, text: long }));
  const run = fake.checkRuns[0]!;
  assert.ok((run.output.summary ?? '').length <= 65_535);
  assert.match(run.output.summary ?? '', /Cut at GitHub's 65,535-character limit/);
  assert.ok((run.output.text ?? '').length <= 65_535);
  fake.assertClean();
});

test('annotations spanning several lines drop their columns, as the API requires', async () => {
  const { fake, channel } = setup();
  await channel.publishCheck(report({ annotations: [{ path: 'a.yaml', startLine: 2, endLine: 4, startColumn: 1, endColumn: 5, level: 'failure', message: 'm', title: 't' }] }));
  const [annotation] = fake.checkRuns[0]!.annotations;
  assert.deepEqual(annotation, { path: 'a.yaml', start_line: 2, end_line: 4, annotation_level: 'failure', message: 'm', title: 't' });
  fake.assertClean();
});

test('the sticky comment is found beyond the first 100 comments and updated in place', async () => {
  const { fake, channel } = setup();
  for (let i = 0; i < 130; i += 1) fake.addComment(2, `chatter ${i}`);
  const sticky = fake.addComment(2, `${MARKER}\nold plan`, 'github-actions[bot]');
  for (let i = 0; i < 20; i += 1) fake.addComment(2, `more chatter ${i}`);
  const outcome = await channel.upsertComment(2, MARKER, `${MARKER}\nnew plan`);
  assert.equal(outcome, 'updated');
  assert.equal(sticky.body, `${MARKER}\nnew plan`);
  assert.equal(fake.comments.length, 151, 'no second sticky comment');
  assert.deepEqual(fake.routes(), [
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  ]);
  fake.assertClean();
});

test('an identical body leaves the comment untouched', async () => {
  const { fake, channel } = setup();
  fake.addComment(2, `${MARKER}\nsame plan`, 'github-actions[bot]');
  const before = fake.comments[0]!.updated_at;
  assert.equal(await channel.upsertComment(2, MARKER, `${MARKER}\nsame plan`), 'unchanged');
  assert.ok(fake.requests.every((r) => r.method === 'GET'), 'no PATCH');
  assert.equal(fake.comments[0]!.updated_at, before);
  fake.assertClean();
});

test('without a sticky comment one is created, carrying the marker', async () => {
  const { fake, channel } = setup();
  fake.addComment(2, 'LGTM');
  assert.equal(await channel.upsertComment(2, MARKER, 'a plan without its marker'), 'created');
  assert.equal(fake.comments[1]!.body, `${MARKER}\na plan without its marker`);
  assert.equal(fake.comments[1]!.login, 'github-actions[bot]');
  assert.equal(await channel.upsertComment(2, MARKER, 'a plan without its marker'), 'unchanged');
  fake.assertClean();
});

test('a body beyond 65,536 characters is cut and points to the check run', async () => {
  const { fake, channel } = setup();
  await channel.upsertComment(2, MARKER, `${MARKER}\n${'a row of the plan\n'.repeat(5000)}`);
  const body = fake.comments[0]!.body;
  assert.ok(body.length <= 65_536);
  assert.ok(body.startsWith(MARKER));
  assert.match(body, /the check run and the job summary have the full report/);
  fake.assertClean();
});

test('a check run that already says the same is not written again, and one that says something else is updated', async () => {
  const { fake, channel } = setup();
  await channel.publishCheck(report({ text: 'details' }));
  const same = await channel.publishCheck(report({ text: 'details' }));
  assert.equal(same.outcome, 'unchanged');
  assert.deepEqual(fake.routes().filter((r) => !r.startsWith('GET ')), ['POST /repos/{owner}/{repo}/check-runs']);
  const changed = await channel.publishCheck(report({ text: 'details', conclusion: 'failure' }));
  assert.equal(changed.outcome, 'updated');
  assert.equal(fake.checkRuns[0]?.conclusion, 'failure');
  fake.assertClean();
});
