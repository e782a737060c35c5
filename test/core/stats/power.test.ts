import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundaryMultiplier, normalQuantile, requiredSamplesPerArm } from '../../../src/core/stats/index.js';
import { assertClose, cases, rVersion } from './r-reference.js';

interface PowerProportionCase {
  call: string;
  closedForm: string;
  baseline: number;
  margin: number;
  alpha: number;
  power: number;
  sides: 1 | 2;
  n: number;
  nClosedForm: number;
}

for (const c of cases<PowerProportionCase>('powerProportion')) {
  test(`requiredSamplesPerArm for a proportion matches ${c.call} in ${rVersion}`, () => {
    const r = requiredSamplesPerArm({ kind: 'proportion', baseline: c.baseline, margin: c.margin, alpha: c.alpha, power: c.power, sides: c.sides });
    assertClose(r.exact.control, c.nClosedForm, 1e-9, `${c.closedForm} (the formula power.prop.test solves)`);
    // power.prop.test finds n with uniroot (tolerance 1.2e-4 on n).
    assertClose(r.exact.control, c.n, 1e-6, c.call);
    assert.equal(r.control, Math.ceil(c.n));
    assert.equal(r.canary, r.control);
  });
}

interface PowerMeanCase {
  call: string;
  closedForm: string;
  margin: number;
  sd: number;
  alpha: number;
  power: number;
  sides: 1 | 2;
  n: number;
  nClosedForm: number;
}

for (const c of cases<PowerMeanCase>('powerMean')) {
  test(`requiredSamplesPerArm for a mean is the normal approximation ${c.closedForm} and within 2 % of ${c.call} in ${rVersion}`, () => {
    const r = requiredSamplesPerArm({ kind: 'mean', baseline: 0.0123, sd: c.sd, margin: c.margin, alpha: c.alpha, power: c.power, sides: c.sides });
    assertClose(r.exact.control, c.nClosedForm, 1e-9, c.closedForm);
    // power.t.test uses the noncentral t, which asks for about one observation more per arm.
    assert.ok(r.exact.control <= c.n && r.exact.control >= 0.98 * c.n, `${c.call} = ${c.n}; normal approximation ${r.exact.control}`);
  });
}

test('a 5 % canary needs fewer canary observations than a 50/50 split but far more traffic in total', () => {
  const equal = requiredSamplesPerArm({ kind: 'proportion', baseline: 0.01, margin: 0.005, alpha: 0.05, power: 0.8, sides: 1 });
  const split = requiredSamplesPerArm({ kind: 'proportion', baseline: 0.01, margin: 0.005, alpha: 0.05, power: 0.8, sides: 1, ratio: 5 / 95 });
  assertClose(split.exact.canary, (5 / 95) * split.exact.control, 1e-12, 'canary = ratio × control');
  assert.ok(split.exact.canary < equal.exact.canary, 'the large control arm pins its rate down');
  assert.ok(split.exact.control + split.exact.canary > 4 * (equal.exact.control + equal.exact.canary), 'but the stage runs much longer');
  // With k = canary/control, Var = σ²(1/n_canary + 1/n_control): the mean formula in closed form.
  const mean = requiredSamplesPerArm({ kind: 'mean', baseline: 1, sd: 2, margin: 0.1, alpha: 0.05, power: 0.9, sides: 2, ratio: 0.25 });
  const z = normalQuantile(0.975) + normalQuantile(0.9);
  assertClose(mean.exact.control, (z * z * 4 * (1 + 4)) / 0.01, 1e-12, '(z_α + z_β)² σ² (1 + 1/k) / δ²');
});

test('the sequential sample size replaces z_α by the confidence-sequence multiplier tuned at the answer', () => {
  const fixed = requiredSamplesPerArm({ kind: 'mean', baseline: 0, sd: 1, margin: 0.05, alpha: 0.05, power: 0.8, sides: 2 });
  const sequential = requiredSamplesPerArm({ kind: 'mean', baseline: 0, sd: 1, margin: 0.05, alpha: 0.05, power: 0.8, sides: 2, sequential: true });
  const multiplier = boundaryMultiplier(sequential.exact.control, { alpha: 0.05, sides: 2, tuneN: sequential.exact.control });
  assertClose(sequential.boundary, multiplier, 1e-12, 'multiplier at tuneN = n');
  const se = Math.sqrt(2 / sequential.exact.control);
  assertClose((multiplier + normalQuantile(0.8)) * se, 0.05, 1e-9, 'CS half-width + z_β·se = margin');
  assert.ok(sequential.control > 1.5 * fixed.control && sequential.control < 3 * fixed.control, `fixed ${fixed.control}, sequential ${sequential.control}`);
});

test('a sequential sample size with an explicit tuning point solves half-width + z_β·se = margin there', () => {
  const r = requiredSamplesPerArm({ kind: 'proportion', baseline: 0.01, margin: 0.005, alpha: 0.05, power: 0.8, sides: 1, ratio: 5 / 95, sequential: true, tuneN: 2000 });
  const pooled = (0.01 + (5 / 95) * 0.015) / (1 + 5 / 95);
  const n = r.exact.control;
  const m = boundaryMultiplier(r.exact.canary, { alpha: 0.05, sides: 1, tuneN: 2000 });
  const achieved = (m * Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / r.exact.canary)) + normalQuantile(0.8) * Math.sqrt(0.01 * 0.99 / n + 0.015 * 0.985 / r.exact.canary));
  assertClose(achieved, 0.005, 1e-6, 'boundary + z_β·se at the answer');
});

test('impossible sample-size questions are rejected with the field named', () => {
  assert.throws(() => requiredSamplesPerArm({ kind: 'mean', baseline: 1, margin: 0.1, alpha: 0.05, power: 0.8, sides: 2 }), /needs sd > 0/);
  assert.throws(() => requiredSamplesPerArm({ kind: 'proportion', baseline: 0.01, margin: 0, alpha: 0.05, power: 0.8, sides: 2 }), /margin must be a positive number/);
});
