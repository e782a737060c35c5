// A rate or mean gate compared with control may declare per-user figures for the plan's power
// estimate (decision 0012); on other gates they mean nothing and are warned about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG, assertAt, loadWith, onlyProblem, policy, positionOf } from './repo-fixture.js';

const P = 'policies/default.yaml';

function withGate(gate: string): { text: string; result: ReturnType<typeof loadWith> } {
  const text = policy('default', `strategy: canary
stages:
  - { name: canary, weight: 10, gates: [g] }
  - { name: full, weight: 100 }
gates:
  g: ${gate}
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  return { text, result: loadWith({ 'glidepath.yaml': CONFIG, [P]: text }) };
}

test('a proportions gate compared with control may declare requests per user and an intra-user correlation without a warning', () => {
  const { result } = withGate('{ metric: error_rate, test: proportions, nonInferiority: 0.3pp, unitBaseline: { requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.1 } }');
  assert.deepEqual(result.problems.map((p) => p.rule), []);
});

test('a quantile gate\'s unitBaseline is ignored with a warning at the field that names the gates which use it', () => {
  const { text, result } = withGate('{ metric: latency_ms, test: quantile, quantile: 0.99, max: 2500, unitBaseline: { requestsPerUnit: 20 } }');
  const unused = onlyProblem(result, 'policy/gate-field-unused');
  assertAt(unused, P, positionOf(text, '{ requestsPerUnit'), 'warning');
  assert.match(unused.message, /only ratio, net-benefit and \(compared with control\) proportions and welch gates use/);
});
