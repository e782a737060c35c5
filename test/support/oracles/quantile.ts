import { bucketIndexOfRank, histogramQuantile, histogramTotal, normalizeHistogram, type Histogram, type HistogramBucket } from '../../../src/core/stats/histogram.js';
import { checkConfLevel } from '../../../src/core/stats/tests/result.js';
import { binomialQuantile, binomialTails } from './binomial.js';

export interface QuantileEstimate {
  readonly q: number;
  readonly n: number;
  /** R's `quantile(x, q, type = 7)` for samples; Prometheus' `histogram_quantile` for buckets. NaN without data. */
  readonly estimate: number;
  /**
   * Distribution-free interval [x₍ₗ₎, x₍ᵤ₎] from order statistics, l = qbinom((1−c)/2, n, q),
   * u = qbinom((1+c)/2, n, q) + 1; for buckets, the outer edges of the buckets holding those
   * ranks (positions inside a bucket are unknown). Infinite where the data cannot bound it.
   */
  readonly interval: readonly [number, number];
  readonly confLevel: number;
  /** The 1-based ranks l and u (0 and n + 1 stand for unbounded). */
  readonly ranks: readonly [number, number];
  readonly source: 'samples' | 'histogram';
}

/**
 * Estimate and distribution-free confidence interval for the q-quantile of samples or
 * histogram buckets. NaN samples are dropped (R's `na.rm = TRUE`); infinite ones count, so a
 * timeout recorded as Infinity still weighs against a latency bound.
 */
export function quantileEstimate(data: ArrayLike<number> | Histogram, q: number, confLevel = 0.95): QuantileEstimate {
  checkQ(q);
  checkConfLevel(confLevel);
  const alpha = 1 - confLevel;
  const view = toView(data);
  const lowerRank = view.n === 0 ? 0 : binomialQuantile(alpha / 2, view.n, q);
  const upperRank = view.n === 0 ? 1 : binomialQuantile(1 - alpha / 2, view.n, q) + 1;
  return {
    q,
    n: view.n,
    estimate: view.quantile(q),
    interval: [view.lowerBoundOfRank(lowerRank), view.upperBoundOfRank(upperRank)],
    confLevel,
    ranks: [lowerRank, upperRank],
    source: view.source,
  };
}

export interface QuantileBoundResult {
  readonly q: number;
  readonly bound: number;
  /** 'below': is the q-quantile shown below `bound`? 'above': shown above it? */
  readonly direction: 'above' | 'below';
  readonly n: number;
  readonly estimate: number;
  /**
   * The count the test is on: observations < bound ('below') or ≤ bound ('above'); for
   * buckets, the bound least favourable to the claim.
   */
  readonly count: number;
  /** Exact binomial p-value: R's `binom.test(count, n, q, alternative = "greater")` for 'below', `"less"` for 'above'. */
  readonly pValue: number;
  /** True when the claim is shown at `confLevel` (pValue ≤ 1 − confLevel). */
  readonly shown: boolean;
  readonly confLevel: number;
  /** One-sided order-statistic bound at `confLevel`: (−∞, U] for 'below', [L, ∞) for 'above'. */
  readonly interval: readonly [number, number];
}

/**
 * Is the q-quantile shown to lie below (or above) a fixed bound? A sign test: the q-quantile
 * is below b exactly when more than a fraction q of observations fall below b, so the count
 * below b is tested against Binomial(n, q). Distribution-free and exact; dual to the
 * one-sided order-statistic bound in `interval`.
 */
export function quantileBoundTest(data: ArrayLike<number> | Histogram, q: number, bound: number, direction: 'above' | 'below', confLevel = 0.95): QuantileBoundResult {
  checkQ(q);
  checkConfLevel(confLevel);
  const alpha = 1 - confLevel;
  const view = toView(data);
  const n = view.n;
  let count: number;
  let pValue: number;
  let interval: [number, number];
  if (direction === 'below') {
    count = view.countBelow(bound, true, 'atLeast');
    pValue = n === 0 ? 1 : binomialTails(count - 1, n, q).upper;
    interval = [-Infinity, view.upperBoundOfRank(n === 0 ? 1 : binomialQuantile(confLevel, n, q) + 1)];
  } else {
    count = view.countBelow(bound, false, 'atMost');
    pValue = n === 0 ? 1 : binomialTails(count, n, q).lower;
    interval = [view.lowerBoundOfRank(n === 0 ? 0 : binomialQuantile(alpha, n, q)), Infinity];
  }
  return { q, bound, direction, n, estimate: view.quantile(q), count, pValue, shown: pValue <= alpha, confLevel, interval };
}

