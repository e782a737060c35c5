// A product's users are finite: a stage at weight w reaches at most w × N of them however long
// it runs, so `plan` says when a gate sized in users needs more (decision 0021).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchLikePolicy, errorGate, planPowerOf } from './bench-like-plan.js';

function policy() {
  return benchLikePolicy({ errors: errorGate({ requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.1 }) });
}

function planPower(traffic: Record<string, number>, configTraffic?: Record<string, number>) {
  return planPowerOf(policy(), traffic, configTraffic);
}

test('a 5 % stage needing ~5,405 canary users of 40,000 active users is told no duration is enough and the weight that would be', () => {
  const canary5 = planPower({ requestsPerHour: 50_000, activeUsers: 40_000 }).get('canary-5')!;
  const warning = canary5.warnings.find((w) => /no duration is enough/.test(w));
  assert.match(warning ?? canary5.warnings.join('\n'), /^canary-5: gate errors needs ~5,405 canary users to show error_rate within 0\.3pp; 5 % of 40,000 active users is 2,000: no duration is enough — raise the weight to ≥ 16 % or loosen the bound$/);
  assert.ok(!canary5.warnings.some((w) => /will hold and/.test(w)), 'the population warning replaces the maxDuration one');
  assert.equal(canary5.hoursNeeded, undefined);
  assert.equal(canary5.users?.enough, false);
  assert.equal(canary5.users?.reachable.canary, 2_000);
  // Not 5,405 / 40,000 = 14 %: at a higher weight the canary is a larger share, so it needs more users itself.
  assert.equal(canary5.users?.minWeight, 16);
});

test('the weight the population warning names is one at which the population suffices', () => {
  const canary5 = planPower({ requestsPerHour: 50_000, activeUsers: 40_000 }).get('canary-5')!;
  const w = canary5.users!.minWeight!;
  const at = (weight: number) => {
    const p = policy();
    const stages = [{ ...p.spec.stages[0]!, weight }];
    return planPowerOf({ ...p, spec: { ...p.spec, stages } }, { requestsPerHour: 50_000, activeUsers: 40_000 }).get('canary-5')!;
  };
  assert.equal(at(w).users?.enough, true);
  assert.equal(at(w - 1).users?.enough, false);
});

test('users converted to hours saturate at the population: the same users take longer to reach than at the linear rate', () => {
  // Without a population they take users × 48 / 12,500 h; with N = 40,000
  // and r = 50,000 / 48 users an hour, −(N/r)·ln(1 − U/(0.25·N)) h, longer.
  const linear = planPower({ requestsPerHour: 50_000 }).get('canary-25')!;
  const capped = planPower({ requestsPerHour: 50_000, activeUsers: 40_000 }).get('canary-25')!;
  assert.equal(capped.users?.enough, true);
  const u = capped.users!.needed.canary;
  const r = 50_000 / 48;
  const expected = (-40_000 / r) * Math.log(1 - u / 10_000);
  assert.ok(Math.abs(capped.hoursNeeded! / expected - 1) < 1e-9, `${capped.hoursNeeded} vs ${expected}`);
  assert.ok(capped.hoursNeeded! > linear.hoursNeeded!, `${capped.hoursNeeded} > ${linear.hoursNeeded}`);
});

test('usersPerDay sets the arrival rate, and the config\'s population applies when the release states none', () => {
  const capped = planPower({ requestsPerHour: 50_000 }, { requestsPerHour: 1, activeUsers: 40_000, usersPerDay: 20_000 }).get('canary-25')!;
  const u = capped.users!.needed.canary;
  // 20,000 of 40,000 a day: r = −(40,000/24)·ln(1/2) users an hour.
  const r = (-40_000 / 24) * Math.log(0.5);
  const expected = (-40_000 / r) * Math.log(1 - u / 10_000);
  assert.ok(Math.abs(capped.hoursNeeded! / expected - 1) < 1e-9, `${capped.hoursNeeded} vs ${expected}`);
});

test('without a population the plan keeps its former linear users-to-hours conversion', () => {
  const canary5 = planPower({ requestsPerHour: 50_000 }).get('canary-5')!;
  assert.equal(canary5.users, undefined);
  assert.ok(canary5.warnings.some((w) => /will hold and roll back/.test(w)));
});
