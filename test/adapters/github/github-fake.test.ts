import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGitHubFake } from '../../support/github-fake.js';

const API = 'https://api.github.com';

async function call(fake: ReturnType<typeof createGitHubFake>, method: string, path: string, body?: unknown): Promise<Response> {
  return fake.fetch(`${API}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

test('a check run whose annotation lacks annotation_level is rejected with 422 and recorded as a violation', async () => {
  const fake = createGitHubFake();
  const response = await call(fake, 'POST', '/repos/o/r/check-runs', {
    name: 'Glidepath / plan', head_sha: 'abc', conclusion: 'success',
    output: { title: 't', summary: 's', annotations: [{ path: 'a.yaml', start_line: 1, end_line: 1, message: 'm' }] },
  });
  assert.equal(response.status, 422);
  assert.equal(fake.checkRuns.length, 0);
  assert.equal(fake.violations.length, 1);
  assert.match(fake.violations[0]!.message, /annotation_level/);
  assert.throws(() => fake.assertClean(), /annotation_level/);
});

test('more than 50 annotations in one request break the spec', async () => {
  const fake = createGitHubFake();
  const annotation = { path: 'a.yaml', start_line: 1, end_line: 1, annotation_level: 'warning', message: 'm' };
  await call(fake, 'POST', '/repos/o/r/check-runs', { name: 'n', head_sha: 'abc', output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) } });
  assert.match(fake.violations[0]?.message ?? '', /must NOT have more than 50 items/);
});

test('an unknown endpoint, an unknown query parameter and a misspelt body field are violations', async () => {
  const fake = createGitHubFake();
  assert.equal((await call(fake, 'GET', '/repos/o/r/check-runz')).status, 404);
  await call(fake, 'GET', '/repos/o/r/issues/1/comments?per_pag=100');
  await call(fake, 'PATCH', '/repos/o/r/issues/comments/1', { bodyy: 'x' });
  assert.deepEqual(fake.violations.map((v) => v.kind), ['unknown-endpoint', 'parameter', 'body']);
  assert.match(fake.violations[1]!.message, /unknown query parameter 'per_pag'/);
  assert.match(fake.violations[2]!.message, /must have required property 'body'|additional properties 'bodyy'/);
});

test('a path parameter of the wrong type is a violation', async () => {
  const fake = createGitHubFake();
  await call(fake, 'GET', '/repos/o/r/check-runs/not-a-number');
  assert.equal(fake.violations.length, 1);
  assert.match(fake.violations[0]!.message, /check_run_id must be integer/);
});

test('the method must be an operation of the path', async () => {
  const fake = createGitHubFake();
  await call(fake, 'DELETE', '/repos/o/r/check-runs');
  assert.match(fake.violations[0]?.message ?? '', /DELETE is not an operation on this path/);
});

test('a literal path segment wins over a parameter: /issues/comments/{id} is not /issues/{issue_number}', async () => {
  const fake = createGitHubFake();
  const created = fake.addComment(7, 'hello');
  const response = await call(fake, 'PATCH', `/repos/o/r/issues/comments/${created.id}`, { body: 'changed' });
  assert.equal(response.status, 200);
  assert.equal(fake.comments[0]?.body, 'changed');
  assert.deepEqual(fake.routes(), ['PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}']);
  fake.assertClean();
});

test('comments are paginated with GitHub Link headers', async () => {
  const fake = createGitHubFake();
  for (let i = 0; i < 250; i += 1) fake.addComment(3, `comment ${i}`);
  const first = await call(fake, 'GET', '/repos/o/r/issues/3/comments?per_page=100');
  const link = first.headers.get('link') ?? '';
  assert.match(link, /<https:\/\/api\.github\.com\/repos\/o\/r\/issues\/3\/comments\?per_page=100&page=2>; rel="next"/);
  assert.match(link, /page=3>; rel="last"/);
  const last = await call(fake, 'GET', '/repos/o/r/issues/3/comments?per_page=100&page=3');
  assert.equal(((await last.json()) as unknown[]).length, 50);
  assert.doesNotMatch(last.headers.get('link') ?? '', /rel="next"/);
  fake.assertClean();
});

test('the fake answers with bodies that satisfy the spec’s response schemas', async () => {
  const fake = createGitHubFake();
  const created = await call(fake, 'POST', '/repos/o/r/check-runs', { name: 'n', head_sha: 'abc', conclusion: 'success', output: { title: 't', summary: 's' } });
  const run = await created.json() as { id: number; html_url: string; output: { annotations_count: number } };
  assert.equal(created.status, 201);
  assert.equal(run.output.annotations_count, 0);
  const listed = await call(fake, 'GET', '/repos/o/r/commits/abc/check-runs?check_name=n');
  assert.equal(((await listed.json()) as { total_count: number }).total_count, 1);
  fake.assertClean();
  assert.ok(fake.requests.every((r) => r.operationId !== undefined));
});

test('a ref with slashes reaches the multi-segment {ref} parameter', async () => {
  const fake = createGitHubFake();
  const response = await call(fake, 'GET', '/repos/o/r/commits/refs%2Fheads%2Fmain/check-runs');
  assert.equal(response.status, 200);
  assert.equal(fake.requests[0]?.params['ref'], 'refs/heads/main');
  fake.assertClean();
});

test('handle() rejects operation ids the spec does not have', () => {
  const fake = createGitHubFake();
  assert.throws(() => fake.handle('checks/explode', () => ({ status: 200 })), /not an operation/);
});
