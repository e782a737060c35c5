import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { createStateStore, auditPath, statePath, StateBranchError } from '../../src/engine/state-store.js';
import { sha256 } from '../../src/adapters/crypto.js';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import type { AuditRecordDraft, RolloutState } from '../../src/core/rollout/types.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';

const repos: TempGitRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(): TempGitRepo {
  const r = createTempGitRepo({ 'README.md': 'x' });
  repos.push(r);
  return r;
}

function state(release: string, revision: number, weight = 5): RolloutState {
  return {
    release, phase: 'progressing', stageIndex: 1, stage: 'canary-5', startedAt: '2025-01-01T00:00:00.000Z', stageStartedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z', split: { mode: 'traffic', weight }, bundleHash: 'b'.repeat(64), approvals: [], revision,
  };
}

function draft(release: string, reason: string): AuditRecordDraft {
  return { at: '2025-01-01T00:00:00.000Z', release, bundleHash: 'b'.repeat(64), stage: 'canary-5', event: 'decision', decision: 'hold', reason, actor: 'glidepath' };
}

test('an absent state branch loads as empty with a null head', async () => {
  const store = createStateStore(createLocalGitScm(repo().dir).branch('glidepath/state'), { sha256 });
  const snap = await store.load();
  assert.equal(snap.head, null);
  assert.equal(snap.states.size, 0);
  assert.equal(snap.audit.size, 0);
  assert.equal(await store.readAuditLog('a'), undefined);
  assert.deepEqual(await store.listAuditedReleases(), []);
});

test('a commit writes the state file and seals the records onto that release\'s chain', async () => {
  const r = repo();
  const store = createStateStore(createLocalGitScm(r.dir).branch('glidepath/state'), { sha256 });
  const first = await store.commit({ states: [state('a', 1)], records: [draft('a', 'started'), draft('a', 'held')] }, null, 'a: start');
  assert.equal(first.status, 'committed');
  const snap = await store.load();
  assert.equal(snap.head, first.status === 'committed' ? first.sha : '');
  assert.deepEqual(snap.states.get('a'), state('a', 1));
  assert.deepEqual(snap.audit.get('a')!.map((x) => [x.seq, x.reason]), [[1, 'started'], [2, 'held']]);
  assert.equal(r.git('show', `glidepath/state:${statePath('a')}`), JSON.stringify(state('a', 1), null, 2));
  const log = await store.readAuditLog('a');
  assert.equal(verifyAuditLog(log!, sha256).ok, true);
  assert.equal(log!.split('\n').length, 3, 'two lines and a final newline');
  assert.equal(r.git('log', '-1', '--format=%s', 'glidepath/state'), 'a: start');
});

test('each release has its own chain and later commits append to it', async () => {
  const r = repo();
  const store = createStateStore(createLocalGitScm(r.dir).branch('custom/state'), { sha256 });
  const c1 = await store.commit({ states: [state('a', 1)], records: [draft('a', 'a1')] }, null, 'a1');
  const h1 = c1.status === 'committed' ? c1.sha : assert.fail('c1');
  const c2 = await store.commit({ states: [state('b', 1)], records: [draft('b', 'b1')] }, h1, 'b1');
  const h2 = c2.status === 'committed' ? c2.sha : assert.fail('c2');
  const c3 = await store.commit({ states: [state('a', 2, 25)], records: [draft('a', 'a2')] }, h2, 'a2');
  assert.equal(c3.status, 'committed');
  assert.deepEqual(c3.status === 'committed' ? c3.records.map((x) => x.seq) : [], [2]);
  const snap = await store.load();
  assert.equal(snap.states.get('a')!.split.weight, 25);
  assert.equal(snap.states.get('b')!.revision, 1);
  assert.deepEqual(snap.audit.get('a')!.map((x) => x.reason), ['a1', 'a2']);
  assert.deepEqual(snap.audit.get('b')!.map((x) => [x.seq, x.prevHash]), [[1, '0'.repeat(64)]]);
  assert.equal(snap.audit.get('a')![1]!.prevHash, snap.audit.get('a')![0]!.hash);
  assert.deepEqual(await store.listAuditedReleases(), ['a', 'b']);
  assert.equal(r.git('rev-list', '--count', 'custom/state'), '3', 'one commit per decision');
});

test('a commit from a stale head is a conflict and changes nothing', async () => {
  const r = repo();
  const store = createStateStore(createLocalGitScm(r.dir).branch('glidepath/state'), { sha256 });
  const c1 = await store.commit({ states: [state('a', 1)], records: [draft('a', 'one')] }, null, 'one');
  const h1 = c1.status === 'committed' ? c1.sha : assert.fail('c1');
  const other = createStateStore(createLocalGitScm(r.dir).branch('glidepath/state'), { sha256 });
  const c2 = await other.commit({ states: [state('a', 2)], records: [draft('a', 'two')] }, h1, 'two');
  const h2 = c2.status === 'committed' ? c2.sha : assert.fail('c2');
  const stale = await store.commit({ states: [state('a', 2, 50)], records: [draft('a', 'stale')] }, h1, 'stale');
  assert.deepEqual(stale, { status: 'conflict', actualHead: h2 });
  const snap = await store.load();
  assert.deepEqual(snap.audit.get('a')!.map((x) => x.reason), ['one', 'two']);
  assert.equal(snap.states.get('a')!.split.weight, 5);
});

test('a corrupt state file is an error that names the branch, the file and the fix', async () => {
  const r = repo();
  const scm = createLocalGitScm(r.dir);
  await scm.branch('glidepath/state').commit({ expectedHead: null, files: [{ path: statePath('a'), content: '{ nope' }], message: 'broken' });
  await assert.rejects(createStateStore(scm.branch('glidepath/state'), { sha256 }).load(), (error: Error) => error instanceof StateBranchError && /glidepath\/state:states\/a\.json: not valid JSON.*restore it/.test(error.message));
});

test('an altered log line is reported on load and new records still chain after the last good one', async () => {
  const r = repo();
  const scm = createLocalGitScm(r.dir);
  const store = createStateStore(scm.branch('glidepath/state'), { sha256 });
  const c1 = await store.commit({ states: [], records: [draft('a', 'one')] }, null, 'one');
  const h1 = c1.status === 'committed' ? c1.sha : assert.fail('c1');
  const log = (await store.readAuditLog('a'))!;
  const c2 = await scm.branch('glidepath/state').commit({ expectedHead: h1, files: [{ path: auditPath('a'), content: `${log}not json\n` }], message: 'tamper' });
  const h2 = c2.status === 'committed' ? c2.sha : assert.fail('c2');
  const snap = await store.load();
  assert.equal(snap.auditProblems.get('a')?.[0]?.line, 2);
  const c3 = await store.commit({ states: [], records: [draft('a', 'two')] }, h2, 'two');
  assert.deepEqual(c3.status === 'committed' ? c3.records.map((x) => x.seq) : [], [2]);
});

test('a release name that would leave the state folders is refused', () => {
  assert.throws(() => statePath('../escape'), StateBranchError);
  assert.throws(() => auditPath('a/b'), StateBranchError);
});
