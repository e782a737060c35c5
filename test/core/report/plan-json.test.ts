import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import { estimatePlanPower } from '../../../src/core/plan/plan-power.js';
import { renderPlanJson, stringifySharing } from '../../../src/core/report/plan-json.js';
import { edit, repositoryOf, weakeningPullRequest } from '../plan/quickstart.js';

test('the JSON plan, its pieces joined, is exactly JSON.stringify with two-space indentation, for releases that share their policy\'s stages', () => {
  const pr = weakeningPullRequest();
  for (const name of ['faq-prompt', 'faq-prompt-2']) {
    pr.head[`releases/${name}.yaml`] = pr.base['releases/summarizer-prompt.yaml']!.replace('name: summarizer-prompt', `name: ${name}`).replace('key: ticket-summarizer', `key: ${name}`);
  }
  edit(pr.head, 'releases/support-assistant.yaml', 'maxTokens: 400', 'maxTokens: 300');
  const plan = buildPlan({ base: repositoryOf(pr.base), head: repositoryOf(pr.head), baseRef: 'a'.repeat(40), headRef: 'b'.repeat(40), power: estimatePlanPower });
  const shared = plan.releases.filter((r) => r.policy?.name === 'prompt-tweak');
  assert.ok(shared.length >= 2 && shared[0]!.stages === shared[1]!.stages, 'the fixture has releases sharing one stages array');
  assert.equal(renderPlanJson(plan).join(''), JSON.stringify(plan, null, 2));
});

test('the sharing serializer writes what JSON.stringify writes: omitted and null members, empty containers, repeats at other depths', () => {
  const leaf = { a: [1, { b: 'x\ny' }], c: undefined, d: null, e: {}, f: [] };
  const list = [leaf, leaf, undefined, () => 1];
  const value = { list, again: list, nested: { deeper: { leaf, more: [leaf, { leaf }] } }, fn: () => 1, when: new Date(0), s: '–→', n: Number.NaN, empty: {} };
  for (const levels of [0, 1, 2, 3, 6]) assert.equal(stringifySharing(value, levels).join(''), JSON.stringify(value, null, 2), `levels ${levels}`);
  assert.equal(stringifySharing([]).join(''), '[]');
  assert.equal(stringifySharing('text').join(''), '"text"');
  assert.deepEqual(stringifySharing(undefined), [], 'a value JSON leaves out writes nothing');
});
