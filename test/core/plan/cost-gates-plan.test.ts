// What the plan says about ratio and net-benefit gates (decision 0019): their description, and
// a looser price or floor reported as a weakening.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeGate, describeRollback } from '../../../src/core/plan/describe-policy.js';
import { diffPolicies } from '../../../src/core/plan/policy-diff.js';
import type { Gate, MetricDefinition, RollbackCriterion } from '../../../src/core/model/index.js';
import { policyWith } from '../gates/fixtures.js';

const worth: Gate = { metric: 'cost_per_resolved', test: 'net-benefit', willingnessToPay: 0.5, minNetBenefit: -0.02 };

test('a net-benefit gate is described by its price of quality and its floor', () => {
  assert.equal(describeGate(worth, { name: 'cost_per_resolved', source: 'w', type: 'continuous', direction: 'lower-is-better', unit: 'USD' }),
    'cost_per_resolved must be shown worth its extra cost at 0.5 USD per unit of quality (net benefit per user above -0.02) (net-benefit)');
});

test('raising a net-benefit gate\'s willingnessToPay or lowering its floor is a weakening; the reverse a tightening', () => {
  const findings = (after: Gate) => diffPolicies(policyWith({ gates: { worth } }).policy, policyWith({ gates: { worth: after } }).policy).map((f) => [f.severity, f.subject]);
  assert.deepEqual(findings({ ...worth, willingnessToPay: 2 }), [['weakening', 'gate `worth` willingnessToPay loosened']]);
  assert.deepEqual(findings({ ...worth, minNetBenefit: -0.1 }), [['weakening', 'gate `worth` minNetBenefit loosened']]);
  const { minNetBenefit: _floor, ...noFloor } = worth;
  assert.deepEqual(findings(noFloor), [['tightening', 'gate `worth` minNetBenefit tightened']], 'no floor is the default 0');
});

const costRises: RollbackCriterion = { metric: 'cost_per_resolved', test: 'ratio', increase: '50%' };
const netBenefitFalls: RollbackCriterion = { metric: 'cost_per_resolved', test: 'net-benefit', willingnessToPay: 0.5, below: -0.05 };
const COST_METRIC: MetricDefinition = { name: 'cost_per_resolved', source: 'w', type: 'continuous', direction: 'lower-is-better', unit: 'USD' };

test('ratio and net-benefit rollback criteria are described as comparisons with control, not as absolute bounds', () => {
  assert.equal(describeRollback(costRises, COST_METRIC), 'cost_per_resolved (ratio over users) rises more than 50% over control');
  assert.equal(describeRollback({ metric: 'cost_per_resolved', test: 'ratio', drop: '20%' }, COST_METRIC), 'cost_per_resolved (ratio over users) drops more than 20% below control');
  assert.equal(describeRollback(netBenefitFalls, COST_METRIC), 'cost_per_resolved net benefit per user (at 0.5 USD per unit of quality) below -0.05 vs control (net-benefit)');
});

test('a ratio criterion replacing a plain increase on the same metric is a removal and an addition; a lower net-benefit floor or higher price is a weakening', () => {
  const findings = (before: RollbackCriterion, after: RollbackCriterion) => diffPolicies(policyWith({ rollback: [before] }).policy, policyWith({ rollback: [after] }).policy).map((f) => [f.severity, f.subject]);
  assert.deepEqual(findings({ metric: 'cost_per_resolved', increase: '50%' }, costRises), [['weakening', 'rollback criterion removed'], ['tightening', 'rollback criterion added']]);
  assert.deepEqual(findings(netBenefitFalls, { ...netBenefitFalls, below: -0.2 }), [['weakening', 'rollback on cost_per_resolved net benefit below loosened']]);
  assert.deepEqual(findings(netBenefitFalls, { ...netBenefitFalls, willingnessToPay: 2 }), [['weakening', 'rollback on cost_per_resolved net benefit willingnessToPay loosened']]);
});
