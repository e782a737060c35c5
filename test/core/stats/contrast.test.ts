import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  agrestiCaffoRate,
  beyondPValue,
  differenceContrast,
  differenceOf,
  estimateMean,
  estimateRate,
  rateBoundContrast,
  shareContrast,
  normalQuantile,
  summarize,
  withinPValue,
  type Counts,
} from '../../../src/core/stats/index.js';
import { assertClose, cases, dataset, rVersion } from './r-reference.js';

export interface RateContrastCase {
  setup: string;
  call: string;
  control: Counts;
  canary: Counts;
  margin: number;
  kind: 'absolute' | 'relative';
  worse: 'higher' | 'lower';
  estimate: number;
  threshold: number;
  standardError: number;
  /** The observed x2/n2 − x1/n1, what the evidence shows. */
  difference: number;
  /** The Agresti–Caffo difference a2 − a1 the interval is centred on. */
  centre: number;
  differenceSe: number;
  /** Agresti–Caffo's fixed-horizon 95 % interval. */
  ac95: [number, number];
}

for (const c of cases<RateContrastCase>('rateContrast')) {
  test(`the judge's Agresti–Caffo rate contrast (${c.kind} margin ${c.margin}, ${c.worse} is worse, ${c.canary.successes}/${c.canary.trials} vs ${c.control.successes}/${c.control.trials}) matches the R expression ${c.setup}; ${c.call} in ${rVersion}`, () => {
    const control = agrestiCaffoRate(c.control);
    const canary = agrestiCaffoRate(c.canary);
    const contrast = differenceContrast(control, canary, { kind: c.kind, value: c.margin }, c.worse);
    const where = `${c.setup}; ${c.call}`;
    assertClose(contrast.estimate, c.estimate, 1e-12, `${where}: estimate`, 1e-17);
    assertClose(contrast.threshold, c.threshold, 1e-12, `${where}: threshold`);
    assertClose(contrast.standardError, c.standardError, 1e-12, `${where}: standard error`);
    const difference = differenceOf(control, canary);
    assertClose(difference.estimate, c.centre, 1e-12, `${where}: adjusted canary − control`, 1e-17);
    assertClose(difference.standardError, c.differenceSe, 1e-12, `${where}: its standard error`);
    const z = normalQuantile(0.975);
    assertClose(difference.estimate - z * difference.standardError, c.ac95[0], 1e-12, `${where}: Agresti–Caffo 95 % interval, lower`, 1e-17);
    assertClose(difference.estimate + z * difference.standardError, c.ac95[1], 1e-12, `${where}: Agresti–Caffo 95 % interval, upper`, 1e-17);
    const observed = differenceOf(estimateRate(c.control), estimateRate(c.canary));
    assertClose(observed.estimate, c.difference, 1e-12, `${where}: observed canary − control`, 1e-17);
  });
}

interface RateEstimateCase {
  setup: string;
  call: string;
  counts: Counts;
  value: number;
  variance: number;
  adjustedValue: number;
  adjustedVariance: number;
}

for (const c of cases<RateEstimateCase>('rateEstimate')) {
  test(`one arm's rate ${c.counts.successes}/${c.counts.trials}, observed and Agresti–Caffo adjusted, matches the R expression ${c.setup}; ${c.call} in ${rVersion}`, () => {
    const shown = estimateRate(c.counts);
    const tested = agrestiCaffoRate(c.counts);
    assertClose(shown.value, c.value, 1e-15, `${c.call}: x/n`, 1e-300);
    assertClose(shown.variance, c.variance, 1e-12, `${c.call}: variance at (x + ½)/(n + 1)`);
    assertClose(tested.value, c.adjustedValue, 1e-15, `${c.call}: (x + 1)/(n + 2)`);
    assertClose(tested.variance, c.adjustedVariance, 1e-12, `${c.call}: its variance on n + 2 trials`);
    assert.equal(tested.n, c.counts.trials, 'the information count stays the trials');
  });
}

export interface MeanContrastCase {
  data: string;
  call: string;
  margin: number;
  kind: 'absolute' | 'relative';
  worse: 'higher' | 'lower';
  estimate: number;
  threshold: number;
  standardError: number;
  statistic: number;
}

for (const c of cases<MeanContrastCase>('meanContrast')) {
  test(`the judge's mean contrast (${c.kind} margin ${c.margin}, ${c.worse} is worse) on n, mean and sd matches ${c.call} on data set ${c.data} in ${rVersion}`, () => {
    const control = estimateMean(summarize(dataset(c.data, 'control')));
    const canary = estimateMean(summarize(dataset(c.data, 'canary')));
    const contrast = differenceContrast(control, canary, { kind: c.kind, value: c.margin }, c.worse);
    assertClose(contrast.estimate, c.estimate, 1e-11, `${c.call}: estimate`);
    assertClose(contrast.threshold, c.threshold, 1e-11, `${c.call}: threshold`);
    assertClose(contrast.standardError, c.standardError, 1e-11, `${c.call}: standard error (Welch's)`);
    assertClose((contrast.estimate - contrast.threshold) / contrast.standardError, c.statistic, 1e-10, `${c.call}: statistic`);
  });
}

