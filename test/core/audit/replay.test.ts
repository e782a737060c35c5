import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { sealRecord, type AuditRecord } from '../../../src/core/audit/chain.js';
import { replayDecisions } from '../../../src/core/audit/replay.js';
import type { AuditRecordDraft } from '../../../src/core/rollout/types.js';
import { at, auditOf, makeJudgement, makePolicy, makeState, tick } from '../../support/rollout-fixtures.js';

const policy = makePolicy();

function sealAll(drafts: readonly AuditRecordDraft[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (const draft of drafts) records.push(sealRecord(draft, records[records.length - 1], sha256));
  return records;
}

function decisionDrafts(): AuditRecordDraft[] {
  const plans = [
    tick({ state: makeState(policy, 1), now: at(1), judgement: makeJudgement('canary-5', 'pass') }),
    tick({ state: makeState(policy, 1), now: at(2), judgement: makeJudgement('canary-5', 'pass') }),
    tick({ state: makeState(policy, 1), now: at(3), judgement: makeJudgement('canary-5', 'fail') }),
    tick({ state: makeState(policy, 3, 0, { phase: 'watching', watchStartedAt: at(0).toISOString() }), now: at(3), judgement: undefined }),
  ];
  return plans.map((plan) => {
    const record = auditOf(plan.actions);
    assert.ok(record);
    return record;
  });
}

test('every recorded decision replays to itself from its judgement and facts', () => {
  const results = replayDecisions(sealAll(decisionDrafts()));
  assert.deepEqual(results.map((r) => [r.seq, r.recorded, r.replayed, r.ok]), [
    [1, 'hold', 'hold', true],
    [2, 'advance', 'advance', true],
    [3, 'rollback', 'rollback', true],
    [4, 'complete', 'complete', true],
  ]);
});

test('an edited decision that was re-sealed passes the chain but fails the replay', () => {
  const drafts = decisionDrafts();
  // Someone turns the bake-time hold into an advance and recomputes every hash.
  drafts[0] = { ...(drafts[0] as AuditRecordDraft), decision: 'advance' };
  const results = replayDecisions(sealAll(drafts));
  const edited = results.find((r) => r.seq === 1);
  assert.equal(edited?.ok, false);
  assert.equal(edited?.replayed, 'hold');
  assert.match(edited?.reason ?? '', /recorded advance, but the recorded evidence gives hold/);
  assert.ok(results.filter((r) => r.seq !== 1).every((r) => r.ok));
});

test('edited evidence is caught too: a failing verdict under a recorded advance', () => {
  const drafts = decisionDrafts();
  const advance = drafts[1] as AuditRecordDraft;
  drafts[1] = { ...advance, judgement: makeJudgement('canary-5', 'fail') };
  const results = replayDecisions(sealAll(drafts));
  assert.equal(results.find((r) => r.seq === 2)?.ok, false);
});

test('a rejudge hook recomputes the judgement from the inputs and reports a different outcome', () => {
  const results = replayDecisions(sealAll(decisionDrafts()), { rejudge: (record) => (record.judgement ? { ...record.judgement, outcome: 'no-data' } : undefined) });
  const advance = results.find((r) => r.seq === 2);
  assert.equal(advance?.ok, false);
  assert.match(advance?.reason ?? '', /recomputed judgement is no-data, the record says pass/);
});

test('records without facts (approvals, manual rollbacks) are not replayed', () => {
  const approval: AuditRecordDraft = { at: at(1).toISOString(), release: 'support-assistant', bundleHash: 'b'.repeat(64), stage: 'canary-5', event: 'approval', reason: 'approved', actor: 'octocat' };
  assert.deepEqual(replayDecisions(sealAll([approval])), []);
});

test('a record with malformed facts is reported as not replayable instead of crashing', () => {
  const drafts = decisionDrafts();
  const broken = { ...(drafts[0] as AuditRecordDraft), facts: { ...(drafts[0]?.facts as NonNullable<AuditRecordDraft['facts']>), rules: undefined } } as unknown as AuditRecordDraft;
  const results = replayDecisions(sealAll([broken]));
  assert.equal(results[0]?.ok, false);
});
