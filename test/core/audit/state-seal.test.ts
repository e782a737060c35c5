import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { sealRecord, type AuditRecord } from '../../../src/core/audit/chain.js';
import { compareStateWithChain, hashState, sealState, type StateSealCheck } from '../../../src/core/audit/state-seal.js';
import type { AuditRecordDraft, RolloutState } from '../../../src/core/rollout/types.js';

const STATE: RolloutState = {
  release: 'summarizer-prompt', phase: 'progressing', stageIndex: 0, stage: 'canary-10',
  startedAt: '2025-03-03T08:00:00.000Z', stageStartedAt: '2025-03-03T08:00:00.000Z', updatedAt: '2025-03-03T08:00:00.000Z',
  split: { mode: 'traffic', weight: 10 }, bundleHash: 'b'.repeat(64), approvals: [], revision: 1,
  history: [{ stage: 'canary-10', index: 0, split: { mode: 'traffic', weight: 10 }, from: '2025-03-03T08:00:00.000Z' }],
};

function draft(reason: string): AuditRecordDraft {
  return { at: '2025-03-03T08:00:00.000Z', release: STATE.release, bundleHash: STATE.bundleHash, stage: 'canary-10', event: 'decision', decision: 'hold', reason, actor: 'glidepath[bot]' };
}

/** A chain of records, each sealing the state given for it (undefined: a record without a state, as a drill's or an old one). */
function chain(...states: (RolloutState | undefined)[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  states.forEach((state, i) => {
    const d = draft(`record ${i + 1}`);
    records.push(sealRecord(state ? sealState(d, state, sha256) : d, records.at(-1), sha256));
  });
  return records;
}

const later: RolloutState = { ...STATE, stage: 'full', stageIndex: 1, split: { mode: 'traffic', weight: 100 }, revision: 2 };

const cases: { name: string; file: RolloutState | undefined; records: AuditRecord[]; expect: Partial<StateSealCheck> & { status: StateSealCheck['status'] }; fields?: string[]; message?: RegExp }[] = [
  { name: 'the file is the state the last record sealed', file: STATE, records: chain(STATE), expect: { status: 'match', seq: 1 } },
  { name: 'the file is compared with the LAST sealed state, not an earlier one', file: STATE, records: chain(STATE, later), expect: { status: 'mismatch', seq: 2 }, fields: ['revision', 'split.weight', 'stage', 'stageIndex'] },
  { name: 'records after the last sealed state that seal none (a drill) do not change which state is vouched for', file: later, records: chain(STATE, later, undefined), expect: { status: 'match', seq: 2 } },
  { name: 'one byte of stageStartedAt differs: the field is named with both values', file: { ...STATE, stageStartedAt: '2024-03-03T08:00:00.000Z' }, records: chain(STATE), expect: { status: 'mismatch', seq: 1 }, fields: ['stageStartedAt'], message: /stageStartedAt \(file "2024-03-03T08:00:00\.000Z", sealed "2025-03-03T08:00:00\.000Z"\)/ },
  { name: 'a field added to the file is named as absent from the sealed state', file: { ...STATE, watchStartedAt: '2025-03-03T09:00:00.000Z' }, records: chain(STATE), expect: { status: 'mismatch' }, fields: ['watchStartedAt'], message: /sealed absent/ },
  { name: 'a change deep in the history is named by its path', file: { ...STATE, history: [{ ...STATE.history![0]!, from: '2024-03-03T08:00:00.000Z' }] }, records: chain(STATE), expect: { status: 'mismatch' }, fields: ['history[0].from'] },
  { name: 'a state file deleted while the chain seals one is a mismatch', file: undefined, records: chain(STATE), expect: { status: 'mismatch', seq: 1 }, message: /state file is missing, but seq 1 seals a state/ },
  { name: 'an old chain whose records seal no state cannot vouch for the file, and is let through', file: STATE, records: chain(undefined, undefined), expect: { status: 'unsealed' } },
  { name: 'no state and no chain: nothing to compare', file: undefined, records: [], expect: { status: 'unsealed' } },
  { name: 'a state file with no audit record at all is a mismatch: every state comes with a record', file: STATE, records: [], expect: { status: 'mismatch' }, message: /no audit records/ },
];

for (const c of cases) {
  test(`comparing a state with its chain: ${c.name}`, () => {
    const check = compareStateWithChain(c.file, c.records, sha256);
    assert.equal(check.status, c.expect.status, JSON.stringify(check));
    if ('seq' in c.expect) assert.equal((check as { seq?: number }).seq, c.expect.seq);
    if (check.status === 'mismatch') {
      if (c.fields) assert.deepEqual(check.differences.map((d) => d.field), c.fields);
      if (c.message) assert.match(check.message, c.message);
    }
  });
}

test('a re-indented state file still matches: the hash is over canonical JSON, not the file text', () => {
  const reparsed = JSON.parse(JSON.stringify(STATE, null, 4)) as RolloutState;
  assert.equal(hashState(reparsed, sha256), hashState(STATE, sha256));
  assert.equal(compareStateWithChain(reparsed, chain(STATE), sha256).status, 'match');
});

test('editing the file and the sealing record\'s stateHash together is caught: the record no longer matches its own hash', () => {
  const tampered = { ...STATE, stageStartedAt: '2024-03-03T08:00:00.000Z' };
  const records = chain(STATE);
  records[0] = { ...records[0]!, stateHash: hashState(tampered, sha256), state: tampered };
  const check = compareStateWithChain(tampered, records, sha256);
  assert.equal(check.status, 'mismatch');
  assert.match(check.status === 'mismatch' ? check.message : '', /seq 1, which seals the state, does not match its own hash/);
});

test('the mismatch message names both hashes when the record carries no copy of the state to compare fields with', () => {
  const records = chain(undefined);
  records[0] = sealRecord({ ...draft('hash only'), stateHash: hashState(STATE, sha256) }, undefined, sha256);
  const check = compareStateWithChain({ ...STATE, revision: 9 }, records, sha256);
  assert.equal(check.status, 'mismatch');
  assert.match(check.status === 'mismatch' ? check.message : '', /^the state file hashes to [0-9a-f]{12}…, but seq 1 seals [0-9a-f]{12}…$/);
});