export interface RateBoundContrastCase {
  setup: string;
  call: string;
  counts: Counts;
  bound: number;
  beyond: 'above' | 'below';
  estimate: number;
  standardError: number;
  /** prop.test(x, n, p = p0, correct = FALSE)$statistic: the squared score z. */
  propTestStatistic: number;
}

for (const c of cases<RateBoundContrastCase>('rateBoundContrast')) {
  test(`one arm's rate ${c.counts.successes}/${c.counts.trials} ${c.beyond} a bound of ${c.bound} is the score contrast of the R expression ${c.setup}; ${c.call} in ${rVersion}`, () => {
    const contrast = rateBoundContrast(c.counts, c.bound, c.beyond);
    const where = `${c.setup}; ${c.call}`;
    assertClose(contrast.estimate, c.estimate, 1e-12, `${where}: x/n against the bound`, 1e-17);
    assert.equal(contrast.threshold, 0);
    assertClose(contrast.standardError, c.standardError, 1e-12, `${where}: standard error under the bound, √(p0(1 − p0)/n)`);
    assertClose((contrast.estimate / contrast.standardError) ** 2, c.propTestStatistic, 1e-9, `${where}: the squared z is prop.test's statistic`, 1e-15);
  });
}

test('a rate bound of 0 or 1, which has no variance of its own, keeps the variance at the estimate, and no trials give no evidence', () => {
  const clean = { successes: 2, trials: 400 };
  assert.equal(rateBoundContrast(clean, 0, 'above').standardError, Math.sqrt(estimateRate(clean).variance));
  assert.equal(rateBoundContrast(clean, 1, 'below').standardError, Math.sqrt(estimateRate(clean).variance));
  const none = rateBoundContrast({ successes: 0, trials: 0 }, 0.01, 'above');
  assert.equal(beyondPValue(none, 0, 1000), 1);
  assert.equal(withinPValue(none, 0, 1000), 1);
});

interface ShareContrastCase {
  data: string;
  call: string;
  q: number;
  bound: number;
  beyond: 'above' | 'below';
  share: number;
  estimate: number;
  standardError: number;
}

for (const c of cases<ShareContrastCase>('shareContrast')) {
  test(`the quantile sign-test contrast (p${c.q * 100} ${c.beyond} ${c.bound}) matches ${c.call} on data set ${c.data} in ${rVersion}`, () => {
    const x = dataset(c.data, 'x');
    const share = x.filter((v) => v <= c.bound).length / x.length;
    assertClose(share, c.share, 1e-15, `${c.call}: share`);
    const contrast = shareContrast(share, x.length, c.q, c.beyond);
    assertClose(contrast.estimate, c.estimate, 1e-12, `${c.call}: estimate`, 1e-15);
    assertClose(contrast.standardError, c.standardError, 1e-12, `${c.call}: null standard error`);
  });
}

test('a canary with no errors yet keeps a positive variance, so it does not look seven standard errors better than a control with some', () => {
  const clean = estimateRate({ successes: 0, trials: 300 });
  assert.equal(clean.value, 0, 'the estimate shown is still the observed rate');
  assert.ok(clean.variance > 0);
  const contrast = differenceContrast(estimateRate({ successes: 57, trials: 5700 }), clean, { kind: 'absolute', value: 0 }, 'higher');
  const z = contrast.estimate / contrast.standardError;
  assert.ok(z > -4 && z < -3, `z ${z}; with the Wald variance (0 for the canary) it would be −7.6`);
});

test('no trials or fewer than two observations give NaN variances, and NaN standard errors give no evidence either way', () => {
  assert.deepEqual(estimateRate({ successes: 0, trials: 0 }), { value: Number.NaN, variance: Number.NaN, n: 0 });
  assert.deepEqual(agrestiCaffoRate({ successes: 0, trials: 0 }), { value: Number.NaN, variance: Number.NaN, n: 0 }, 'no trials is no data, not a rate of ½');
  assert.ok(Number.isNaN(estimateMean({ n: 1, mean: 3, sd: Number.NaN }).variance));
  const contrast = differenceContrast(estimateRate({ successes: 0, trials: 0 }), estimateRate({ successes: 3, trials: 50 }), { kind: 'absolute', value: 0.01 }, 'higher');
  assert.equal(beyondPValue(contrast, 50, 1000), 1);
  assert.equal(withinPValue(contrast, 50, 1000), 1);
});

test('a bound every observation meets, with standard error 0, passes outright once there are observations', () => {
  assert.equal(withinPValue({ estimate: -0.2, threshold: 0, standardError: 0 }, 10, 1000), 0);
  assert.equal(withinPValue({ estimate: -0.2, threshold: 0, standardError: 0 }, 0, 1000), 1);
  assert.equal(beyondPValue({ estimate: 0.2, threshold: 0, standardError: 0 }, 10, 1000), 1, 'but never fails on it');
});
