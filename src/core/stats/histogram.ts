/** A Prometheus-style cumulative bucket: `count` observations were ≤ `le`. */
export interface HistogramBucket {
  readonly le: number;
  readonly count: number;
}

/** Cumulative buckets; the last `le` may be Infinity (Prometheus' `+Inf` bucket). */
export type Histogram = readonly HistogramBucket[];

/**
 * Buckets sorted by `le` with counts forced non-decreasing, as Prometheus'
 * `histogram_quantile` does before interpolating (scrapes are not atomic across buckets).
 */
export function normalizeHistogram(histogram: Histogram): HistogramBucket[] {
  for (const b of histogram) {
    if (Number.isNaN(b.le) || !(b.count >= 0)) throw new RangeError(`histogram bucket {le: ${b.le}, count: ${b.count}} needs a number le and a non-negative count`);
  }
  const sorted = [...histogram].sort((a, b) => a.le - b.le);
  let running = 0;
  return sorted.map((b) => {
    running = Math.max(running, b.count);
    return { le: b.le, count: running };
  });
}

/** Total observations in normalized buckets. */
export function histogramTotal(buckets: readonly HistogramBucket[]): number {
  return buckets.length === 0 ? 0 : buckets[buckets.length - 1]!.count;
}

/**
 * The q-quantile by linear interpolation within the bucket holding rank q·total, exactly as
 * Prometheus' `histogram_quantile`: the first bucket starts at 0 when its bound is positive,
 * and a rank in the `+Inf` bucket returns the largest finite bound. NaN when empty.
 */
export function histogramQuantile(buckets: readonly HistogramBucket[], q: number): number {
  const total = histogramTotal(buckets);
  if (total === 0 || Number.isNaN(q)) return Number.NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const rank = q * total;
  const b = bucketIndexOfRank(buckets, rank);
  const bucket = buckets[b]!;
  if (bucket.le === Infinity) return b > 0 ? buckets[b - 1]!.le : Number.NaN;
  if (b === 0 && bucket.le <= 0) return bucket.le;
  const start = b === 0 ? 0 : buckets[b - 1]!.le;
  const below = b === 0 ? 0 : buckets[b - 1]!.count;
  return start + (bucket.le - start) * ((rank - below) / (bucket.count - below));
}

/** Index of the first bucket whose cumulative count reaches `rank` (binary search). */
export function bucketIndexOfRank(buckets: readonly HistogramBucket[], rank: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (buckets[mid]!.count >= rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Approximate mean and sample standard deviation from bucket midpoints (the first bucket
 * from 0 when its bound is positive). Observations in the `+Inf` bucket are placed at the
 * largest finite bound, so the mean is then a lower bound; `openEnded` counts them.
 */
export function summarizeHistogram(histogram: Histogram): { n: number; mean: number; sd: number; openEnded: number } {
  const buckets = normalizeHistogram(histogram);
  let n = 0;
  let sum = 0;
  let squares = 0;
  let openEnded = 0;
  let previousLe = Number.NaN;
  let previousCount = 0;
  for (const [index, b] of buckets.entries()) {
    const count = b.count - previousCount;
    if (count > 0) {
      let mid: number;
      if (b.le === Infinity) {
        openEnded += count;
        mid = Number.isNaN(previousLe) ? 0 : previousLe;
      } else if (index === 0) {
        mid = b.le > 0 ? b.le / 2 : b.le;
      } else {
        mid = (previousLe + b.le) / 2;
      }
      n += count;
      sum += count * mid;
      squares += count * mid * mid;
    }
    previousLe = b.le;
    previousCount = b.count;
  }
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, openEnded };
  const mean = sum / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1))) : Number.NaN;
  return { n, mean, sd, openEnded };
}
