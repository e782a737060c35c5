import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAt, loadWith, onlyProblem, positionOf, release } from './repo-fixture.js';

const R = 'releases/assistant.yaml';
const body = (gate: string) => `policy: default
target: { provider: flags, key: assistant }
champion: { model: a }
challenger: { model: b }
offlineGate: ${gate}
`;

test('an offline gate\'s results file must exist inside the repository, and a promptfoo gate must name both arms', () => {
  const missing = release('assistant', body('{ source: promptfoo, results: evals/result.json, champion: a, challenger: b }'));
  const problem = onlyProblem(loadWith({ [R]: missing, 'evals/results.json': '{}' }), 'release/missing-offline-results');
  assertAt(problem, R, positionOf(missing, 'evals/result.json'));
  assert.equal(problem.hint, 'did you mean `evals/results.json`?');

  const outside = release('assistant', body('{ source: tfma, results: ../blessing/BLESSED }'));
  assertAt(onlyProblem(loadWith({ [R]: outside }), 'path/outside-repository'), R, positionOf(outside, '../blessing/BLESSED'));

  const unlabelled = release('assistant', body('{ source: promptfoo, results: evals/results.json, champion: a }'));
  assert.match(onlyProblem(loadWith({ [R]: unlabelled, 'evals/results.json': '{}' }), 'release/offline-gate-labels').message, /needs `challenger`/);
});
