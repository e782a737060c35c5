import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalGitScm } from '../../src/adapters/scm/local-git.js';
import { createStateStore } from '../../src/engine/state-store.js';
import { sha256 } from '../../src/adapters/crypto.js';
import { verifyAuditLog } from '../../src/core/audit/chain.js';
import { hashState } from '../../src/core/audit/state-seal.js';
import type { AuditRecordDraft, RolloutState } from '../../src/core/rollout/types.js';
import { createTempGitRepo, type TempGitRepo } from '../support/temp-git-repo.js';

const repos: TempGitRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function store() {
  const r = createTempGitRepo({ 'README.md': 'x' });
  repos.push(r);
  return { r, store: createStateStore(createLocalGitScm(r.dir).branch('glidepath/state'), { sha256 }) };
}

function state(release: string, revision: number): RolloutState {
  return {
    release, phase: 'progressing', stageIndex: 1, stage: 'canary-5', startedAt: '2025-01-01T00:00:00.000Z', stageStartedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z', split: { mode: 'traffic', weight: 5 }, bundleHash: 'b'.repeat(64), approvals: [], revision,
  };
}

function draft(release: string, reason: string): AuditRecordDraft {
  return { at: '2025-01-01T00:00:00.000Z', release, bundleHash: 'b'.repeat(64), stage: 'canary-5', event: 'decision', decision: 'hold', reason, actor: 'glidepath' };
}

test('a commit seals each written state into the last record of its release, and the chain still verifies', async () => {
  const { store: s } = store();
  const committed = await s.commit({ states: [state('a', 1), state('b', 1)], records: [draft('a', 'a1'), draft('b', 'b1'), draft('a', 'a2')] }, null, 'both');
  assert.equal(committed.status, 'committed');
  const snap = await s.load();
  const a = snap.audit.get('a')!;
  assert.equal(a[0]!.stateHash, undefined, 'an earlier record of the same commit seals nothing');
  assert.equal(a[1]!.stateHash, hashState(state('a', 1), sha256));
  assert.deepEqual(a[1]!.state, state('a', 1));
  assert.equal(snap.audit.get('b')![0]!.stateHash, hashState(snap.states.get('b')!, sha256));
  assert.equal(verifyAuditLog((await s.readAuditLog('a'))!, sha256).ok, true);
});

test('a commit that writes a state with no audit record to seal it in is refused before anything is written', async () => {
  const { r, store: s } = store();
  await assert.rejects(s.commit({ states: [state('a', 1)], records: [draft('b', 'other release')] }, null, 'unsealed'), /the state of a comes without an audit record/);
  assert.equal((await s.load()).head, null);
  assert.equal(r.git('branch', '--list', 'glidepath/state'), '');
});

test('records without a state (a drill) are appended as they are', async () => {
  const { store: s } = store();
  const first = await s.commit({ states: [state('a', 1)], records: [draft('a', 'start')] }, null, 'start');
  const head = first.status === 'committed' ? first.sha : assert.fail('first');
  await s.commit({ states: [], records: [draft('a', 'drill')] }, head, 'drill');
  const records = (await s.load()).audit.get('a')!;
  assert.deepEqual(records.map((x) => x.stateHash === undefined), [false, true]);
  assert.equal(await s.readState('a').then((x) => x?.revision), 1);
  assert.deepEqual(await s.listStateReleases(), ['a']);
});
