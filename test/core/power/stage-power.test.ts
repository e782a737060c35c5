import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateStagePower, type Baseline, type GatePower } from '../../../src/core/power/stage-power.js';
import { plannedArmSamples, stageArmRates } from '../../../src/core/power/stage-traffic.js';
import type { Gate, Stage } from '../../../src/core/model/index.js';
import { METRICS, policyWith } from '../gates/fixtures.js';
import type { Overrides } from '../../support/overrides.js';

function estimate(gate: Gate, stage: Overrides<Stage> = {}, requestsPerHour: number | undefined = 50_000, baselines?: Record<string, Baseline>) {
  const { policy } = policyWith({ gates: { g: gate }, stage: { minDuration: '2h', ...stage } });
  return estimateStagePower({ release: 'r', policy, metrics: METRICS, requestsPerHour, ...(baselines ? { baselines } : {}) });
}

const gateOf = (e: ReturnType<typeof estimate>): GatePower => e.stages[0]!.gates[0]!;
const near = (actual: number, expected: number, tolerance = 0.002) => assert.ok(Math.abs(actual / expected - 1) <= tolerance, `${actual} is not within ${tolerance * 100}% of ${expected}`);

// Shared constants: one gate, alpha 0.05 one-sided, power 0.8, a 5% canary (k = 5/95).
// Sequential boundary tuned at its own answer: r = c = −2 ln 0.05 + ln(1 − 2 ln 0.05) = 7.9359,
// b = √(2(1 + 1/r)·ln(√(1 + r)/(2·0.05) + 1)) = √(2.2520·3.4308) = 2.7795; z_0.8 = 0.8416.

test('a rate gate needs the two-proportion sample size at the sequential boundary', () => {
  // p₁ = 1 % (default), p₂ = 1.5 %, p̄ = (0.01 + k·0.015)/(1 + k) = 0.010250
  // n_control = ((b·√(p̄(1 − p̄)(1 + 1/k)) + z·√(p₁(1 − p₁) + p₂(1 − p₂)/k)) / 0.005)²
  //           = ((2.7795·0.45044 + 0.8416·0.53909) / 0.005)² = 341.14² ≈ 116,377; canary = k·n ≈ 6,125
  // Hours: 6,125 canary requests at 2,500/h ≈ 2.45 h, beyond a 2 h minDuration.
  const g = gateOf(estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }));
  near(g.samplesPerArm!.control, 116_377);
  near(g.samplesPerArm!.canary, 6_125);
  near(g.hours!, 2.45);
  assert.equal(g.enough, false);
  assert.deepEqual(g.baseline, { rate: 0.01, source: 'default' });
  assert.deepEqual(g.effect, { text: '0.5pp', absolute: 0.005 });
});

test('a mean gate with a relative margin needs (b + z)²·CV²·(1 + 1/k) / m² per control', () => {
  // Default CV 0.5, margin 10%: n_control = 3.6211² · 0.25 · 20 / 0.01 ≈ 6,556; canary ≈ 345 (0.14 h).
  const g = gateOf(estimate({ metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' }));
  near(g.samplesPerArm!.control, 6_556);
  near(g.samplesPerArm!.canary, 345, 0.005);
  assert.equal(g.enough, true);
});

test('a rank gate sizes the probability of superiority a log-normal scale shift gives', () => {
  // σ = √ln(1 + 0.5²) = 0.47238; a 10% shift: θ − ½ = Φ(ln 1.1 / (σ√2)) − ½ = Φ(0.14267) − ½ = 0.05673;
  // placements have sd √(1/12): n_control = (3.6211·0.288675·√20 / 0.05673)² ≈ 6,790.
  const g = gateOf(estimate({ metric: 'latency_ms', test: 'mann-whitney', maxIncrease: '10%' }));
  near(g.samplesPerArm!.control, 6_790);
  near(g.effect!.absolute, 0.05673, 0.001);
});

test('a quantile gate sizes a sign test on the canary from an observed baseline', () => {
  // Mean 800, sd 400 → log-normal σ = 0.47238, μ = ln 800 − σ²/2 = 6.57304;
  // F(2500) = Φ((ln 2500 − μ)/σ) = Φ(2.6483) = 0.99596, d = 0.00596 from q = 0.99;
  // n = ((2.7795 + 0.8416)·√(0.99·0.01) / 0.00596)² ≈ 3,655 canary observations.
  const g = gateOf(estimate({ metric: 'latency_ms', test: 'quantile', quantile: 0.99, max: 2_500 }, {}, 50_000, { latency_ms: { mean: 800, sd: 400 } }));
  near(g.samplesPerArm!.canary, 3_655, 0.01);
  assert.equal(g.samplesPerArm!.control, 0);
  assert.equal(g.baseline.source, 'observed');
  const without = gateOf(estimate({ metric: 'latency_ms', test: 'quantile', quantile: 0.99, max: 2_500 }));
  assert.equal(without.samplesPerArm, undefined);
  assert.match(without.note!, /give an observed baseline mean/);
});

test('a stage too short for its margin is named, with its traffic and the hours it needs', () => {
  const e = estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' });
  assert.deepEqual(e.warnings, [
    'canary-5: gate g is sized as if requests were independent, but users stay on one arm (analysis.unit: user): the estimate is optimistic by an unknown factor; declare the gate\'s unitBaseline.requestsPerUnit and intraUnitCorrelation (or analysis.designEffect) to plan in users',
    'canary-5 sees 2,500 canary requests/h: telling a 0.5pp difference in error_rate (gate g) at 80% power needs ~2h 28m, more than its minDuration 2h',
  ]);
});

test('a 1% canary for an hour is told it catches catastrophes only', () => {
  const e = estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }, { name: 'canary-1', weight: 1, minDuration: '1h' });
  const g = gateOf(e);
  assert.ok(g.detectableInMinDuration!.relative > 1, 'it can only see the error rate more than double');
  assert.ok(e.warnings.some((w) => /^canary-1 \(1% for 1h\) can only detect a [\d.]+pp \(\d+% of the 1% baseline\) difference in error_rate at 80% power: it catches catastrophes only$/.test(w)), e.warnings.join('\n'));
});

test('the detectable difference is the one whose samples take exactly minDuration', () => {
  const g = gateOf(estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }, { minDuration: '24h' }));
  const d = g.detectableInMinDuration!.absolute;
  const atD = gateOf(estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: d }, { minDuration: '24h' }));
  near(atD.hours!, 24, 0.001);
});

