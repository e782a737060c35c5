import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAt, CONFIG, loadWith, onlyProblem, positionOf, release } from './repo-fixture.js';

const R = 'releases/assistant.yaml';
const WITH_SAGEMAKER = CONFIG.replace('  metrics:\n', '    - name: endpoint\n      type: sagemaker\n      region: eu-west-1\n  metrics:\n');

test('a release target carries the fields its provider type needs, and validates clean', () => {
  const text = release('assistant', `policy: default
target: { provider: endpoint, key: support-endpoint, championVariant: v1, challengerVariant: v2 }
champion: { model: a }
challenger: { model: b }
`);
  const result = loadWith({ 'glidepath.yaml': WITH_SAGEMAKER, [R]: text });
  assert.deepEqual(result.problems.filter((p) => p.severity === 'error'), []);
});

test('a misspelt provider field in a release target is an error at its key, with the field it was meant to be', () => {
  const text = release('assistant', `policy: default
target: { provider: endpoint, key: support-endpoint, championVariant: v1, challengerVarient: v2 }
champion: { model: a }
challenger: { model: b }
`);
  const problem = onlyProblem(loadWith({ 'glidepath.yaml': WITH_SAGEMAKER, [R]: text }), 'schema/unknown-field');
  assertAt(problem, R, positionOf(text, 'challengerVarient'));
  assert.equal(problem.message, 'unknown field `challengerVarient` in spec.target for a sagemaker provider');
  assert.equal(problem.hint, 'did you mean `challengerVariant`?');
});
