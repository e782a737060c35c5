import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideFromJudgement } from '../../../src/core/gates/stage-decision.js';
import type { JudgementOutcome, StageJudgement } from '../../../src/core/gates/judgement.js';
import { policyWith, type PolicyOptions } from './fixtures.js';
import type { Decision } from '../../../src/core/rollout/decision.js';

function judgement(outcome: JudgementOutcome): StageJudgement {
  return { release: 'r', stage: 'canary-5', outcome, reason: `because ${outcome}`, srm: { verdict: 'ok' }, gates: [], rollback: [], samples: { control: 0, canary: 0 } };
}

const cases: { outcome: JudgementOutcome; spec: PolicyOptions['spec']; decision: Decision }[] = [
  { outcome: 'pass', spec: {}, decision: 'advance' },
  { outcome: 'fail', spec: {}, decision: 'rollback' },
  { outcome: 'fail', spec: { onFailure: 'pause' }, decision: 'pause' },
  { outcome: 'fail', spec: { onFailure: 'freeze' }, decision: 'freeze' },
  { outcome: 'critical-fail', spec: { onFailure: 'pause' }, decision: 'rollback' },
  { outcome: 'rollback', spec: { onFailure: 'freeze' }, decision: 'rollback' },
  { outcome: 'inconclusive', spec: {}, decision: 'hold' },
  { outcome: 'inconclusive', spec: { onInconclusive: 'extend' }, decision: 'extend' },
  { outcome: 'inconclusive', spec: { onInconclusive: 'rollback' }, decision: 'rollback' },
  { outcome: 'no-data', spec: {}, decision: 'hold' },
  { outcome: 'no-data', spec: { onNoData: 'rollback' }, decision: 'rollback' },
  { outcome: 'srm', spec: { onFailure: 'rollback', onInconclusive: 'rollback', onNoData: 'rollback' }, decision: 'hold' },
  { outcome: 'insufficient-samples', spec: { onInconclusive: 'rollback' }, decision: 'hold' },
];

for (const c of cases) {
  test(`${c.outcome} with ${JSON.stringify(c.spec)} decides ${c.decision}`, () => {
    const result = decideFromJudgement(policyWith({ spec: c.spec }).policy, judgement(c.outcome));
    assert.equal(result.decision, c.decision);
    assert.match(result.reason, new RegExp(`^because ${c.outcome}`));
  });
}

test('only a pass ever advances', () => {
  const outcomes: JudgementOutcome[] = ['fail', 'critical-fail', 'rollback', 'inconclusive', 'no-data', 'srm', 'insufficient-samples'];
  for (const outcome of outcomes) {
    for (const spec of [{}, { onInconclusive: 'extend' as const, onNoData: 'rollback' as const, onFailure: 'pause' as const }]) {
      assert.notEqual(decideFromJudgement(policyWith({ spec }).policy, judgement(outcome)).decision, 'advance', outcome);
    }
  }
});

test('the reason names the policy setting that chose the action', () => {
  assert.match(decideFromJudgement(policyWith({ spec: { onNoData: 'rollback' } }).policy, judgement('no-data')).reason, /\(onNoData: rollback\)$/);
  assert.match(decideFromJudgement(policyWith().policy, judgement('critical-fail')).reason, /whatever onFailure says/);
});
