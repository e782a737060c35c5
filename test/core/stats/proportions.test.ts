import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proportionsMarginTest, proportionsTest, type Alternative, type Counts } from '../../../src/core/stats/index.js';
import { assertClose, cases, rVersion, type HTestCase } from './r-reference.js';

interface PropCase extends HTestCase {
  control: Counts;
  canary: Counts;
  alternative: Alternative;
  confLevel: number;
  estimate: number;
}

for (const c of cases<PropCase>('proportions')) {
  if (Number.isNaN(c.statistic)) continue;
  test(`proportionsTest matches ${c.call} in ${rVersion}`, () => {
    const result = proportionsTest(c.control, c.canary, { alternative: c.alternative, confLevel: c.confLevel });
    assertClose(result.statistic, c.statistic, 1e-9, `${c.call}: X-squared`);
    assert.equal(result.parameter, c.parameter, `${c.call}: df`);
    assertClose(result.pValue, c.pValue, 1e-9, `${c.call}: p-value`);
    assertClose(result.estimate, c.estimate, 1e-9, `${c.call}: canary − control`);
    assertClose(result.interval[0], c.interval[0], 1e-9, `${c.call}: conf.int[1]`);
    assertClose(result.interval[1], c.interval[1], 1e-9, `${c.call}: conf.int[2]`);
    assert.equal(result.degenerate, undefined);
  });
}

test(`where prop.test answers NaN (both arms without events) we answer no evidence: p-value 1 (${rVersion})`, () => {
  const nan = cases<PropCase>('proportions').find((c) => Number.isNaN(c.statistic));
  assert.ok(nan, 'the fixture holds the zero-event case');
  assert.ok(Number.isNaN(nan.pValue), `${nan.call} gives NaN in R`);
  const result = proportionsTest(nan.control, nan.canary);
  assert.equal(result.pValue, 1);
  assert.equal(result.statistic, 0);
  assert.deepEqual(result.interval, [-1, 1]);
  assert.match(result.degenerate ?? '', /no events/);
});

test('an arm without trials gives no evidence rather than an exception', () => {
  const result = proportionsTest({ successes: 3, trials: 100 }, { successes: 0, trials: 0 });
  assert.equal(result.pValue, 1);
  assert.match(result.degenerate ?? '', /canary arm has no trials/);
});

test('impossible counts are rejected with a message naming the field', () => {
  assert.throws(() => proportionsTest({ successes: 5, trials: 4 }, { successes: 1, trials: 10 }), /control\.successes \(5\) exceeds control\.trials \(4\)/);
  assert.throws(() => proportionsTest({ successes: 1, trials: 10 }, { successes: -1, trials: 10 }), /canary\.successes must be a non-negative integer/);
});

interface MarginCase {
  setup: string;
  call: string;
  control: Counts;
  canary: Counts;
  margin: number;
  kind: 'absolute' | 'relative';
  worse: 'higher' | 'lower';
  variance: 'wald' | 'agresti-caffo';
  statistic: number;
  regression: number;
  nonInferiority: number;
}

for (const c of cases<MarginCase>('proportionsMargin')) {
  test(`proportionsMarginTest (${c.variance}, ${c.kind} margin ${c.margin}, ${c.worse} is worse) matches the R expression ${c.setup}; ${c.call} in ${rVersion}`, () => {
    const result = proportionsMarginTest(c.control, c.canary, { margin: c.margin, kind: c.kind, worse: c.worse, hypothesis: 'regression', variance: c.variance });
    const where = `${c.setup}; ${c.call}`;
    assertClose(result.statistic, c.statistic, 1e-9, `${where}: z`);
    assertClose(result.pValue, c.regression, 1e-9, `${where}: regression p-value`);
    assertClose(result.pValues.regression, c.regression, 1e-9, `${where}: regression p-value`);
    assertClose(result.pValues.nonInferiority, c.nonInferiority, 1e-9, `${where}: non-inferiority p-value`);
    assertClose((result.estimate - result.threshold) / result.standardError, result.statistic, 1e-12, 'z = (estimate − threshold) / se');
  });
}

test('a relative margin is reported as an absolute threshold on the control rate', () => {
  const result = proportionsMarginTest({ successes: 950, trials: 95000 }, { successes: 60, trials: 5000 }, { margin: 0.5, kind: 'relative', worse: 'higher', variance: 'wald' });
  assertClose(result.threshold, 0.005, 1e-12, 'threshold = 50 % of a 1 % control rate');
  assertClose(result.estimate, 0.002, 1e-12, 'canary − control');
  assert.equal(result.hypothesis, 'non-inferiority');
  assert.equal(result.pValue, result.pValues.nonInferiority);
});

test('the realistic 5 % canary with 1 % errors is shown non-inferior to a 0.5 pp margin only when it truly is', () => {
  const fine = proportionsMarginTest({ successes: 950, trials: 95000 }, { successes: 50, trials: 5000 }, { margin: 0.005, kind: 'absolute', worse: 'higher' });
  const bad = proportionsMarginTest({ successes: 950, trials: 95000 }, { successes: 110, trials: 5000 }, { margin: 0.005, kind: 'absolute', worse: 'higher' });
  assert.ok(fine.pValues.nonInferiority < 0.001);
  assert.ok(bad.pValues.regression < 0.001);
  assert.ok(fine.interval[1] < fine.threshold);
  assert.ok(bad.interval[0] > bad.threshold);
});

test('with Wald variances, both arms without events leave a margin test degenerate with p-values 1', () => {
  const result = proportionsMarginTest({ successes: 0, trials: 1000 }, { successes: 0, trials: 50 }, { margin: 0.01, kind: 'absolute', worse: 'higher', variance: 'wald' });
  assert.deepEqual(result.pValues, { nonInferiority: 1, regression: 1 });
  assert.ok(result.degenerate);
});

test('with the default Agresti–Caffo variances, zero events in both arms show non-inferiority only once the canary has enough trials', () => {
  const opts = { margin: 0.005, kind: 'absolute', worse: 'higher' } as const;
  const few = proportionsMarginTest({ successes: 0, trials: 2000 }, { successes: 0, trials: 100 }, opts);
  const many = proportionsMarginTest({ successes: 0, trials: 100000 }, { successes: 0, trials: 5000 }, opts);
  assert.equal(few.degenerate, undefined);
  assert.ok(few.pValues.nonInferiority > 0.05, `100 clean canary trials cannot show a 0.5 pp margin (p = ${few.pValues.nonInferiority})`);
  assert.ok(many.pValues.nonInferiority < 1e-6, `5000 clean canary trials can (p = ${many.pValues.nonInferiority})`);
});

test('a canary without events is not declared better than a control with some, the way Wald variances would', () => {
  const opts = { margin: 0, kind: 'absolute', worse: 'higher', hypothesis: 'non-inferiority' } as const;
  const wald = proportionsMarginTest({ successes: 57, trials: 5700 }, { successes: 0, trials: 300 }, { ...opts, variance: 'wald' });
  const adjusted = proportionsMarginTest({ successes: 57, trials: 5700 }, { successes: 0, trials: 300 }, opts);
  assert.ok(wald.statistic < -7, 'Wald sees only the control\'s variance');
  assert.ok(adjusted.statistic > -3);
});
