// Semantic rules of ratio and net-benefit rollback criteria (decision 0021), at the file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG, assertAt, loadWith, onlyProblem, policy, positionOf } from './repo-fixture.js';

const P = 'policies/default.yaml';
const WITH_COST = CONFIG + '      - { name: cost_per_resolved, source: exports, type: continuous, direction: lower-is-better, unit: USD }\n';

function withCriterion(criterion: string): { text: string; result: ReturnType<typeof loadWith> } {
  const text = policy('default', `strategy: canary
stages:
  - { name: canary, weight: 10 }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
  - ${criterion}
`);
  return { text, result: loadWith({ 'glidepath.yaml': WITH_COST, [P]: text }) };
}

test('a ratio criterion with a percentage and a net-benefit criterion with its price and floor are valid', () => {
  assert.deepEqual(withCriterion('{ metric: cost_per_resolved, test: ratio, increase: 50% }').result.problems, []);
  assert.deepEqual(withCriterion('{ metric: cost_per_resolved, test: ratio, drop: 20% }').result.problems, []);
  assert.deepEqual(withCriterion('{ metric: cost_per_resolved, test: net-benefit, willingnessToPay: 0.5, below: -0.05 }').result.problems, []);
});

test('a ratio criterion with a margin in the metric\'s unit is an error at the margin', () => {
  const { text, result } = withCriterion('{ metric: cost_per_resolved, test: ratio, increase: 0.02 }');
  const problem = onlyProblem(result, 'policy/ratio-margin');
  assertAt(problem, P, positionOf(text, '0.02 }'));
  assert.equal(problem.field, 'spec.rollback[1].increase');
  assert.match(problem.hint ?? '', /`50%`/);
});

test('a ratio criterion with an absolute bound or a quantile is an error at that field', () => {
  const above = withCriterion('{ metric: cost_per_resolved, test: ratio, above: 0.3 }');
  assertAt(onlyProblem(above.result, 'policy/rollback-condition'), P, positionOf(above.text, '0.3 }'));
  const quantile = withCriterion('{ metric: cost_per_resolved, test: ratio, quantile: 0.9, increase: 50% }');
  assertAt(onlyProblem(quantile.result, 'policy/rollback-quantile'), P, positionOf(quantile.text, '0.9,'));
});

test('a net-benefit criterion without willingnessToPay is an error at the criterion, and one with increase is an error at increase', () => {
  const unpriced = withCriterion('{ metric: cost_per_resolved, test: net-benefit, below: -0.05 }');
  assertAt(onlyProblem(unpriced.result, 'policy/net-benefit-price'), P, positionOf(unpriced.text, '{ metric: cost_per_resolved'));
  const increase = withCriterion('{ metric: cost_per_resolved, test: net-benefit, willingnessToPay: 0.5, increase: 10% }');
  assertAt(onlyProblem(increase.result, 'policy/rollback-condition'), P, positionOf(increase.text, '10% }'));
});

test('a ratio or net-benefit criterion on a rate is an error at its test, and willingnessToPay without the test is a warning', () => {
  const rate = withCriterion('{ metric: error_rate, test: ratio, increase: 50% }');
  assertAt(onlyProblem(rate.result, 'policy/rollback-test'), P, positionOf(rate.text, 'ratio,'));
  const unused = withCriterion('{ metric: cost_per_resolved, willingnessToPay: 0.5, increase: 50% }');
  assertAt(onlyProblem(unused.result, 'policy/rollback-field-unused'), P, positionOf(unused.text, '0.5,'), 'warning');
});
