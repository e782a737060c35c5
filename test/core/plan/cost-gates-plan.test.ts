// What the plan says about ratio and net-benefit gates (decision 0019): their description, and
// a looser price or floor reported as a weakening.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeGate } from '../../../src/core/plan/describe-policy.js';
import { diffPolicies } from '../../../src/core/plan/policy-diff.js';
import type { Gate } from '../../../src/core/model/index.js';
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