test('shadow stages mirror every request to both arms', () => {
  assert.deepEqual(stageArmRates({ name: 's', mode: 'shadow' }, 50_000), { control: 50_000, canary: 50_000 });
  assert.deepEqual(stageArmRates({ name: 'c', weight: 25 }, 40_000), { control: 30_000, canary: 10_000 });
  assert.equal(stageArmRates({ name: 'full', weight: 100 }, 40_000), undefined);
  assert.equal(plannedArmSamples({ name: 'c', weight: 5, minDuration: '24h' }, 50_000), 60_000);
  assert.equal(plannedArmSamples({ name: 'c', weight: 5 }, 50_000), undefined);
  const e = estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }, { mode: 'shadow', weight: undefined, minDuration: '1h' });
  assert.equal(gateOf(e).samplesPerArm!.control, gateOf(e).samplesPerArm!.canary, 'equal arms');
});

test('higher-is-better rates default to a 90% baseline and are sized in the worse direction', () => {
  const g = gateOf(estimate({ metric: 'task_completion', test: 'proportions', nonInferiority: '2pp' }));
  assert.deepEqual(g.baseline, { rate: 0.9, source: 'default' });
  const e = estimate({ metric: 'task_completion', test: 'proportions', nonInferiority: '2pp' });
  assert.ok(e.assumptions.some((a) => /task_completion: no observed baseline, assumed a 90% rate/.test(a)));
});

test('without traffic there are samples but no hours, and the plan is told where to set it', () => {
  const { policy } = policyWith({ gates: { g: { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' } }, stage: { minDuration: '2h' } });
  const e = estimateStagePower({ release: 'r', policy, metrics: METRICS, requestsPerHour: undefined });
  const g = gateOf(e);
  assert.ok(g.samplesPerArm!.canary > 0);
  assert.equal(g.hours, undefined);
  assert.match(e.warnings[0]!, /set spec\.traffic\.requestsPerHour/);
});

test('a gate with no margin to pass within is flagged', () => {
  const e = estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0pp' });
  assert.match(gateOf(e).note!, /the margin is 0/);
  assert.ok(e.warnings.some((w) => /gate g has no margin to pass within/.test(w)));
});

test('observed baselines replace the defaults', () => {
  const observed = gateOf(estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }, {}, 50_000, { error_rate: { rate: 0.05 } }));
  const assumed = gateOf(estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }));
  assert.equal(observed.baseline.source, 'observed');
  assert.ok(observed.samplesPerArm!.canary > 3 * assumed.samplesPerArm!.canary, 'a 5% rate is noisier than a 1% one');
});

test('the alpha is split across the gates of a stage', () => {
  const { policy } = policyWith({ gates: { a: { metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }, b: { metric: 'cost_per_call', test: 'welch', maxIncrease: '10%' } }, stage: { minDuration: '2h' } });
  const two = estimateStagePower({ release: 'r', policy, metrics: METRICS, requestsPerHour: 50_000 });
  const single = gateOf(estimate({ metric: 'error_rate', test: 'proportions', maxIncrease: '0.5pp' }));
  assert.ok(two.stages[0]!.gates[0]!.samplesPerArm!.canary > single.samplesPerArm!.canary);
  assert.match(two.assumptions[0]!, /alpha 0\.05 split evenly across its gates/);
});
