import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize, type Alternative, type Summary } from '../../../src/core/stats/index.js';
import { welchTest } from '../../support/oracles/index.js';
import { assertClose, cases, dataset, rVersion, type HTestCase } from './r-reference.js';

interface WelchCase extends HTestCase {
  data: string;
  controlSummary: Summary;
  canarySummary: Summary;
  alternative: Alternative;
  mu: number;
  confLevel: number;
  estimate: number;
}

for (const c of cases<WelchCase>('welch')) {
  const control = dataset(c.data, 'control');
  const canary = dataset(c.data, 'canary');
  const opts = { alternative: c.alternative, mu: c.mu, confLevel: c.confLevel };
  for (const [form, result] of [
    ['raw samples', () => welchTest(control, canary, opts)],
    ['sufficient statistics', () => welchTest(c.controlSummary, c.canarySummary, opts)],
  ] as const) {
    test(`welchTest on ${form} matches ${c.call} on data set ${c.data} in ${rVersion}`, () => {
      const r = result();
      assertClose(r.statistic, c.statistic, 1e-9, `${c.call}: t`);
      assertClose(r.parameter!, c.parameter, 1e-9, `${c.call}: df`);
      assertClose(r.pValue, c.pValue, 1e-9, `${c.call}: p-value`);
      assertClose(r.estimate, c.estimate, 1e-9, `${c.call}: mean(canary) − mean(control)`);
      assertClose(r.interval[0], c.interval[0], 1e-9, `${c.call}: conf.int[1]`);
      assertClose(r.interval[1], c.interval[1], 1e-9, `${c.call}: conf.int[2]`);
    });
  }
}

interface WelchSummaryCase extends HTestCase {
  setup: string;
  controlSummary: Summary;
  canarySummary: Summary;
  alternative: Alternative;
}

for (const c of cases<WelchSummaryCase>('welchSummary')) {
  test(`welchTest on sufficient statistics (n = ${c.controlSummary.n} vs ${c.canarySummary.n}) matches the R expression ${c.call} in ${rVersion}`, () => {
    const r = welchTest(c.controlSummary, c.canarySummary, { alternative: c.alternative });
    const where = `${c.setup}; ${c.call}`;
    assertClose(r.statistic, c.statistic, 1e-9, `${where}: t`);
    assertClose(r.parameter!, c.parameter, 1e-9, `${where}: df`);
    assertClose(r.pValue, c.pValue, 1e-9, `${where}: p-value`);
    assertClose(r.interval[0], c.interval[0], 1e-9, `${where}: lower end`);
    assertClose(r.interval[1], c.interval[1], 1e-9, `${where}: upper end`);
  });
}

test('summarize gives the n, mean and sample sd that R reports, dropping non-finite values', () => {
  const c = cases<WelchCase>('welch').find((w) => w.data === 'welch_unequal_sizes')!;
  const s = summarize(dataset(c.data, 'control'));
  assert.equal(s.n, c.controlSummary.n);
  assertClose(s.mean, c.controlSummary.mean, 1e-14, 'mean(control)');
  assertClose(s.sd, c.controlSummary.sd, 1e-12, 'sd(control)');
  assert.deepEqual(summarize([1, Number.NaN, 3, Infinity]), { n: 2, mean: 2, sd: Math.SQRT2 });
});

test('the sample mean keeps its digits on a large offset', () => {
  const s = summarize([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3]);
  assertClose(s.mean - 1e9, 0.2, 1e-6, 'mean − 1e9');
  assertClose(s.sd, 0.1, 1e-6, 'sd');
});

test('fewer than two observations or constant data give no evidence instead of R\'s error', () => {
  const tooFew = welchTest([1, 2, 3], [5]);
  assert.equal(tooFew.pValue, 1);
  assert.match(tooFew.degenerate ?? '', /canary arm has fewer than 2 observations/);
  const constant = welchTest({ n: 100, mean: 0.02, sd: 0 }, { n: 50, mean: 0.02, sd: 0 });
  assert.equal(constant.pValue, 1);
  assert.match(constant.degenerate ?? '', /essentially constant/);
});
