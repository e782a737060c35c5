import { chiSquareTails } from '../distributions/chi-square.js';
import { checkCount } from './result.js';

export interface SrmTestResult {
  /** Pearson's X-squared against the expected split. */
  readonly statistic: number;
  /** Degrees of freedom: cells with positive weight, minus one. */
  readonly parameter: number;
  readonly pValue: number;
  /** Counts the configured weights lead one to expect, in the order given. */
  readonly expected: readonly number[];
  /** Observed share of each cell. */
  readonly observedShares: readonly number[];
  /** Configured share of each cell (weights normalised to sum to 1). */
  readonly expectedShares: readonly number[];
  readonly degenerate?: string;
}

/**
 * Sample-ratio-mismatch check: chi-square goodness of fit of the observed counts per arm to
 * the configured traffic weights. Matches R's `chisq.test(counts, p = weights / sum(weights))`.
 * A cell with weight 0 but observations is an outright mismatch (statistic ∞, p-value 0); a
 * cell with weight 0 and no observations is left out. No observations at all: p-value 1.
 */
export function srmTest(counts: readonly number[], weights: readonly number[]): SrmTestResult {
  if (counts.length !== weights.length || counts.length < 2) {
    throw new RangeError(`srmTest needs one weight per count and at least two cells, got ${counts.length} counts and ${weights.length} weights`);
  }
  counts.forEach((c, i) => checkCount(c, `counts[${i}]`));
  weights.forEach((w, i) => {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights[${i}] must be a finite non-negative number, got ${w}`);
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (!(weightSum > 0)) throw new RangeError('srmTest needs at least one positive weight');
  const expectedShares = weights.map((w) => w / weightSum);
  const expected = expectedShares.map((s) => s * total);
  const observedShares = counts.map((c) => (total > 0 ? c / total : Number.NaN));
  const cells = expectedShares.filter((s) => s > 0).length;
  const base = { parameter: cells - 1, expected, observedShares, expectedShares };
  if (total === 0) return { ...base, statistic: 0, pValue: 1, degenerate: 'no observations in any arm' };
  let statistic = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = expected[i]!;
    const o = counts[i]!;
    if (e === 0) {
      if (o > 0) statistic = Infinity;
      continue;
    }
    statistic += ((o - e) * (o - e)) / e;
  }
  if (statistic === Infinity) return { ...base, statistic, pValue: 0 };
  if (cells < 2) return { ...base, statistic, pValue: 1, degenerate: 'only one arm has a positive weight' };
  return { ...base, statistic, pValue: chiSquareTails(statistic, cells - 1).upper };
}
