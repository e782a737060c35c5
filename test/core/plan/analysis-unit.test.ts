// What `plan` says about the analysis unit, and the power estimate under a declared design effect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAnalysisUnit } from '../../../src/core/plan/build-plan.js';
import { estimateStagePower } from '../../../src/core/power/stage-power.js';
import type { RolloutPolicy } from '../../../src/core/model/index.js';
import { METRICS, policyWith } from '../gates/fixtures.js';

const phrases: { says: string; analysis: RolloutPolicy['spec']['analysis']; phrase: RegExp }[] = [
  { says: 'per user, with request-level intervals too narrow by an unknown factor', analysis: undefined, phrase: /^user \(request-level metrics: intervals too narrow by an unknown factor; send per-user ratios or set analysis\.designEffect\)$/ },
  { says: 'per user, with the same warning', analysis: { unit: 'user' }, phrase: /^user \(request-level metrics: intervals too narrow by an unknown factor/ },
  { says: 'per user, with request-level variances times the design effect', analysis: { designEffect: 1.8 }, phrase: /^user \(request-level variances × design effect 1\.8\)$/ },
  { says: 'per request, without a warning', analysis: { unit: 'request', designEffect: 1.8 }, phrase: /^request \(assignment per request\)$/ },
];

for (const c of phrases) {
  test(`the plan states that a policy with analysis ${JSON.stringify(c.analysis ?? {})} is judged ${c.says}`, () => {
    assert.match(describeAnalysisUnit(c.analysis), c.phrase);
  });
}

test('a declared design effect multiplies the samples a stage needs, and the estimate says which unit it assumed', () => {
  const power = (analysis?: RolloutPolicy['spec']['analysis']) => {
    const { policy } = policyWith({ gates: { g: { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' } }, stage: { minDuration: '2h' }, ...(analysis ? { spec: { analysis } } : {}) });
    return estimateStagePower({ release: 'r', policy, metrics: METRICS, requestsPerHour: 50_000 });
  };
  const plain = power();
  const widened = power({ designEffect: 2 });
  const samples = (e: typeof plain) => e.stages[0]!.gates[0]!.samplesPerArm!;
  assert.ok(Math.abs(samples(widened).control / samples(plain).control - 2) < 1e-3, `${samples(widened).control} vs ${samples(plain).control}`);
  assert.ok(Math.abs(samples(widened).canary / samples(plain).canary - 2) < 1e-3);
  assert.ok(plain.assumptions.some((a) => /per-user assignment with request-level sizes: requests of one user are correlated/.test(a)), plain.assumptions.join(' | '));
  assert.ok(widened.assumptions.some((a) => /request counts multiplied by the declared design effect 2/.test(a)));
});
