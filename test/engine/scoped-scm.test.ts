import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { scopeScm } from '../../src/engine/scoped-scm.js';
import { createTempGitRepo } from '../support/temp-git-repo.js';

const repo = createTempGitRepo({ 'README.md': 'app\n', 'ai/glidepath.yaml': 'a: 1\n', 'ai/releases/x.yaml': 'x: 1\n' });
after(() => repo.cleanup());

test('a scoped Scm takes and answers paths relative to its folder, and leaves files outside it unseen', async () => {
  const base = repo.git('rev-parse', 'HEAD');
  repo.commit({ 'README.md': 'app v2\n', 'ai/releases/x.yaml': 'x: 2\n' }, 'change both');
  const scm = scopeScm(createLocalGitScm(repo.dir), 'ai');
  assert.deepEqual(await scm.changedFiles(base, 'HEAD'), ['releases/x.yaml']);
  assert.equal(await scm.readFile(base, 'releases/x.yaml'), 'x: 1\n');
  assert.deepEqual(await scm.listFiles('HEAD', ''), ['glidepath.yaml', 'releases/x.yaml']);
  assert.deepEqual([...(await scm.readFiles('HEAD', ['glidepath.yaml', 'README.md'])).keys()], ['glidepath.yaml']);
  const opened = await scm.openChangeRequest({ branch: 'revert/x', base: 'HEAD', title: 't', body: 'b', files: [{ path: 'releases/x.yaml', content: 'x: 1\n' }] });
  assert.equal(opened.created, true);
  assert.equal(repo.git('show', 'revert/x:ai/releases/x.yaml'), 'x: 1');
  assert.equal(repo.git('show', 'revert/x:README.md'), 'app v2');
});
