import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRepository } from '../../../src/core/validate/load-repository.js';
import { YAML_LIMITS } from '../../../src/core/yaml/limits.js';
import type { ProviderCapabilities } from '../../../src/ports/traffic-provider.js';
import { assertAt, onlyProblem, policy, positionOf, release, RELEASE_BODY, snapshotWith } from './repo-fixture.js';

const P = 'policies/default.yaml';
const RULE = 'policy/provider-capability';
const PLAIN: ProviderCapabilities = { shadow: 'none', segments: false, weightStep: 5, settles: 'now' };
const FULL: ProviderCapabilities = { shadow: 'marker', segments: true, weightStep: 0.01, settles: 'now' };

const RINGS = `strategy: rings
stages:
  - { name: shadow, mode: shadow }
  - { name: internal, weight: 0, segment: { attribute: tenantId, values: [acme] } }
  - { name: canary, weight: 12.5 }
  - { name: full, weight: 100 }
rollback:
  - { metric: error_rate, increase: 2pp }
`;

function load(capabilities: ProviderCapabilities | undefined, files: Record<string, string> = {}) {
  return loadRepository(snapshotWith({ [P]: policy('default', RINGS), ...files }), YAML_LIMITS, capabilities ? { providerCapabilities: { flagd: capabilities } } : {});
}

test('a ring stage on a provider without segments is an error at the stage’s segment line, naming the release, the provider and the fix', () => {
  const text = policy('default', RINGS);
  const problems = load(PLAIN).problems.filter((p) => p.rule === RULE);
  const segment = problems.find((p) => p.field === 'spec.stages[1].segment')!;
  assertAt(segment, P, positionOf(text, 'segment:'));
  assert.match(segment.message, /stage `internal` routes the tenantId ring, but provider flags \(flagd\) cannot route segments, which release assistant uses/);
  assert.match(segment.hint ?? '', /remove `segment` from the stage/);
});

test('a shadow stage on a provider with shadow: none and a weight off the provider’s step are errors at their stages', () => {
  const problems = load(PLAIN).problems.filter((p) => p.rule === RULE);
  assert.deepEqual(problems.map((p) => p.field).sort(), ['spec.stages[0].mode', 'spec.stages[1].segment', 'spec.stages[2].weight']);
  const weight = problems.find((p) => p.field === 'spec.stages[2].weight')!;
  assert.match(weight.message, /asks for 12\.5%, but provider flags \(flagd\) stores weights in steps of 5%/);
  assert.match(weight.hint ?? '', /such as 10 or 15/);
});

test('the same policy is fine for a provider that can carry it out, and unchecked when no capabilities are given', () => {
  assert.deepEqual(load(FULL).problems.filter((p) => p.rule === RULE), []);
  assert.deepEqual(load(undefined).problems.filter((p) => p.rule === RULE), []);
  assert.equal(load(PLAIN).problems.filter((p) => p.rule === RULE).length, 3, 'and the same files do fail against a provider that cannot');
});

test('a policy shared by two releases is reported once per stage, naming both releases', () => {
  const problem = onlyProblem(load({ ...FULL, segments: false }, { 'releases/second.yaml': release('second', RELEASE_BODY.replace('key: assistant', 'key: second')) }), RULE);
  assert.match(problem.message, /which releases assistant, second use$/);
});
