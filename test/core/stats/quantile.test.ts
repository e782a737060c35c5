import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histogramQuantile, normalizeHistogram, summarizeHistogram, type Histogram } from '../../../src/core/stats/index.js';
import { quantileBoundTest, quantileEstimate } from '../../support/oracles/index.js';
import { assertClose, cases, dataset, rVersion } from './r-reference.js';

interface QuantileCase {
  data: string;
  call: string;
  q: number;
  confLevel: number;
  estimate: number;
  ranks: [number, number];
  interval: [number, number];
}

for (const c of cases<QuantileCase>('quantile')) {
  test(`quantileEstimate(q = ${c.q}) matches ${c.call} on data set ${c.data} in ${rVersion}`, () => {
    const r = quantileEstimate(dataset(c.data, 'x'), c.q, c.confLevel);
    assertClose(r.estimate, c.estimate, 1e-12, `${c.call}: quantile(type = 7)`);
    assert.deepEqual(r.ranks, c.ranks, `${c.call}: qbinom ranks`);
    assert.deepEqual(r.interval, c.interval, `${c.call}: order statistics`);
    assert.equal(r.source, 'samples');
  });
}

interface BoundCase {
  data: string;
  call: string;
  q: number;
  bound: number;
  direction: 'above' | 'below';
  count: number;
  pValue: number;
}

for (const c of cases<BoundCase>('quantileBound')) {
  test(`quantileBoundTest(q = ${c.q}, ${c.direction} ${c.bound}) matches ${c.call} on data set ${c.data} in ${rVersion}`, () => {
    const r = quantileBoundTest(dataset(c.data, 'x'), c.q, c.bound, c.direction);
    assert.equal(r.count, c.count, `${c.call}: count`);
    assertClose(r.pValue, c.pValue, 1e-9, `${c.call}: binom.test p-value`);
    assert.equal(r.shown, c.pValue <= 0.05);
  });
}

test('the one-sided order-statistic bound and the sign test agree on every bound', () => {
  const x = dataset('q_latencies', 'x');
  for (const bound of [2500, 3000, 3300, 3500, 3800, 4500]) {
    const below = quantileBoundTest(x, 0.99, bound, 'below');
    assert.equal(below.shown, below.interval[1] < bound, `below ${bound}`);
    const above = quantileBoundTest(x, 0.99, bound, 'above');
    assert.equal(above.shown, above.interval[0] > bound, `above ${bound}`);
  }
});

// Prometheus buckets for 1000 requests (cumulative counts per `le`).
const latency: Histogram = [
  { le: 100, count: 50 },
  { le: 250, count: 400 },
  { le: 500, count: 800 },
  { le: 1000, count: 950 },
  { le: 2500, count: 995 },
  { le: Infinity, count: 1000 },
];

test('histogram quantiles interpolate within the bucket as Prometheus histogram_quantile does', () => {
  const buckets = normalizeHistogram(latency);
  assert.equal(histogramQuantile(buckets, 0.5), 250 + 250 * ((500 - 400) / 400));
  assert.equal(histogramQuantile(buckets, 0.01), 100 * (10 / 50));
  assert.equal(histogramQuantile(buckets, 0.99), 1000 + 1500 * ((990 - 950) / 45));
  assert.equal(histogramQuantile(buckets, 0.999), 2500, 'a rank in the +Inf bucket returns the largest finite bound');
  assert.ok(Number.isNaN(histogramQuantile([], 0.5)));
});

test('histogram buckets out of order or with a non-monotone scrape are repaired as Prometheus repairs them', () => {
  const repaired = normalizeHistogram([{ le: 500, count: 790 }, { le: 250, count: 800 }, { le: Infinity, count: 1000 }]);
  assert.deepEqual(repaired, [{ le: 250, count: 800 }, { le: 500, count: 800 }, { le: Infinity, count: 1000 }]);
});

test('a histogram quantile interval is bounded by the edges of the buckets holding the binomial ranks', () => {
  const r = quantileEstimate(latency, 0.99);
  assert.equal(r.source, 'histogram');
  // qbinom(0.025, 1000, 0.99) = 983 and qbinom(0.975, 1000, 0.99) + 1 = 997: buckets (1000, 2500] and (2500, +Inf].
  assert.deepEqual(r.ranks, [983, 997]);
  assert.deepEqual(r.interval, [1000, Infinity]);
  const median = quantileEstimate(latency, 0.5);
  assert.deepEqual(median.interval, [250, 500]);
});

test('a histogram bound test counts conservatively when the bound falls inside a bucket', () => {
  const atEdge = quantileBoundTest(latency, 0.9, 1000, 'below');
  assert.equal(atEdge.count, 800, 'only the 800 observations ≤ 500 are surely < 1000');
  const inside = quantileBoundTest(latency, 0.9, 1200, 'below');
  assert.equal(inside.count, 950);
  assert.ok(inside.shown);
  const above = quantileBoundTest(latency, 0.5, 300, 'above');
  assert.equal(above.count, 800, 'up to 800 observations may be ≤ 300');
  assert.equal(above.shown, false);
});

test('a histogram summary places observations at bucket midpoints and counts the open-ended ones', () => {
  const s = summarizeHistogram(latency);
  assert.equal(s.n, 1000);
  assert.equal(s.openEnded, 5);
  const expectedMean = (50 * 50 + 350 * 175 + 400 * 375 + 150 * 750 + 45 * 1750 + 5 * 2500) / 1000;
  assertClose(s.mean, expectedMean, 1e-12, 'midpoint mean');
});

test('quantile functions refuse q outside (0, 1)', () => {
  assert.throws(() => quantileEstimate([1, 2, 3], 1), /between 0 and 1/);
  assert.throws(() => quantileBoundTest([1, 2, 3], 0, 2, 'below'), /between 0 and 1/);
});

test('infinite samples count against a bound and NaN samples are dropped', () => {
  const values = [...Array.from({ length: 990 }, (_, i) => i), ...Array.from({ length: 10 }, () => Infinity), Number.NaN];
  const r = quantileBoundTest(values, 0.99, 2000, 'below');
  assert.equal(r.n, 1000);
  assert.equal(r.count, 990);
  assert.equal(r.shown, false, 'ten timeouts in a thousand leave p99 below 2000 unproven');
});

test('no data gives an unbounded interval and no evidence', () => {
  const r = quantileBoundTest([], 0.99, 100, 'below');
  assert.equal(r.pValue, 1);
  assert.equal(r.shown, false);
  assert.deepEqual(quantileEstimate([], 0.5).interval, [-Infinity, Infinity]);
});
