import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggest } from '../../../src/core/validate/did-you-mean.js';
import { formatFieldPath, parseInstancePath } from '../../../src/core/validate/field-path.js';
import { CONFIG, assertAt, loadWith, onlyProblem, policy, positionOf, release } from './repo-fixture.js';

const P = 'policies/default.yaml';
const R = 'releases/assistant.yaml';

test('an unknown field names its place and the field it was probably meant to be', () => {
  const text = policy('default', `strategy: canary
stages:
  - { name: canary, weight: 10 }
  - name: full
    weight: 100
    minDuraton: 1h
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problem = onlyProblem(loadWith({ [P]: text }), 'schema/unknown-field');
  assertAt(problem, P, positionOf(text, 'minDuraton'));
  assert.equal(problem.message, 'unknown field `minDuraton` in spec.stages[1]');
  assert.equal(problem.hint, 'did you mean `minDuration`?');
  assert.equal(problem.field, 'spec.stages[1].minDuraton');
});

test('an unknown field with no close match lists the allowed fields', () => {
  const text = release('assistant', `policy: default
target: { provider: flags, key: assistant, colour: red }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'schema/unknown-field');
  assert.equal(problem.hint, 'allowed here: provider, key');
  assert.equal(problem.message, 'unknown field `colour` in spec.target for a flagd provider');
});

