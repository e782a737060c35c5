// The plan's power estimate for ratio and net-benefit gates (decision 0019): sized in units from
// the gate's declared per-unit figures, then in requests and hours at the stage's traffic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateStagePower, type GatePower } from '../../../src/core/power/stage-power.js';
import type { Gate } from '../../../src/core/model/index.js';
import { METRICS, policyWith } from '../gates/fixtures.js';

function estimate(gate: Gate, minDuration = '2h') {
  const { policy } = policyWith({ gates: { g: gate }, stage: { minDuration } });
  return estimateStagePower({ release: 'r', policy, metrics: METRICS, requestsPerHour: 50_000 });
}
const gateOf = (e: ReturnType<typeof estimate>): GatePower => e.stages[0]!.gates[0]!;
const near = (actual: number, expected: number, tolerance = 0.002) => assert.ok(Math.abs(actual / expected - 1) <= tolerance, `${actual} is not within ${tolerance * 100}% of ${expected}`);

// One gate at alpha 0.05 one-sided, power 0.8, a 5% canary (k = 5/95): the sequential boundary
// tuned at its answer b = 2.7795, z_0.8 = 0.8416 (as in stage-power.test.ts).
const unitBaseline = { requestsPerUnit: 12, meanX: 0.2, sdX: 0.24, meanY: 2, sdY: 1.8, correlation: 0.6 };

test('a ratio gate needs (b + z)²·(CVx² + CVy² − 2ρ·CVx·CVy)·(1 + 1/k) / log(1 + m)² users in control, and the requests they send', () => {
  // CVx 1.2, CVy 0.9, ρ 0.6: unit variance of log x − log y = 1.44 + 0.81 − 1.296 = 0.954;
  // n_control = 3.6211² · 0.954 · 20 / log(1.1)² ≈ 27,541 users, canary ≈ 1,450; ×12 requests each
  // ≈ 330,497 / 17,395 requests; 17,395 canary requests at 2,500/h ≈ 6.96 h.
  const g = gateOf(estimate({ metric: 'cost_per_call', test: 'ratio', maxIncrease: '10%', unitBaseline }));
  near(g.unitsPerArm!.control, 27_541);
  near(g.unitsPerArm!.canary, 1_450);
  near(g.samplesPerArm!.canary, 17_395);
  near(g.hours!, 6.96);
  assert.equal(g.enough, false);
  assert.equal(g.baseline.source, 'observed');
  assert.ok(g.detectableInMinDuration!.relative > 0.1, 'in 2 h only a larger change in the ratio can be seen');
  assert.match(g.detectableInMinDuration!.text, /% in the ratio$/);
});

test('a ratio gate without a unit baseline assumes CVs of 1, a correlation of 0.5 and 20 requests per user, and says so', () => {
  const e = estimate({ metric: 'cost_per_call', test: 'ratio', maxIncrease: '10%' });
  const g = gateOf(e);
  // Unit variance 1 + 1 − 1 = 1: n_control = 3.6211² · 20 / log(1.1)² ≈ 28,869.
  near(g.unitsPerArm!.control, 28_869);
  assert.equal(g.baseline.source, 'default');
  assert.ok(e.assumptions.some((a) => /cost_per_call \(gate g\): assumed 20 requests per unit, a correlation of 0\.5 .*coefficient of variation of 1 for x/.test(a)), e.assumptions.join('\n'));
});

test('a net-benefit gate needs (b + z)²·(λ²σq² + σc² − 2λρσqσc)·(1 + 1/k) / (expected − floor)² users in control', () => {
  // Cost is x (a lower-is-better metric): σc 0.3, σq 2, ρ 0.6, λ 0.5: 1 + 0.09 − 0.36 = 0.73;
  // expected 0.05 over a floor of −0.02: n_control = 3.6211² · 0.73 · 20 / 0.07² ≈ 39,070, canary ≈ 2,056.
  const e = estimate({ metric: 'cost_per_call', test: 'net-benefit', willingnessToPay: 0.5, minNetBenefit: -0.02, unitBaseline: { ...unitBaseline, sdX: 0.3, sdY: 2, netBenefit: 0.05 } });
  const g = gateOf(e);
  near(g.unitsPerArm!.control, 39_070);
  near(g.unitsPerArm!.canary, 2_056);
  near(g.samplesPerArm!.canary, 2_056 * 12, 0.003);
  assert.deepEqual(g.effect, { text: '0.07 USD net-benefit', absolute: 0.07 });
  assert.ok(e.assumptions.some((a) => /sized in users from their unitBaseline/.test(a)));
  assert.ok(!e.assumptions.some((a) => /request-level sizes/.test(a)), 'no request-level caveat when every gate is judged on users');
});

test('a net-benefit gate whose expected net benefit does not clear its floor gets a note and a plan warning, not a size', () => {
  const e = estimate({ metric: 'cost_per_call', test: 'net-benefit', willingnessToPay: 0.5, unitBaseline: { sdX: 0.3, sdY: 2 } });
  const g = gateOf(e);
  assert.equal(g.samplesPerArm, undefined);
  assert.match(g.note!, /can never be shown above the floor 0/);
  assert.ok(e.warnings.some((w) => /gate g: a challenger with the expected net benefit 0/.test(w)));
  const noSpread = gateOf(estimate({ metric: 'cost_per_call', test: 'net-benefit', willingnessToPay: 0.5, minNetBenefit: -0.1 }));
  assert.match(noSpread.note!, /needs unitBaseline\.sdX and sdY/);
});
