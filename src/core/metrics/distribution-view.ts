import { histogramQuantile, normalizeHistogram, summarize, summarizeHistogram, type HistogramBucket, type Summary } from '../stats/index.js';
import type { ArmData } from './arm-data.js';

/**
 * One arm's continuous metric seen as a distribution, whether the source sent raw samples or
 * histogram buckets. Histograms are read as Prometheus reads them: uniform within a bucket,
 * the first bucket starting at 0 when its bound is positive, nothing known above the last
 * finite bound.
 */
export interface DistributionView {
  readonly source: 'samples' | 'histogram';
  readonly n: number;
  /** Fraction of observations ≤ x. */
  cdf(x: number): number;
  /** The q-quantile: R's type 7 for samples, `histogram_quantile` for buckets. NaN without data. */
  quantile(q: number): number;
  /** The distribution as cumulative buckets (samples: one bucket per distinct value). */
  buckets(): readonly HistogramBucket[];
}

const sortedCache = new WeakMap<readonly number[], Float64Array>();
const bucketCache = new WeakMap<readonly HistogramBucket[], HistogramBucket[]>();

/** The distribution behind samples or buckets; undefined for counts and summaries, which do not carry one. */
export function distributionView(data: ArmData): DistributionView | undefined {
  if (data.kind === 'samples') return samplesView(data.values);
  if (data.kind === 'histogram') return histogramView(data.buckets);
  return undefined;
}

/** n, mean and sd of a continuous metric in any form; undefined for counts and ratios (whose mean is the ratio estimator's). Histograms give the midpoint approximation. */
export function summaryOf(data: ArmData): Summary | undefined {
  switch (data.kind) {
    case 'counts':
    case 'ratio':
      return undefined;
    case 'summary':
      return { n: data.n, mean: data.mean, sd: data.sd };
    case 'samples':
      return summarize(data.values);
    case 'histogram': {
      const s = summarizeHistogram(data.buckets);
      return { n: s.n, mean: s.mean, sd: s.sd };
    }
  }
}

function samplesView(values: readonly number[]): DistributionView {
  let sorted = sortedCache.get(values);
  if (!sorted) {
    const finite: number[] = [];
    for (const v of values) if (Number.isFinite(v)) finite.push(v);
    sorted = Float64Array.from(finite).sort();
    sortedCache.set(values, sorted);
  }
  const data = sorted;
  const n = data.length;
  return {
    source: 'samples',
    n,
    cdf: (x) => (n === 0 ? Number.NaN : countAtOrBelow(data, x) / n),
    quantile: (q) => (n === 0 ? Number.NaN : quantileType7(data, q)),
    buckets: () => {
      const out: HistogramBucket[] = [];
      for (let i = 0; i < n; i++) {
        const last = out[out.length - 1];
        if (last && last.le === data[i]) out[out.length - 1] = { le: last.le, count: i + 1 };
        else out.push({ le: data[i]!, count: i + 1 });
      }
      return out;
    },
  };
}

function histogramView(raw: readonly HistogramBucket[]): DistributionView {
  let buckets = bucketCache.get(raw);
  if (!buckets) {
    buckets = normalizeHistogram(raw);
    bucketCache.set(raw, buckets);
  }
  const b = buckets;
  const n = b.length === 0 ? 0 : b[b.length - 1]!.count;
  return {
    source: 'histogram',
    n,
    cdf: (x) => (n === 0 ? Number.NaN : histogramCountAtOrBelow(b, x) / n),
    quantile: (q) => histogramQuantile(b, q),
    buckets: () => b,
  };
}

/** Observations ≤ x, interpolating linearly inside the bucket that holds x. */
export function histogramCountAtOrBelow(buckets: readonly HistogramBucket[], x: number): number {
  let below = 0;
  let start = Number.NaN;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    const lower = i === 0 ? (bucket.le > 0 ? 0 : bucket.le) : start;
    if (x < bucket.le) {
      if (bucket.le === Infinity || !(x > lower)) return below;
      return below + ((bucket.count - below) * (x - lower)) / (bucket.le - lower);
    }
    below = bucket.count;
    start = bucket.le;
  }
  return below;
}

function countAtOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function quantileType7(sorted: Float64Array, q: number): number {
  if (!(q >= 0)) return q < 0 ? -Infinity : Number.NaN;
  if (q > 1) return Infinity;
  const index = 1 + (sorted.length - 1) * q;
  const lo = Math.floor(index);
  const low = sorted[lo - 1]!;
  const high = sorted[Math.ceil(index) - 1]!;
  return index === lo || high === low ? low : low + (index - lo) * (high - low);
}
