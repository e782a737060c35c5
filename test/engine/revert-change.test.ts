import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { planRevertChange, revertReview, swapChampionIn } from '../../src/engine/revert-change.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';

const V1 = `# the release
spec:
  champion:
    model: a
  challenger:
    model: a
`;
const V2 = V1.replace('challenger:\n    model: a', 'challenger:\n    model: b');

let repo: TempGitRepo;
afterEach(() => repo?.cleanup());

test('when the release file is still as the rollout\'s merge left it, the version before the merge is restored', async () => {
  repo = createTempGitRepo({ 'releases/r.yaml': V1 });
  const merge = repo.commit({ 'releases/r.yaml': V2 }, 'merge');
  const change = await planRevertChange(createLocalGitScm(repo.dir).revisions, { file: 'releases/r.yaml', baseRef: 'main', sourceCommit: merge });
  assert.equal(change.method, 'restored-previous-version');
  assert.deepEqual(change.files, [{ path: 'releases/r.yaml', content: V1 }]);
});

test('when the release file moved on since the merge, the champion is copied over the challenger in the current file', async () => {
  repo = createTempGitRepo({ 'releases/r.yaml': V1 });
  const merge = repo.commit({ 'releases/r.yaml': V2 }, 'merge');
  const later = V2.replace('# the release', '# the release, with a later edit');
  repo.commit({ 'releases/r.yaml': later }, 'later edit');
  const change = await planRevertChange(createLocalGitScm(repo.dir).revisions, { file: 'releases/r.yaml', baseRef: 'main', sourceCommit: merge });
  assert.equal(change.method, 'champion-swapped-in');
  assert.equal(change.files[0]?.content, later.replace('challenger:\n    model: b', 'challenger:\n    model: a'));
});

test('a release added by the merge itself gets the champion swapped in; a deleted one needs no change', async () => {
  repo = createTempGitRepo({ 'README.md': 'x' });
  const merge = repo.commit({ 'releases/r.yaml': V2 }, 'add release');
  const scm = createLocalGitScm(repo.dir).revisions;
  assert.equal((await planRevertChange(scm, { file: 'releases/r.yaml', baseRef: 'main', sourceCommit: merge })).method, 'champion-swapped-in');
  repo.commit({ 'releases/r.yaml': null }, 'delete');
  assert.deepEqual(await planRevertChange(scm, { file: 'releases/r.yaml', baseRef: 'main', sourceCommit: merge }), { files: [], method: 'nothing-to-change' });
});

test('swapping the champion in keeps comments and leaves a file without a champion alone', () => {
  assert.equal(swapChampionIn(V2), V1);
  assert.equal(swapChampionIn('spec: {}\n'), undefined);
  assert.equal(swapChampionIn('spec: [unclosed\n'), undefined);
});

test('a revert that restores the version before the merge is a ready pull request for the release owner', () => {
  const review = revertReview({ method: 'restored-previous-version', files: [] }, { owner: '@octocat', sourceCommit: 'a'.repeat(40) });
  assert.deepEqual(review, { draft: false, labels: ['glidepath', 'rollback'], reviewers: ['octocat'] });
});

test('a revert that had to swap the champion into a file edited since the merge is a draft naming what to check', () => {
  const review = revertReview({ method: 'champion-swapped-in', files: [] }, { owner: 'my-org/ml-platform', sourceCommit: 'abc123def4567890' });
  assert.equal(review.draft, true);
  assert.deepEqual(review.reviewers, ['my-org/ml-platform']);
  assert.match(review.note ?? '', /changed after the rollout's merge \(abc123def456\).*mark it ready for review/s);
});

test('an owner written as prose names nobody to request, and a swap without a known merge is no draft', () => {
  for (const owner of ['ML platform team', 'someone@example.com', '']) {
    assert.deepEqual(revertReview({ method: 'champion-swapped-in', files: [] }, { owner }).reviewers, [], owner);
  }
  assert.equal(revertReview({ method: 'champion-swapped-in', files: [] }, {}).draft, false);
});