interface DataView {
  readonly source: 'samples' | 'histogram';
  readonly n: number;
  quantile(q: number): number;
  lowerBoundOfRank(rank: number): number;
  upperBoundOfRank(rank: number): number;
  countBelow(value: number, strict: boolean, side: 'atLeast' | 'atMost'): number;
}

function toView(data: ArrayLike<number> | Histogram): DataView {
  const first = data[0];
  if (typeof first === 'object' && first !== null) return histogramView(normalizeHistogram(data as Histogram));
  return samplesView(data as ArrayLike<number>);
}

function samplesView(data: ArrayLike<number>): DataView {
  const values = new Float64Array(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isNaN(v)) values[n++] = v;
  }
  const sorted = (n === values.length ? values : values.subarray(0, n)).sort();
  return {
    source: 'samples',
    n,
    quantile: (q) => (n === 0 ? Number.NaN : quantileType7(sorted, q)),
    lowerBoundOfRank: (rank) => (rank < 1 ? -Infinity : sorted[rank - 1]!),
    upperBoundOfRank: (rank) => (rank > n ? Infinity : sorted[rank - 1]!),
    countBelow: (value, strict) => countSorted(sorted, value, strict),
  };
}

function histogramView(buckets: HistogramBucket[]): DataView {
  return {
    source: 'histogram',
    n: histogramTotal(buckets),
    quantile: (q) => histogramQuantile(buckets, q),
    lowerBoundOfRank: (rank) => (rank < 1 ? (buckets[0] && buckets[0].le > 0 ? 0 : -Infinity) : orderStatisticBounds(buckets, rank)[0]),
    upperBoundOfRank: (rank) => orderStatisticBounds(buckets, rank)[1],
    countBelow: (value, strict, side) => countBelowBounds(buckets, value, strict)[side],
  };
}

/** R's `quantile(x, q, type = 7)` on sorted data, step for step: (1 − h)·x₍ⱼ₎ + h·x₍ⱼ₊₁₎ at index j + h = 1 + (n − 1)q. */
function quantileType7(sorted: Float64Array, q: number): number {
  const index = 1 + (sorted.length - 1) * q;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1]!;
  const high = sorted[hi - 1]!;
  if (!(index > lo) || high === low) return low;
  const h = index - lo;
  return (1 - h) * low + h * high;
}

function countSorted(sorted: Float64Array, value: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? sorted[mid]! < value : sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkQ(q: number): void {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile q must be between 0 and 1 (exclusive), got ${q}`);
}

/**
 * Bounds that surely contain the r-th smallest observation (1-based): the edges of its
 * bucket, with the same first-bucket convention as {@link histogramQuantile}. Rank 0 and
 * ranks beyond the total give infinite bounds.
 */
export function orderStatisticBounds(buckets: readonly HistogramBucket[], rank: number): [number, number] {
  const total = histogramTotal(buckets);
  if (rank < 1) return [-Infinity, -Infinity];
  if (rank > total) return [Infinity, Infinity];
  const b = bucketIndexOfRank(buckets, rank);
  const le = buckets[b]!.le;
  const start = b > 0 ? buckets[b - 1]!.le : le > 0 ? 0 : -Infinity;
  return [start, le];
}


/**
 * Bounds on how many observations lie below `value` (strictly, or at or below when `strict`
 * is false): at least the cumulative count at the largest bound under it, at most the count at
 * the smallest bound at or above it.
 */
export function countBelowBounds(buckets: readonly HistogramBucket[], value: number, strict: boolean): { readonly atLeast: number; readonly atMost: number } {
  let atLeast = 0;
  let atMost = histogramTotal(buckets);
  for (const b of buckets) {
    if (strict ? b.le < value : b.le <= value) atLeast = b.count;
    if (b.le >= value) {
      atMost = b.count;
      break;
    }
  }
  return { atLeast, atMost };
}
