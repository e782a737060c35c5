import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USERS_POLICY } from '../../bench/judges/glidepath.js';
import { asWritten, planEstimate, sizePolicy, sizePolicyPowerFirst } from '../../bench/judges/sizing.js';
import { USERS } from '../../bench/judges/users.js';
import { USER_SCENARIOS } from '../../bench/judges/users.js';
import type { RolloutPolicy } from '../../src/core/model/index.js';

const scenario = (key: string) => USER_SCENARIOS.find((s) => s.key === key)!;

test('the benchmark sizes the policy of a clustered scenario (ρ 0.02) so that the plan warns about none of its stages', () => {
  const sized = sizePolicy(USERS_POLICY, scenario('users-0.02'));
  assert.deepEqual(sized.warnings, []);
  // Sized in users from the declared per-user figures, every gate fits within its stage's minDuration.
  const estimate = planEstimate(sized.policy, sized.population);
  for (const stage of estimate.stages.filter((s) => s.minDurationHours !== undefined && (s.weight ?? 0) < 100)) {
    for (const gate of stage.gates) {
      assert.equal(gate.sizing?.kind, 'delta', `${stage.stage}/${gate.gate} sized per user`);
      assert.ok(gate.hours! <= stage.minDurationHours!, `${stage.stage}/${gate.gate} needs ${gate.hours} h within ${stage.minDurationHours} h`);
    }
  }
  // Following the plan made the first stage larger than written; the margins are as written.
  assert.ok(sized.weights[0]! > 5, `first stage ${sized.weights[0]} %`);
  assert.equal(sized.errorMargin, undefined);
  assert.equal(sized.policy.spec.gates?.['errors']?.nonInferiority, '0.3pp');
});

test('the policy as written is warned about under clustering: at ρ 0.1 the plan says no duration lets its 5 % stage reach the users the error gate needs', () => {
  const written = asWritten(USERS_POLICY, scenario('users-0.1'));
  assert.deepEqual(written.weights, [5, 25]);
  assert.ok(written.warnings.some((w) => w.startsWith('canary-5: gate errors') && w.includes('5 % of 50,000 active users is 2,500: no duration is enough — raise the weight to ≥')), written.warnings.join('\n'));
  assert.ok(asWritten(USERS_POLICY, scenario('users-0.02')).warnings.length > 0);
});

test('the benchmark declares the simulation\'s population as a team would: its 50,000 users and the distinct users of a champion day', () => {
  const sized = sizePolicy(USERS_POLICY, scenario('users-0.1'));
  assert.equal(sized.population?.activeUsers, USERS);
  // About 29,000 of the 50,000 come in a day (light users hold ~0.85 conversations a day; heavy users all come).
  assert.ok(sized.population.usersPerDay! > 25_000 && sized.population.usersPerDay! < 33_000, `${sized.population.usersPerDay} users a day`);
});

test('with the population declared, the policies sized for ρ 0.1 and concentrated errors draw no plan warning and every canary stage can reach the users its gates need', () => {
  for (const key of ['users-0.1', 'concentrated']) {
    const sized = sizePolicy(USERS_POLICY, scenario(key));
    assert.deepEqual(sized.warnings, [], key);
    for (const stage of planEstimate(sized.policy, sized.population).stages.filter((s) => (s.weight ?? 0) < 100)) {
      for (const gate of stage.gates) {
        assert.equal(gate.population?.unreachable, false, `${key} ${stage.stage}/${gate.gate}`);
        assert.ok(gate.unitsPerArm!.canary < gate.population.reachable.canary, `${key} ${stage.stage}/${gate.gate}: ${gate.unitsPerArm!.canary} of ${gate.population.reachable.canary}`);
      }
    }
  }
});

test('at the 99 % power the team states first, no stage weight lets the population of the ρ 0.1 or the concentrated-errors scenario show the error gate\'s written 0.3pp bound: the sizing falls back to a lower power before a wider margin', () => {
  for (const key of ['users-0.1', 'concentrated']) {
    const sized = sizePolicy(USERS_POLICY, scenario(key));
    assert.ok(sized.power < 0.99, `${key} sized at ${sized.power}`);
    const gates = sized.policy.spec.gates!;
    const at99: RolloutPolicy = { ...sized.policy, spec: { ...sized.policy.spec, analysis: { ...sized.policy.spec.analysis, power: 0.99 }, gates: { ...gates, errors: { ...gates['errors']!, nonInferiority: '0.3pp' } } } };
    const errors = planEstimate(at99, sized.population).stages.flatMap((s) => s.gates.filter((g) => g.gate === 'errors'));
    assert.ok(errors.length > 0 && errors.every((g) => g.population?.unreachable === true && g.population.minWeight === undefined), `${key}: ${JSON.stringify(errors.map((g) => g.population))}`);
  }
  assert.equal(sizePolicy(USERS_POLICY, scenario('users-0.1')).errorMargin, undefined);
});

test('sized power-first, the ρ 0.1 scenario keeps the 99 % power the team stated, draws no plan warning and widens the error gate\'s margin beyond the written 0.3pp', () => {
  const sized = sizePolicyPowerFirst(USERS_POLICY, scenario('users-0.1'));
  assert.equal(sized.power, 0.99);
  assert.equal(sized.policy.spec.analysis?.power, 0.99);
  assert.deepEqual(sized.warnings, []);
  const margin = sized.policy.spec.gates?.['errors']?.nonInferiority;
  assert.equal(margin, sized.errorMargin);
  assert.match(margin ?? '', /^\d+(\.\d+)?pp$/);
  assert.ok(Number.parseFloat(margin!) > 0.3, `error nonInferiority ${margin}`);
});
