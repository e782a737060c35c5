import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { scopeScmRoles } from '../../src/engine/scoped-scm.js';
import { createTempGitRepo } from '../support/temp-git-repo.js';

const repo = createTempGitRepo({ 'README.md': 'app\n', 'ai/glidepath.yaml': 'a: 1\n', 'ai/releases/x.yaml': 'x: 1\n' });
after(() => repo.cleanup());

test('a scoped Scm takes and answers paths relative to its folder, and leaves files outside it unseen', async () => {
  const base = repo.git('rev-parse', 'HEAD');
  repo.commit({ 'README.md': 'app v2\n', 'ai/releases/x.yaml': 'x: 2\n' }, 'change both');
  const scm = scopeScmRoles(createLocalGitScm(repo.dir), 'ai');
  const head = (await scm.revisions.resolve('HEAD'))!;
  assert.deepEqual(await scm.revisions.changedFiles(base, head), ['releases/x.yaml']);
  assert.equal(await scm.revisions.readFile(base, 'releases/x.yaml'), 'x: 1\n');
  assert.deepEqual(await scm.revisions.listFiles('HEAD', ''), ['glidepath.yaml', 'releases/x.yaml']);
  assert.deepEqual([...(await scm.revisions.readFiles('HEAD', ['glidepath.yaml', 'README.md'])).keys()], ['glidepath.yaml']);
  const opened = await scm.changeRequests.findOrCreate({ branch: 'revert/x', base: 'HEAD', title: 't', body: 'b', files: [{ path: 'releases/x.yaml', content: 'x: 1\n' }] });
  assert.equal(opened.created, true);
  assert.equal(repo.git('show', 'revert/x:ai/releases/x.yaml'), 'x: 1');
  assert.equal(repo.git('show', 'revert/x:README.md'), 'app v2');
});

test('a reader rooted at a sub-folder never returns paths outside it, not even for a path that climbs out with ..', async () => {
  const scm = scopeScmRoles(createLocalGitScm(repo.dir), 'ai');
  const head = (await scm.revisions.resolve('HEAD'))!;
  const first = repo.git('rev-list', '--max-parents=0', 'HEAD');
  const everything = [
    ...(await scm.revisions.listFiles(head, '')),
    ...(await scm.revisions.changedFiles(first, head)),
    ...(await scm.revisions.readFiles(head, ['glidepath.yaml', '../README.md', 'releases/../../README.md'])).keys(),
  ];
  assert.ok(everything.length > 0, 'the folder\'s own files are seen');
  for (const path of everything) assert.equal(path.startsWith('..') || path === 'README.md', false, path);
  assert.equal(await scm.revisions.readFile(head, '../README.md'), undefined);
  assert.deepEqual(await scm.revisions.listFiles(head, '..'), []);
  await assert.rejects(scm.changeRequests.findOrCreate({ branch: 'escape', base: 'HEAD', title: 't', body: 'b', files: [{ path: '../README.md', content: 'x' }] }), /outside it/);
});

test('the state branch is not scoped: its files sit at its own top whatever the root', async () => {
  const scm = scopeScmRoles(createLocalGitScm(repo.dir), 'ai');
  const state = scm.branch('glidepath/state-scoped');
  const committed = await state.commit({ expectedHead: null, files: [{ path: 'states/a.json', content: '{}\n' }], message: 'm' });
  assert.equal(committed.status, 'committed');
  assert.equal(repo.git('show', 'glidepath/state-scoped:states/a.json'), '{}');
  assert.deepEqual(await state.listFiles((await state.head())!, ''), ['states/a.json']);
});
