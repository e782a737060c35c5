import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { GitHubError } from '../../../src/adapters/github/github-error.js';
import { createGitHubIssueTracker } from '../../../src/adapters/github/issue-tracker.js';
import { createGitHubFake } from '../../support/github-fake.js';

const MARKER = '<!-- glidepath:dashboard -->';

function setup() {
  const fake = createGitHubFake();
  const warnings: string[] = [];
  const octokit = createOctokit('ghs_secret-token', { fetch: fake.fetch, throttle: false, retry: false });
  const tracker = createGitHubIssueTracker(octokit, { owner: 'Codertocat', repo: 'Hello-World' }, { info: () => {}, debug: () => {}, warn: (m) => { warnings.push(m); } });
  return { fake, tracker, warnings };
}

test('an issue is found again by its label and marker beyond the first page, and closed ones only when asked for', async () => {
  const { fake, tracker } = setup();
  for (let i = 0; i < 120; i += 1) await tracker.create({ title: `noise ${i}`, body: `other ${i}`, labels: ['glidepath'] });
  const dashboard = await tracker.create({ title: 'Glidepath rollouts dashboard', body: `${MARKER}\nbody`, labels: ['glidepath'] });
  await tracker.create({ title: 'unlabelled copy', body: `${MARKER}\nbody`, labels: [] });
  fake.issues.issues.slice(0, 1).forEach((i) => { i.body = `${MARKER}\nold and closed`; i.state = 'closed'; });
  const found = await tracker.findByMarker(MARKER, 'glidepath');
  assert.equal(found?.number, dashboard.number);
  assert.equal(found?.url, `https://github.com/Codertocat/Hello-World/issues/${dashboard.number}`);
  assert.equal((await tracker.findByMarker('<!-- glidepath:retrospective:x -->', 'glidepath', 'all')), undefined);
  const closed = await tracker.findByMarker('old and closed', 'glidepath', 'all');
  assert.equal(closed?.state, 'closed');
  assert.equal(await tracker.findByMarker('old and closed', 'glidepath'), undefined);
  assert.ok(fake.routes().filter((r) => r === 'GET /repos/{owner}/{repo}/issues').length >= 4, 'closed issues sit past the first page: every page is read');
  fake.assertClean();
});

test('an issue is updated in place', async () => {
  const { fake, tracker } = setup();
  const created = await tracker.create({ title: 't', body: `${MARKER}\nv1`, labels: ['glidepath'] });
  const updated = await tracker.update(created.number, { title: 't2', body: `${MARKER}\nv2` });
  assert.equal(updated.number, created.number);
  assert.equal(fake.issues.issues.length, 1);
  assert.equal(fake.issues.issues[0]?.body, `${MARKER}\nv2`);
  assert.equal(fake.issues.issues[0]?.title, 't2');
  fake.assertClean();
});

test('an owner GitHub will not assign still gets the issue, unassigned, with a warning naming them', async () => {
  const { fake, tracker, warnings } = setup();
  const issue = await tracker.create({ title: 'Retrospective', body: 'b', labels: ['glidepath', 'glidepath:retrospective'], assignees: ['not-a-collaborator'] });
  assert.equal(fake.issues.issues.length, 1);
  assert.deepEqual(fake.issues.issues[0]?.assignees, []);
  assert.deepEqual(fake.issues.issues[0]?.labels, ['glidepath', 'glidepath:retrospective']);
  assert.equal(issue.state, 'open');
  assert.match(warnings.join('\n'), /GitHub refused to assign not-a-collaborator to the issue "Retrospective"/);
  const assigned = await tracker.create({ title: 'Retrospective 2', body: 'b', labels: ['glidepath'], assignees: ['octocat'] });
  assert.deepEqual(fake.issues.issues.find((i) => i.number === assigned.number)?.assignees, ['octocat']);
  fake.assertClean();
});

test('a token without issues: write is told which permission to add', async () => {
  const { fake, tracker } = setup();
  fake.failNext('issues/create', 403, 'Resource not accessible by integration');
  const error = await tracker.create({ title: 't', body: 'b', labels: ['glidepath'] }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof GitHubError);
  assert.match(error.message, /issues: write/);
});
