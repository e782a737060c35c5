// The plan's power for rate and mean gates under per-user assignment (decision 0012): sized in
// users by the design effect 1 + (m − 1)ρ or by the delta-method variance of per-user sums, and
// an honest caveat when nothing per-user is declared.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { designEffectOf, resolveUnitSizing, unitRatioVariance } from '../../../src/core/power/unit-power.js';
import { estimateStagePower, type GatePower } from '../../../src/core/power/stage-power.js';
import { requiredSamplesPerArm } from '../../../src/core/stats/index.js';
import type { Gate, RolloutPolicy } from '../../../src/core/model/index.js';
import { METRICS, policyWith } from '../gates/fixtures.js';

const near = (actual: number, expected: number, tolerance = 0.002) => assert.ok(Math.abs(actual / expected - 1) <= tolerance, `${actual} is not within ${tolerance * 100}% of ${expected}`);

for (const c of [
  { m: 1, rho: 0.5, effect: 1, says: 'one request per user has no design effect' },
  { m: 20, rho: 0, effect: 1, says: 'independent requests of one user have no design effect' },
  { m: 20, rho: 0.02, effect: 1.38, says: '20 requests per user at ρ 0.02 need 1.38 times the requests' },
  { m: 20, rho: 0.1, effect: 2.9, says: '20 requests per user at ρ 0.1 need 2.9 times the requests' },
  { m: 48, rho: 1, effect: 48, says: 'identical requests of one user count as one' },
]) {
  test(`Kish's design effect: ${c.says}`, () => {
    near(designEffectOf(c.m, c.rho), c.effect, 1e-12);
  });
}

// R 4.2.2: power.prop.test(p1 = 0.01, p2 = 0.013, power = 0.8, sig.level = 0.05, alternative = "one.sided")$n
// = 15617.123625; × (1 + (20 − 1)·0.02) = 21551.630603, × (1 + (20 − 1)·0.1) = 45289.658513.
for (const c of [
  { rho: 0.02, n: 21_551.630603, call: 'power.prop.test(p1 = 0.01, p2 = 0.013, power = 0.8, sig.level = 0.05, alternative = "one.sided")$n * (1 + (20 - 1) * 0.02)' },
  { rho: 0.1, n: 45_289.658513, call: 'power.prop.test(p1 = 0.01, p2 = 0.013, power = 0.8, sig.level = 0.05, alternative = "one.sided")$n * (1 + (20 - 1) * 0.1)' },
]) {
  test(`the requests a clustered rate needs match R's ${c.call}`, () => {
    const independent = requiredSamplesPerArm({ kind: 'proportion', baseline: 0.01, margin: 0.003, alpha: 0.05, power: 0.8, sides: 1 });
    near(independent.exact.control * designEffectOf(20, c.rho), c.n, 1e-6);
  });
}

test('the delta-method variance of one user\'s contribution matches R\'s var(x - R*y) / mean(y)^2 on per-user sums', () => {
  // R 4.2.2: x <- c(0,1,0,2,0,0,1,3); y <- c(10,20,15,30,5,12,25,40); R <- sum(x)/sum(y);
  // var(x - R*y)/mean(y)^2 = 0.0010852129, from mean(x), sd(x), mean(y), sd(y), cor(x, y) below.
  const v = unitRatioVariance({ meanX: 0.875, sdX: 1.1259916265, meanY: 19.625, sdY: 11.575065566, correlation: 0.9604425019 });
  near(v, 0.0010852129, 1e-7);
});

const sizings: { says: string; gate: Partial<Gate>; analysis?: RolloutPolicy['spec']['analysis']; kind: string; effect?: number }[] = [
  { says: 'per request assignment sizes requests as independent', gate: { unitBaseline: { requestsPerUnit: 20, intraUnitCorrelation: 0.1 } }, analysis: { unit: 'request' }, kind: 'independent' },
  { says: 'per user assignment with nothing declared is unknown', gate: {}, kind: 'unknown' },
  { says: 'a declared intra-user correlation and requests per user give Kish\'s design effect', gate: { unitBaseline: { requestsPerUnit: 20, intraUnitCorrelation: 0.1 } }, analysis: { designEffect: 7 }, kind: 'design-effect', effect: 2.9 },
  { says: 'the policy\'s declared design effect applies when the gate declares no correlation', gate: { unitBaseline: { requestsPerUnit: 20 } }, analysis: { designEffect: 3 }, kind: 'design-effect', effect: 3 },
  { says: 'declared per-user sums take the delta method', gate: { unitBaseline: { meanX: 0.2, sdX: 0.6, meanY: 20, sdY: 15, correlation: 0.4 } }, kind: 'delta' },
  { says: 'per-user sums without their correlation do not take the delta method', gate: { unitBaseline: { meanX: 0.2, sdX: 0.6, meanY: 20, sdY: 15 } }, kind: 'unknown' },
];
for (const c of sizings) {
  test(`a rate gate's sizing: ${c.says}`, () => {
    const sizing = resolveUnitSizing({ metric: 'error_rate', test: 'proportions', ...c.gate }, c.analysis);
    assert.equal(sizing.kind, c.kind);
    if (c.effect !== undefined) near((sizing as { designEffect: number }).designEffect, c.effect, 1e-12);
  });
}

