import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '../../../src/adapters/crypto.js';
import { sealRecord } from '../../../src/core/audit/chain.js';
import { replayDecisions } from '../../../src/core/audit/replay.js';
import type { RolloutPolicy } from '../../../src/core/model/index.js';
import type { StageJudgement } from '../../../src/core/gates/judgement.js';
import type { RolloutState } from '../../../src/core/rollout/types.js';
import { at, auditOf, makeJudgement, makePolicy, makeState, ok, tick, trafficOf, types } from '../../support/rollout-fixtures.js';
import type { TrafficSplit } from '../../../src/core/model/traffic-split.js';

const policy = makePolicy();
const adopting = makePolicy({ manualTrafficChanges: 'adopt' });

interface UnjudgedCase {
  readonly why: string;
  readonly policy: RolloutPolicy;
  readonly state: RolloutState;
  readonly observed: TrafficSplit;
  readonly now: Date;
  readonly judgement: StageJudgement | undefined;
  readonly notMovingBecause: RegExp;
}

// Each row: the flag was moved by hand to exactly the next stage's split, but this tick's own
// decision is not to move there, so the move was never judged.
const unjudged: readonly UnjudgedCase[] = [
  { why: 'during the bake time', policy, state: makeState(policy, 1), observed: { mode: 'traffic', weight: 25 }, now: at(1), judgement: makeJudgement('canary-5', 'pass'), notMovingBecause: /bake time not over/ },
  { why: 'while a gate is inconclusive', policy, state: makeState(policy, 1), observed: { mode: 'traffic', weight: 25 }, now: at(3), judgement: makeJudgement('canary-5', 'inconclusive'), notMovingBecause: /judged inconclusive/ },
  { why: 'without the next stage\'s approval', policy, state: makeState(policy, 2), observed: { mode: 'traffic', weight: 100 }, now: at(3), judgement: makeJudgement('canary-25', 'pass'), notMovingBecause: /waiting for approval/ },
  {
    why: 'outside the deploy window',
    policy: makePolicy({ window: { days: ['sat'], hours: '09:00-17:00', timezone: 'UTC' } }),
    state: makeState(policy, 1),
    observed: { mode: 'traffic', weight: 25 },
    now: at(3),
    judgement: makeJudgement('canary-5', 'pass'),
    notMovingBecause: /ready for canary-25/,
  },
  {
    why: 'before a pending rollout may start',
    policy: makePolicy({ stages: [{ name: 'shadow', mode: 'shadow', minDuration: '1h', approval: 'required' }, { name: 'full', weight: 100 }] }),
    state: makeState(policy, 0, 0, { phase: 'pending', split: { mode: 'off', weight: 0 }, history: [] }),
    observed: { mode: 'shadow', weight: 0 },
    now: at(1),
    judgement: undefined,
    notMovingBecause: /waiting for approval/,
  },
];

for (const c of unjudged) {
  test(`a hand edit to the next stage's split ${c.why} is set back and recorded as drift, not adopted as an advance`, () => {
    const plan = tick({ policy: c.policy, state: c.state, observed: ok(c.observed), now: c.now, judgement: c.judgement });
    assert.equal(plan.decision, 'hold');
    assert.deepEqual(types(plan.actions), ['set-traffic', 'write-state', 'append-audit', 'notify']);
    assert.deepEqual(trafficOf(plan.actions), c.state.split);
    assert.equal(plan.next.stage, c.state.stage);
    assert.equal(plan.next.stageIndex, c.state.stageIndex);
    assert.equal(plan.next.phase, c.state.phase);
    assert.equal(plan.next.stageStartedAt, c.state.stageStartedAt, 'the bake time of the current stage keeps running');
    const record = auditOf(plan.actions);
    assert.equal(record?.event, 'reconcile');
    assert.equal(record?.decision, 'hold');
    assert.equal(record?.code, 'reconcile-restore');
    assert.deepEqual(record?.splitBefore, c.observed);
    assert.deepEqual(record?.splitAfter, c.state.split);
    assert.equal(typeof record?.details?.['unjudgedStage'], 'string');
    assert.match(record?.reason ?? '', c.notMovingBecause);
    assert.match(record?.reason ?? '', /not adopted/);
  });
}

test('with manualTrafficChanges: adopt, a hand edit to the next stage during the bake time is adopted, and the record says it was not judged', () => {
  const state = makeState(adopting, 1);
  const plan = tick({ policy: adopting, state, observed: ok({ mode: 'traffic', weight: 25 }), now: at(1), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'advance');
  assert.equal(trafficOf(plan.actions), undefined);
  assert.equal(plan.next.stage, 'canary-25');
  assert.equal(plan.next.stageStartedAt, at(1).toISOString());
  const record = auditOf(plan.actions);
  assert.equal(record?.code, 'reconcile-adopt');
  assert.deepEqual(record?.splitBefore, { mode: 'traffic', weight: 5 });
  assert.deepEqual(record?.splitAfter, { mode: 'traffic', weight: 25 });
  assert.deepEqual(record?.details, { adoptedStage: 'canary-25', judged: false });
  assert.match(record?.reason ?? '', /without judging canary-5's gates, because the policy sets manualTrafficChanges: adopt/);
  assert.equal(record?.facts, undefined, 'an unjudged adoption claims no decision for replay to confirm');
  const reduced = tick({ policy: adopting, state, observed: ok({ mode: 'traffic', weight: 1 }), now: at(1), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(reduced.decision, 'pause', 'reducing exposure pauses under either setting');
});

test('a provider at the next stage when the tick itself advances there is adopted with the evidence of that decision, which replay confirms', () => {
  const plan = tick({ state: makeState(policy, 1), observed: ok({ mode: 'traffic', weight: 25 }), now: at(3), judgement: makeJudgement('canary-5', 'pass') });
  assert.equal(plan.decision, 'advance');
  assert.equal(trafficOf(plan.actions), undefined);
  const record = auditOf(plan.actions);
  assert.ok(record);
  assert.equal(record.code, 'reconcile-adopt');
  assert.deepEqual(record.details, { adoptedStage: 'canary-25', judged: true });
  assert.equal(record.judgement?.outcome, 'pass');
  assert.equal(record.facts?.stage, 'canary-5');
  const [replayed] = replayDecisions([sealRecord(record, undefined, sha256)]);
  assert.equal(replayed?.ok, true, replayed?.reason);
  assert.equal(replayed?.replayed, 'advance');
});
