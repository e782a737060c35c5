import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGitHubFake } from '../../support/github-fake.js';
import { createTempGitRepo } from '../../support/temp-git-repo.js';

test('the fake GitHub names blobs and trees with the ids git gives them', (t) => {
  const files = { 'states/a.json': '{"release":"a"}\n', 'audit/a.jsonl': 'r1\n', 'audit/a.head.json': '{}\n', 'README.md': 'x', 'a-b/c.txt': 'sorts after a.txt', 'a.txt': 'y' };
  const repo = createTempGitRepo(files);
  t.after(() => repo.cleanup());
  const fake = createGitHubFake();
  const commit = fake.git.objects.get(fake.git.commit('main', files));
  assert.ok(commit?.type === 'commit');
  assert.equal(commit.tree, repo.git('rev-parse', 'HEAD^{tree}'));
  assert.equal(fake.git.head('main') !== undefined, true);
});

test('the fake GitHub refuses a non-forced ref update that is not a fast-forward, as GitHub does', async () => {
  const fake = createGitHubFake();
  const base = fake.git.commit('main', { 'a.txt': 'a' });
  const ahead = fake.git.commit('main', { 'a.txt': 'b' });
  fake.git.refs.set('refs/heads/main', base);
  fake.git.commit('main', { 'a.txt': 'c' });
  const response = await fake.fetch('https://api.github.com/repos/o/r/git/refs/heads/main', { method: 'PATCH', body: JSON.stringify({ sha: ahead, force: false }) });
  assert.equal(response.status, 422);
  assert.equal(((await response.json()) as { message: string }).message, 'Update is not a fast forward');
  const forced = await fake.fetch('https://api.github.com/repos/o/r/git/refs/heads/main', { method: 'PATCH', body: JSON.stringify({ sha: ahead, force: true }) });
  assert.equal(forced.status, 200);
  assert.equal(fake.git.head('main'), ahead);
  fake.assertClean();
});
