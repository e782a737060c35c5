/* eslint-disable no-loss-of-precision -- coefficients are quoted digit for digit as published; the parser rounds each to the nearest double. */
import type { Tails } from '../special/tails.js';

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SMALL_Z = 0.66291;
/** Beyond this |z| the smaller tail is below 2.2e-308 (subnormal); R returns 0 there, and so do we. */
const UNDERFLOW_Z = 37.5193;

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
// (1969), as in his SPECFUN routine ANORM (netlib, public domain): three intervals of |z|.
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/**
 * Both tails of the standard normal at z (R's `pnorm(z)` and `pnorm(z, lower.tail = FALSE)`),
 * each with full relative precision: the tail beyond |z| is computed directly, never as
 * 1 − Φ, down to the smallest normal double (|z| = 37.5193, where R also returns 0).
 */
export function normalTails(z: number): Tails {
  if (Number.isNaN(z)) return { lower: Number.NaN, upper: Number.NaN };
  const y = Math.abs(z);
  if (y <= SMALL_Z) {
    const zsq = y > Number.EPSILON / 2 ? z * z : 0;
    let num = A[4]! * zsq;
    let den = zsq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * zsq;
      den = (den + B[i]!) * zsq;
    }
    const half = (z * (num + A[3]!)) / (den + B[3]!);
    return { lower: 0.5 + half, upper: 0.5 - half };
  }
  if (y >= UNDERFLOW_Z) return z > 0 ? { lower: 1, upper: 0 } : { lower: 0, upper: 1 };
  let ratio: number;
  if (y <= SQRT_32) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    ratio = (num + C[7]!) / (den + D[7]!);
  } else {
    const inv = 1 / (y * y);
    let num = P[5]! * inv;
    let den = inv;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * inv;
      den = (den + Q[i]!) * inv;
    }
    ratio = (ONE_OVER_SQRT_2PI - (inv * (num + P[4]!)) / (den + Q[4]!)) / y;
  }
  // exp(-y²/2) split as exp(-ysq²/2)·exp(-(y - ysq)(y + ysq)/2) with ysq = y rounded to 1/16,
  // so the square is exact and the tail keeps its relative precision (Cody's device).
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  const tail = Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * ratio;
  return z > 0 ? { lower: 1 - tail, upper: tail } : { lower: tail, upper: 1 - tail };
}

/** Φ(z) = P[Z ≤ z] (R's `pnorm(z)`). */
export function normalCdf(z: number): number {
  return normalTails(z).lower;
}

/** 1 − Φ(z) = P[Z > z], accurate far into the tail (R's `pnorm(z, lower.tail = FALSE)`). */
export function normalUpperTail(z: number): number {
  return normalTails(z).upper;
}

/** The standard normal density (R's `dnorm(z)`). */
export function normalDensity(z: number): number {
  return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * z * z);
}

// M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37 (1988) 477–484 (PPND16, about 1e-16 relative).
const AS241_A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const AS241_B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const AS241_C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const AS241_D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const AS241_E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const AS241_F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function evaluatePolynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

/**
 * The standard normal quantile (R's `qnorm(p)`, or `qnorm(p, lower.tail = FALSE)` when
 * `lowerTail` is false), by Wichura's AS 241. Passing the upper-tail probability for
 * quantiles above the median keeps full precision for p near 1.
 */
export function normalQuantile(p: number, lowerTail = true): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  const lower = lowerTail ? p : 1 - p;
  const q = lower - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * evaluatePolynomial(AS241_A, r)) / evaluatePolynomial(AS241_B, r);
  }
  const tail = lowerTail === q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? -Infinity : Infinity;
  let r = Math.sqrt(-Math.log(tail));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = evaluatePolynomial(AS241_C, r) / evaluatePolynomial(AS241_D, r);
  } else {
    r -= 5;
    value = evaluatePolynomial(AS241_E, r) / evaluatePolynomial(AS241_F, r);
  }
  return q < 0 ? -value : value;
}
