import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USERS_POLICY } from '../../bench/judges/glidepath.js';
import { asWritten, planEstimate, sizePolicy } from '../../bench/judges/sizing.js';
import { USER_SCENARIOS } from '../../bench/judges/users.js';

const scenario = (key: string) => USER_SCENARIOS.find((s) => s.key === key)!;

test('the benchmark sizes the policy of a clustered scenario (ρ 0.02) so that the plan warns about none of its stages', () => {
  const sized = sizePolicy(USERS_POLICY, scenario('users-0.02'));
  assert.deepEqual(sized.warnings, []);
  // Sized in users from the declared per-user figures, every gate fits within its stage's minDuration.
  const estimate = planEstimate(sized.policy);
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

test('the policy as written is warned about under clustering: at ρ 0.1 the plan says its 5 % stage will hold and roll back a good challenger', () => {
  const written = asWritten(USERS_POLICY, scenario('users-0.1'));
  assert.deepEqual(written.weights, [5, 25]);
  assert.ok(written.warnings.some((w) => w.startsWith('canary-5: gate errors') && w.includes('will hold and roll back a good challenger')), written.warnings.join('\n'));
  assert.ok(asWritten(USERS_POLICY, scenario('users-0.02')).warnings.length > 0);
});