test('a missing required field is reported at its parent with what the field is for', () => {
  const text = release('assistant', `policy: default
target: { provider: flags }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'schema/missing-field');
  assertAt(problem, R, positionOf(text, 'target:'));
  assert.equal(problem.message, 'missing required field `key` in spec.target');
  assert.equal(problem.hint, "the provider's resource: a flag key, an endpoint name or a gateway config id");
});

test('a value of the wrong type says what was expected and what was found', () => {
  const text = policy('default', `strategy: canary
stages:
  - { name: canary, weight: "10%" }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const problem = onlyProblem(loadWith({ [P]: text }), 'schema/type');
  assertAt(problem, P, positionOf(text, '"10%"'));
  assert.equal(problem.message, '`spec.stages[0].weight` must be a number, not text');
  assert.equal(problem.hint, 'write the number on its own, without quotes or units');
});

test('an empty value is called empty', () => {
  const text = release('assistant', `policy:
target: { provider: flags, key: assistant }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'schema/type');
  assert.equal(problem.message, '`spec.policy` must be text, not empty');
});

test('an enum lists the allowed values and suggests the nearest', () => {
  const text = policy('default', POLICY_WITH('strategy: canery'));
  const problem = onlyProblem(loadWith({ [P]: text }), 'schema/enum');
  assertAt(problem, P, positionOf(text, 'canery'));
  assert.equal(problem.message, '`spec.strategy` must be one of: canary, shadow-then-canary, blue-green, rings, ab');
  assert.equal(problem.hint, 'did you mean `canary`?');
});

function POLICY_WITH(strategyLine: string): string {
  return `${strategyLine}\nstages:\n  - { name: full, weight: 100 }\nrollback:\n  - { metric: error_rate, increase: 2pp }\n`;
}

test('an unknown provider type lists the supported ones, once', () => {
  const text = CONFIG.replace('type: flagd', 'type: flagg');
  const result = loadWith({ 'glidepath.yaml': text });
  assert.equal(result.problems.length, 1);
  const problem = onlyProblem(result, 'schema/unknown-type');
  assertAt(problem, 'glidepath.yaml', positionOf(text, 'flagg'));
  assert.equal(problem.message, 'unknown provider type `flagg`; supported: azure-ml, flagd, kserve, launchdarkly, litellm, portkey, sagemaker, statsig, unleash, vertex-ai, webhook');
  assert.equal(problem.hint, 'did you mean `flagd`?');
});

test('a provider without a type is told which types exist', () => {
  const text = CONFIG.replace('      type: flagd\n', '');
  const problem = onlyProblem(loadWith({ 'glidepath.yaml': text }), 'schema/unknown-type');
  assert.equal(problem.message, '`spec.providers[0]` needs a `type`; supported: azure-ml, flagd, kserve, launchdarkly, litellm, portkey, sagemaker, statsig, unleash, vertex-ai, webhook');
});

test('a malformed margin is one problem that explains margins, not one per oneOf branch', () => {
  const text = policy('default', `strategy: canary
stages:
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: "5" }
`);
  const result = loadWith({ [P]: text });
  assert.equal(result.problems.length, 1);
  const problem = onlyProblem(result, 'schema/margin');
  assertAt(problem, P, positionOf(text, '"5"'));
  assert.match(problem.message, /must be a margin: `0\.5pp` \(percentage points\), `10%` \(relative to control\)/);
});

test('an invalid gate name is reported at the name with a valid spelling', () => {
  const text = policy('default', `strategy: canary
stages:
  - { name: full, weight: 100, gates: [Error_Rate] }
gates:
  Error_Rate: { metric: error_rate, test: proportions, maxIncrease: 1pp }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const result = loadWith({ [P]: text });
  const problem = result.problems.find((p) => p.rule === 'schema/name');
  assert.ok(problem);
  assertAt(problem, P, positionOf(text, 'Error_Rate:'));
  assert.equal(problem.hint, 'try `error-rate`');
  assert.equal(result.problems.filter((p) => p.field === 'spec.gates["Error_Rate"]' && p.rule !== 'schema/name').length, 0);
});

test('a value in the wrong form quotes the rule from the schema', () => {
  const text = release('assistant', `policy: Default_Policy
target: { provider: flags, key: assistant }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ [R]: text }), 'schema/format');
  assert.match(problem.message, /^`spec\.policy` is not in the expected form: a lower-case name: letters, digits and dashes/);
  assert.equal(problem.hint, 'try `default-policy`');
});

test('numbers out of range, repeated items and bad dates have their own words', () => {
  const text = policy('default', `strategy: canary
window: { days: [mon, mon], timezone: UTC }
freezes:
  - { from: tomorrow, until: "2026-01-01T00:00:00Z" }
stages:
  - { name: full, weight: 120 }
rollback:
  - { metric: error_rate, increase: 2pp }
`);
  const result = loadWith({ [P]: text });
  assert.equal(onlyProblem(result, 'schema/range').message, '`spec.stages[0].weight` must be at most 100');
  const unique = onlyProblem(result, 'schema/unique');
  assertAt(unique, P, positionOf(text, 'mon]'));
  assert.match(onlyProblem(result, 'schema/format').message, /date and time with an offset/);
});

test('problems inside one document come sorted by line and column', () => {
  const text = policy('default', `strategy: canery
stages:
  - { name: full, weight: 120, colour: red }
rollback: []
`);
  const problems = loadWith({ [P]: text }).problems;
  const positions = problems.map((p) => p.line * 1000 + p.col);
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
  assert.ok(problems.length >= 3);
});

test('edit distance counts a swap of neighbours as one edit and suggestions need to be close', () => {
  assert.equal(editDistance('minDuraton', 'minDuration'), 1);
  assert.equal(editDistance('wieght', 'weight'), 1);
  assert.equal(editDistance('abc', 'xyz'), 3);
  assert.equal(suggest('wieght', ['weight', 'mode']), 'weight');
  assert.equal(suggest('colour', ['weight', 'mode', 'name']), undefined);
  assert.equal(suggest('WEIGHT', ['weight']), 'weight');
});

test('field paths read the way users write them', () => {
  assert.equal(formatFieldPath(['spec', 'stages', 2, 'weight']), 'spec.stages[2].weight');
  assert.equal(formatFieldPath(['spec', 'gates', 'latency-p99', 'max']), 'spec.gates.latency-p99.max');
  assert.equal(formatFieldPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels["app.kubernetes.io/name"]');
  assert.deepEqual(parseInstancePath('/spec/stages/0/weight', { spec: { stages: [{}] } }), ['spec', 'stages', 0, 'weight']);
  assert.deepEqual(parseInstancePath('/spec/gates/0', { spec: { gates: { '0': {} } } }), ['spec', 'gates', '0']);
  assert.deepEqual(parseInstancePath('/a~1b/c~0d', {}), ['a/b', 'c~d']);
});
