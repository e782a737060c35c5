import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agrestiCaffoRatio, differenceContrast, differenceOf, estimateRatio, widenContrast, withDesignEffect, type UnitSums } from '../../../src/core/stats/index.js';
import { assertClose, cases, dataset, reference, rVersion } from './r-reference.js';
import { unitSumsOf as sumsOf } from '../../support/unit-sums.js';


function armSums(data: string, arm: 'control' | 'canary'): UnitSums {
  const i = arm === 'control' ? '1' : '2';
  return sumsOf(dataset(data, `x${i}`), dataset(data, `y${i}`));
}

interface RatioEstimateCase {
  data: string;
  arm: 'control' | 'canary';
  call: string;
  value: number;
  variance: number;
  adjustedValue: number;
  adjustedVariance: number;
}

for (const c of cases<RatioEstimateCase>('ratioEstimate')) {
  const setup = reference.datasets[c.data]!.setup;
  test(`the delta-method variance of the ${c.arm} ratio of ${c.data} agrees with R (${setup}; ${c.call}) in ${rVersion}`, () => {
    const sums = armSums(c.data, c.arm);
    const shown = estimateRatio(sums);
    assertClose(shown.value, c.value, 1e-12, `${c.call}: ΣX/ΣY`, 1e-300);
    assertClose(shown.variance, c.variance, 1e-9, `${c.call}: delta-method variance`, 1e-300);
    const tested = agrestiCaffoRatio(sums);
    assertClose(tested.value, c.adjustedValue, 1e-12, `${c.call}: with the pseudo-unit (1 event in 2 trials)`);
    assertClose(tested.variance, c.adjustedVariance, 1e-9, `${c.call}: its delta-method variance`);
    assert.equal(shown.n, sums.sumY, 'the information count is ΣY, the unit the planned stage size is in');
    assert.equal(tested.n, sums.sumY, 'the pseudo-unit does not add information');
  });
}

interface RatioContrastCase {
  data: string;
  setup: string;
  call: string;
  margin: number;
  kind: 'absolute' | 'relative';
  worse: 'higher' | 'lower';
  rate: boolean;
  estimate: number;
  threshold: number;
  standardError: number;
  centre: number;
  differenceSe: number;
}

for (const c of cases<RatioContrastCase>('ratioContrast')) {
  test(`the two-arm ratio contrast on ${c.data} (${c.kind} margin ${c.margin}, ${c.worse} is worse${c.rate ? ', as a rate with the pseudo-unit' : ''}) agrees with R (${c.call}) in ${rVersion}`, () => {
    const estimator = c.rate ? agrestiCaffoRatio : estimateRatio;
    const control = estimator(armSums(c.data, 'control'));
    const canary = estimator(armSums(c.data, 'canary'));
    const contrast = differenceContrast(control, canary, { kind: c.kind, value: c.margin }, c.worse);
    assertClose(contrast.estimate, c.estimate, 1e-12, `${c.call}: estimate`, 1e-17);
    assertClose(contrast.threshold, c.threshold, 1e-12, `${c.call}: threshold`, 1e-300);
    assertClose(contrast.standardError, c.standardError, 1e-9, `${c.call}: standard error`);
    const difference = differenceOf(control, canary);
    assertClose(difference.estimate, c.centre, 1e-12, `${c.call}: canary − control`, 1e-17);
    assertClose(difference.standardError, c.differenceSe, 1e-9, `${c.call}: its standard error`);
  });
}

const degenerate: { name: string; sums: UnitSums; value: number; variance: number }[] = [
  { name: 'no units', sums: { units: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }, value: Number.NaN, variance: Number.NaN },
  { name: 'units that sent no requests', sums: { units: 3, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }, value: Number.NaN, variance: Number.NaN },
  { name: 'one unit', sums: { units: 1, sumX: 2, sumY: 20, sumXX: 4, sumYY: 400, sumXY: 40 }, value: 0.1, variance: Number.NaN },
  { name: 'users with one fixed rate each, all the same', sums: { units: 4, sumX: 4, sumY: 40, sumXX: 4, sumYY: 400, sumXY: 40 }, value: 0.1, variance: 0 },
];
for (const c of degenerate) {
  test(`a ratio over ${c.name} gives value ${c.value} and variance ${c.variance}, never a negative or made-up variance`, () => {
    const e = estimateRatio(c.sums);
    assert.ok(Object.is(e.value, c.value) || (Number.isNaN(e.value) && Number.isNaN(c.value)), `value ${e.value}`);
    assert.ok(Object.is(e.variance, c.variance) || (Number.isNaN(e.variance) && Number.isNaN(c.variance)), `variance ${e.variance}`);
  });
}

test('a design effect multiplies the variance by d and the standard error by √d, and 1 changes nothing', () => {
  const arm = { value: 0.01, variance: 4e-6, n: 10_000 };
  assert.equal(withDesignEffect(arm, 1.8).variance, 4e-6 * 1.8);
  assert.equal(withDesignEffect(arm, 1.8).n, 10_000);
  assert.equal(withDesignEffect(arm, 1), arm);
  const c = { estimate: 0.002, threshold: 0, standardError: 0.001 };
  assertClose(widenContrast(c, 4).standardError, 0.002, 1e-15, 'standard error at d = 4');
});
