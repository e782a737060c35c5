import { normalQuantile } from '../../../src/core/stats/distributions/normal.js';
import { regularizedBeta, type Tails } from './incomplete-beta.js';

/**
 * Both tails of Binomial(n, p) at k: P[X ≤ k] and P[X > k] (R's `pbinom(k, n, p)` and
 * `pbinom(k, n, p, lower.tail = FALSE)`), through P[X ≤ k] = I_{1−p}(n − k, k + 1).
 */
export function binomialTails(k: number, n: number, p: number): Tails {
  if (Number.isNaN(k) || !(n >= 0) || !(p >= 0 && p <= 1)) return { lower: Number.NaN, upper: Number.NaN };
  const j = Math.floor(k + 1e-7);
  if (j < 0) return { lower: 0, upper: 1 };
  if (j >= n) return { lower: 1, upper: 0 };
  return regularizedBeta(1 - p, n - j, j + 1, p);
}

/** P[X ≤ k] for X ~ Binomial(n, p) (R's `pbinom(k, n, p)`). */
export function binomialCdf(k: number, n: number, p: number): number {
  return binomialTails(k, n, p).lower;
}

/**
 * The smallest k with P[X ≤ k] ≥ prob for X ~ Binomial(n, p) (R's `qbinom(prob, n, p)`).
 * Like R, the target is lowered by 64 ulps so that a probability computed as exactly a
 * CDF value maps back to its own k.
 */
export function binomialQuantile(prob: number, n: number, p: number): number {
  if (Number.isNaN(prob) || prob < 0 || prob > 1 || !(n >= 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0 || n === 0) return 0;
  if (p === 1 || prob + 1.01 * Number.EPSILON >= 1) return n;
  if (prob === 0) return 0;
  const target = prob * (1 - 64 * Number.EPSILON);
  const mu = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  const gamma = (1 - 2 * p) / sigma;
  const z = normalQuantile(prob);
  // Cornish–Fisher start, then a galloping search and bisection on the monotone CDF.
  let guess = Math.floor(mu + sigma * (z + (gamma * (z * z - 1)) / 6) + 0.5);
  guess = Math.min(n, Math.max(0, Number.isFinite(guess) ? guess : 0));
  let lo: number;
  let hi: number;
  if (binomialCdf(guess, n, p) >= target) {
    hi = guess;
    let step = 1;
    lo = guess - step;
    while (lo >= 0 && binomialCdf(lo, n, p) >= target) {
      hi = lo;
      step *= 2;
      lo = hi - step;
    }
    lo = Math.max(lo, -1);
  } else {
    lo = guess;
    let step = 1;
    hi = Math.min(n, guess + step);
    while (hi < n && binomialCdf(hi, n, p) < target) {
      lo = hi;
      step *= 2;
      hi = Math.min(n, lo + step);
    }
  }
  // Invariant: cdf(lo) < target (or lo = −1) and cdf(hi) ≥ target (or hi = n).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialCdf(mid, n, p) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}
