import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalGitScm } from '../../../src/adapters/scm/local-git.js';
import { createStateStore } from '../../../src/engine/state-store.js';
import { sha256 } from '../../../src/adapters/crypto.js';
import { createTempGitRepo, type TempGitRepo } from '../../support/temp-git-repo.js';

const repos: TempGitRepo[] = [];
function repo(files: Record<string, string> = { 'README.md': 'hello\n' }): TempGitRepo {
  const r = createTempGitRepo(files);
  repos.push(r);
  return r;
}
after(() => repos.forEach((r) => r.cleanup()));

test('parentOf of a merge commit is its first parent, the branch the merge was made on', async () => {
  const r = repo({ 'releases/a.yaml': 'a\n' });
  const initial = r.git('rev-parse', 'HEAD');
  r.git('checkout', '-q', '-b', 'feature');
  const side = r.commit({ 'releases/a.yaml': 'b\n' }, 'feature');
  r.git('checkout', '-q', 'main');
  const mainLine = r.commit({ 'README.md': 'moved on\n' }, 'main moves on');
  r.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
  const merge = r.git('rev-parse', 'HEAD');
  const { revisions } = createLocalGitScm(r.dir);
  assert.equal(await revisions.parentOf(merge), mainLine);
  assert.notEqual(await revisions.parentOf(merge), side);
  assert.equal(await revisions.parentOf(mainLine), initial);
});

test('parentOf of a root commit is undefined, and of a commit the repository lacks is an error naming it', async () => {
  const r = repo();
  const { revisions } = createLocalGitScm(r.dir);
  assert.equal(await revisions.parentOf(r.git('rev-parse', 'HEAD')), undefined);
  await assert.rejects(revisions.parentOf('1'.repeat(40)), /'1{40}' is not a commit/);
});

test('a missing state branch is head() null, and reads through the state store find nothing rather than an error', async () => {
  const r = repo();
  const branch = createLocalGitScm(r.dir).branch('glidepath/state');
  assert.equal(branch.name, 'glidepath/state');
  assert.equal(await branch.head(), null);
  const store = createStateStore(branch, { sha256 });
  assert.equal(await store.readState('a'), undefined);
  assert.equal(await store.readAuditHead('a'), undefined);
  const committed = await branch.commit({ expectedHead: null, files: [{ path: 'states/x.json', content: '{}' }], message: 'create' });
  assert.equal(await branch.head(), committed.status === 'committed' ? committed.sha : assert.fail('commit'));
});

test('a local change request is a branch found by its name, and no commit has a pull request', async () => {
  const r = repo();
  const { changeRequests } = createLocalGitScm(r.dir);
  const request = { branch: 'glidepath/revert/x', base: 'main', title: 'Revert x', body: 'b', files: [{ path: 'x', content: 'x\n' }] };
  assert.equal((await changeRequests.findOrCreate(request)).created, true);
  assert.equal((await changeRequests.findOrCreate(request)).created, false);
  assert.equal(await changeRequests.forCommit(r.git('rev-parse', 'HEAD')), undefined);
});
