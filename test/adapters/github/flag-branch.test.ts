import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOctokit } from '../../../src/adapters/github/client.js';
import { createGitHubStateBranch } from '../../../src/adapters/github/state-branch.js';
import { branchFlagFiles } from '../../../src/engine/branch-flag-files.js';
import { createGitHubFake, type GitHubFake } from '../../support/github-fake.js';

const REPO = { owner: 'o', repo: 'r' };
const BRANCH = 'glidepath/flags';
const FILE = 'flags/glidepath.flagd.json';

/** A runner of its own (its own caches), on the same GitHub. */
function runner(fake: GitHubFake) {
  return branchFlagFiles(createGitHubStateBranch(createOctokit('ghs_flagBranchTOKEN0123456789', { fetch: fake.fetch, throttle: false, retry: false }), REPO, BRANCH));
}

test('a flag file is read in one contents request, and once per run however many rollouts read it', async () => {
  const fake = createGitHubFake();
  fake.git.commit(BRANCH, { [FILE]: '{"flags":{}}\n', 'other.json': '{}' });
  const files = runner(fake);
  const before = fake.requests.length;
  for (let i = 0; i < 5; i += 1) {
    const read = await files.read([FILE]);
    assert.ok(read.ok);
    assert.equal(read.value.files.get(FILE), '{"flags":{}}\n');
  }
  assert.deepEqual(fake.routes().slice(before), ['GET /repos/{owner}/{repo}/contents/{path}']);
  fake.assertClean();
});

test('a write is refused only when its own flag file changed since the read: a change to another file of the branch is kept, not a conflict', async () => {
  const fake = createGitHubFake();
  fake.git.commit(BRANCH, { [FILE]: 'v1', 'other.json': 'a' });
  const files = runner(fake);
  const read = await files.read([FILE]);
  assert.ok(read.ok);
  fake.git.commit(BRANCH, { 'other.json': 'b' });
  const written = await files.write([{ path: FILE, content: 'v2' }], read.value.version, 'ours');
  assert.ok(written.ok && written.value.status === 'committed');
  assert.deepEqual([...fake.git.files(BRANCH)].sort(), [[FILE, 'v2'], ['other.json', 'b']]);

  const stale = await files.read([FILE]);
  assert.ok(stale.ok);
  const theirs = fake.git.commit(BRANCH, { [FILE]: 'v3 (theirs)' });
  const refused = await files.write([{ path: FILE, content: 'v3 (ours)' }], stale.value.version, 'ours');
  assert.deepEqual(refused, { ok: true, value: { status: 'conflict' } });
  assert.equal(fake.git.head(BRANCH), theirs, 'a conflict writes nothing');
  const again = await files.read([FILE]);
  assert.ok(again.ok);
  assert.equal(again.value.files.get(FILE), 'v3 (theirs)', 'a conflict forgets what the run had read');
  fake.assertClean();
});

test('a second write right after this runner\'s own flag commit costs only the commit: no ref or file read first', async () => {
  const fake = createGitHubFake();
  fake.git.commit(BRANCH, { [FILE]: 'v1' });
  const files = runner(fake);
  const read = await files.read([FILE]);
  assert.ok(read.ok);
  const first = await files.write([{ path: FILE, content: 'v2' }], read.value.version, 'one');
  assert.ok(first.ok && first.value.status === 'committed');
  const again = await files.read([FILE]);
  assert.ok(again.ok);
  assert.equal(again.value.files.get(FILE), 'v2');
  const before = fake.requests.length;
  const second = await files.write([{ path: FILE, content: 'v3' }], again.value.version, 'two');
  assert.ok(second.ok && second.value.status === 'committed');
  assert.deepEqual(fake.routes().slice(before), ['POST /repos/{owner}/{repo}/git/trees', 'POST /repos/{owner}/{repo}/git/commits', 'PATCH /repos/{owner}/{repo}/git/refs/{ref}']);

  // Someone else commits to the file: the compare-and-swap refuses, and the next read sees theirs.
  const stale = await files.read([FILE]);
  assert.ok(stale.ok);
  fake.git.commit(BRANCH, { [FILE]: 'v4 (theirs)' });
  const refused = await files.write([{ path: FILE, content: 'v4 (ours)' }], stale.value.version, 'three');
  assert.deepEqual(refused, { ok: true, value: { status: 'conflict' } });
  assert.equal(fake.git.files(BRANCH).get(FILE), 'v4 (theirs)');
  const fresh = await files.read([FILE]);
  assert.ok(fresh.ok);
  assert.equal(fresh.value.files.get(FILE), 'v4 (theirs)');
  fake.assertClean();
});
