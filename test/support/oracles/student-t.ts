import { normalQuantile, normalTails } from '../../../src/core/stats/distributions/normal.js';
import { logBeta, regularizedBeta, type Tails } from './incomplete-beta.js';

/**
 * Both tails of Student's t with `df` > 0 degrees of freedom at t (R's `pt(t, df)` and
 * `pt(t, df, lower.tail = FALSE)`); `df` may be fractional (Welch) or Infinity (normal).
 * P[|T| > |t|] = I_{ν/(ν+t²)}(ν/2, ½), with x and 1 − x formed separately so neither
 * tail suffers cancellation; for ν ≥ 10^5, Hill's normalizing expansion.
 */
export function studentTTails(t: number, df: number): Tails {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (df === Infinity) return normalTails(t);
  if (t === Infinity) return { lower: 1, upper: 0 };
  if (t === -Infinity) return { lower: 0, upper: 1 };
  if (df >= HILL_MIN_DF) {
    const beyond = normalTails(-hillNormalDeviate(t, df)).lower;
    return t > 0 ? { lower: 1 - beyond, upper: beyond } : { lower: beyond, upper: 1 - beyond };
  }
  const t2 = t * t;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  const beyond = 0.5 * regularizedBeta(x, df / 2, 0.5, y).lower;
  return t > 0 ? { lower: 1 - beyond, upper: beyond } : { lower: beyond, upper: 1 - beyond };
}

/**
 * From here on the beta continued fraction, which works on x ≈ 1 − t²/ν, would lose digits
 * in proportion to ν (1e-9 relative at ν = 10^8), while Hill's expansion is exact to double
 * precision (checked against R for ν ≥ 10^4 and |t| ≤ 37).
 */
const HILL_MIN_DF = 1e5;

/**
 * G. W. Hill, "Algorithm 395: Student's t-distribution", CACM 13 (1970): the normal deviate z
 * with Φ(−z) = P[T > |t|], an asymptotic expansion in 1/ν of √((ν − ½) ln(1 + t²/ν)).
 */
function hillNormalDeviate(t: number, df: number): number {
  const a = df - 0.5;
  const b = 48 * a * a;
  const y = a * Math.log1p((t * t) / df);
  return (1 + (y + 3 + (((-0.4 * y - 3.3) * y - 24) * y - 85.5) / (0.8 * y * y + 100 + b)) / b) * Math.sqrt(y);
}

/** P[T ≤ t] (R's `pt(t, df)`). */
export function studentTCdf(t: number, df: number): number {
  return studentTTails(t, df).lower;
}

/** P[T > t], accurate far into the tail (R's `pt(t, df, lower.tail = FALSE)`). */
export function studentTUpperTail(t: number, df: number): number {
  return studentTTails(t, df).upper;
}

/** The density of Student's t (R's `dt(t, df)`). */
export function studentTDensity(t: number, df: number): number {
  if (df === Infinity) return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The quantile of Student's t (R's `qt(p, df)`, or `qt(p, df, lower.tail = FALSE)` when
 * `lowerTail` is false): closed forms for ν = 1, 2, otherwise a Cornish–Fisher start refined
 * by safeguarded Newton steps on the log of the tail probability.
 */
export function studentTQuantile(p: number, df: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (df === Infinity) return normalQuantile(p, lowerTail);
  const lower = lowerTail ? p : 1 - p;
  if (lower === 0.5) return 0;
  // Solve P[T > t] = tail for t > 0, then mirror.
  const sign = lower > 0.5 ? 1 : -1;
  const tail = lowerTail === sign > 0 ? 1 - p : p;
  if (tail === 0) return sign * Infinity;
  return sign * upperTailInverse(tail, df);
}

function upperTailInverse(tail: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * tail);
  if (df === 2) return (1 - 2 * tail) * Math.sqrt(2 / (4 * tail * (1 - tail)));
  let t = initialGuess(tail, df);
  let lo = 0;
  let hi = Infinity;
  const logTarget = Math.log(tail);
  for (let iteration = 0; iteration < 200; iteration++) {
    const current = studentTUpperTail(t, df);
    if (current === tail) return t;
    if (current > tail) lo = t;
    else hi = t;
    // Newton on log P[T > t]: its derivative is −density/tail, well scaled deep in the tail.
    const step = ((Math.log(current) - logTarget) * current) / studentTDensity(t, df);
    let next = t + step;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = hi === Infinity ? Math.max(2 * t, t + 1) : (lo + hi) / 2;
    // 1e-13 is where steps meet the rounding noise of the tail itself; R's qt is no finer.
    if (Math.abs(next - t) <= 1e-13 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}

function initialGuess(tail: number, df: number): number {
  const z = normalQuantile(tail, false);
  const z2 = z * z;
  const g1 = (z2 * z + z) / 4;
  const g2 = ((5 * z2 + 16) * z2 * z + 3 * z) / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 * z - 15 * z) / 384;
  const guess = z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
  return guess > 0 && Number.isFinite(guess) ? guess : 1;
}
