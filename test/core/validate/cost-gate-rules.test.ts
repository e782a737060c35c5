// Semantic rules of the ratio and net-benefit gates (decision 0019), reported at the file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG, assertAt, loadWith, onlyProblem, policy, positionOf } from './repo-fixture.js';

const P = 'policies/default.yaml';
const WITH_COST = CONFIG + '      - { name: cost_per_resolved, source: exports, type: continuous, direction: lower-is-better, unit: USD }\n';

function withGates(gates: string): { text: string; result: ReturnType<typeof loadWith> } {
  const text = policy('default', `strategy: canary
stages:
  - { name: canary, weight: 10, gates: [g] }
  - { name: full, weight: 100 }
gates:
${gates}
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  return { text, result: loadWith({ 'glidepath.yaml': WITH_COST, [P]: text }) };
}

test('a ratio gate with a relative margin and a net-benefit gate with its price are valid', () => {
  assert.deepEqual(withGates('  g: { metric: cost_per_resolved, test: ratio, maxIncrease: 10% }').result.problems, []);
  assert.deepEqual(withGates('  g: { metric: cost_per_resolved, test: net-benefit, willingnessToPay: 0.5, minNetBenefit: -0.02, unitBaseline: { requestsPerUnit: 12, meanX: 0.2, sdX: 0.3, meanY: 2.7, sdY: 2, correlation: 0.6 } }').result.problems, []);
});

test('a ratio gate with a margin in the metric\'s unit is an error at the margin: it compares as a fraction of control', () => {
  const { text, result } = withGates('  g: { metric: cost_per_resolved, test: ratio, maxIncrease: 0.02 }');
  const problem = onlyProblem(result, 'policy/ratio-margin');
  assertAt(problem, P, positionOf(text, '0.02 }'));
  assert.equal(problem.field, 'spec.gates.g.maxIncrease');
  assert.match(problem.hint ?? '', /`10%`/);
});

test('a net-benefit gate without willingnessToPay is an error at the gate, and its ignored margins are warnings', () => {
  const { text, result } = withGates('  g: { metric: cost_per_resolved, test: net-benefit, maxIncrease: 5% }');
  assertAt(onlyProblem(result, 'policy/net-benefit-price'), P, positionOf(text, 'g: {'));
  const unused = onlyProblem(result, 'policy/gate-field-unused');
  assert.equal(unused.severity, 'warning');
  assertAt(unused, P, positionOf(text, '5% }'), 'warning');
  assert.equal(result.problems.filter((p) => p.rule === 'policy/gate-margin').length, 0, 'a net-benefit gate\'s margin is minNetBenefit, default 0');
});

test('ratio and net-benefit gates have no absolute form', () => {
  const { text, result } = withGates('  g: { metric: cost_per_resolved, test: ratio, versus: absolute, max: 0.3 }');
  assertAt(onlyProblem(result, 'policy/gate-versus'), P, positionOf(text, 'absolute'));
});

test('ratio and net-benefit gates need a continuous metric, and their fields on other gates are ignored with a warning', () => {
  const { text, result } = withGates('  g: { metric: error_rate, test: net-benefit, willingnessToPay: 1 }');
  assertAt(onlyProblem(result, 'policy/gate-test'), P, positionOf(text, 'net-benefit'));
  const other = withGates('  g: { metric: latency_ms, test: welch, maxIncrease: 10%, willingnessToPay: 1 }');
  assertAt(onlyProblem(other.result, 'policy/gate-field-unused'), P, positionOf(other.text, '1 }'), 'warning');
});

test('a ratio gate on a metric glidepath.yaml does not define names it, with a suggestion', () => {
  const { text, result } = withGates('  g: { metric: cost_per_resolve, test: ratio, maxIncrease: 10% }');
  const problem = onlyProblem(result, 'policy/unknown-metric');
  assertAt(problem, P, positionOf(text, 'cost_per_resolve,'));
  assert.equal(problem.hint, 'did you mean `cost_per_resolved`?');
});

test('the cost-effectiveness example (examples/cost-effectiveness) validates with no problem', async () => {
  const { readFileSync, readdirSync, statSync } = await import('node:fs');
  const { join, relative } = await import('node:path');
  const { loadRepository } = await import('../../../src/core/validate/load-repository.js');
  const root = join(import.meta.dirname, '../../../examples/cost-effectiveness');
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split('\\').join('/'), readFileSync(path));
    }
  };
  walk(root);
  const { repository, problems } = loadRepository({ files, problems: [] });
  assert.deepEqual(problems, []);
  const gates = repository.policies.get('cost-aware-upgrade')?.value.spec.gates ?? {};
  assert.deepEqual(Object.values(gates).map((g) => g.test).sort(), ['net-benefit', 'ratio']);
});