function estimate(gate: Gate, analysis?: RolloutPolicy['spec']['analysis']) {
  const { policy } = policyWith({ gates: { g: gate }, stage: { minDuration: '2h', maxDuration: '48h' }, ...(analysis ? { spec: { analysis } } : {}) });
  return estimateStagePower({ release: 'r', policy, metrics: METRICS, requestsPerHour: 50_000 });
}
const gateOf = (e: ReturnType<typeof estimate>): GatePower => e.stages[0]!.gates[0]!;
const errors: Gate = { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' };

test('a rate gate with a declared intra-user correlation needs the independent requests times 1 + (m − 1)ρ, and those requests over m users', () => {
  const plain = gateOf(estimate(errors, { unit: 'request' }));
  const clustered = gateOf(estimate({ ...errors, unitBaseline: { requestsPerUnit: 20, intraUnitCorrelation: 0.1 } }));
  near(clustered.samplesPerArm!.control, plain.samplesPerArm!.control * 2.9, 1e-4);
  near(clustered.samplesPerArm!.canary, plain.samplesPerArm!.canary * 2.9, 1e-3);
  near(clustered.unitsPerArm!.canary, clustered.samplesPerArm!.canary / 20, 1e-3);
  near(clustered.hours!, plain.hours! * 2.9, 1e-3);
});

test('a mean gate with declared per-user sums is sized in users by their delta-method variance', () => {
  // Latency totals per user: mean 16,000 ms over 20 requests (800 ms a request), sd 14,000, request
  // count sd 15, correlation 0.9: σ_u² = (14000² − 2·800·0.9·14000·15 + 800²·15²) / 20² = 94,000 ms²;
  // a 5% margin is 40 ms: n_control = 3.6211²·94,000·20 / 40² ≈ 15,407 users, canary ≈ 811,
  // × 20 requests ≈ 16,220 canary requests ≈ 6.49 h at 2,500 an hour.
  const g = gateOf(estimate({ metric: 'latency_ms', test: 'welch', maxIncrease: '5%', unitBaseline: { meanX: 16_000, sdX: 14_000, meanY: 20, sdY: 15, correlation: 0.9 } }));
  near(g.unitsPerArm!.control, 15_407, 0.003);
  near(g.unitsPerArm!.canary, 811, 0.003);
  near(g.samplesPerArm!.canary, 16_220, 0.003);
  near(g.hours!, 6.49, 0.003);
  assert.deepEqual(g.baseline, { mean: 800, sd: 400, source: 'observed' });
});

test('a rate gate under per-user assignment with nothing per-user declared is said to be optimistic by an unknown factor', () => {
  const e = estimate(errors);
  assert.equal(gateOf(e).sizing?.kind, 'unknown');
  assert.ok(e.warnings.some((w) => /^canary-5: gate g is sized as if requests were independent, but users stay on one arm .* optimistic by an unknown factor/.test(w)), e.warnings.join('\n'));
  const perRequest = estimate(errors, { unit: 'request' });
  assert.ok(!perRequest.warnings.some((w) => /optimistic/.test(w)), 'no caveat when requests are assigned independently');
  const declared = estimate({ ...errors, unitBaseline: { requestsPerUnit: 20, intraUnitCorrelation: 0.02 } });
  assert.ok(!declared.warnings.some((w) => /optimistic/.test(w)), 'no caveat when the gate is sized in users');
});

test('Kish\'s design effect weighs users by their requests: 48 a user on average with an sd of 70 count as 150 a user', () => {
  // m_w = 48 + 70² / 48 = 150.08; 1 + 149.08·0.1 = 15.908 (equal users: 1 + 47·0.1 = 5.7).
  near(designEffectOf(48, 0.1, 70), 15.908, 1e-4);
  near(designEffectOf(48, 0.1), 5.7, 1e-12);
  const sizing = resolveUnitSizing({ metric: 'error_rate', test: 'proportions', unitBaseline: { requestsPerUnit: 48, sdY: 70, intraUnitCorrelation: 0.1 } }, undefined);
  assert.equal(sizing.kind, 'design-effect');
  near((sizing as { designEffect: number }).designEffect, 15.908, 1e-4);
});
