/* eslint-disable no-loss-of-precision -- coefficients are quoted digit for digit as published; the parser rounds each to the nearest double. */
const LN_SQRT_2PI = 0.9189385332046727417803297364056176;

// Lanczos approximation, g = 7, n = 9: relative error below 2e-15 on Γ(x) for x ≥ 0.5.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

// Stirling series coefficients B_{2k} / (2k (2k - 1)), k = 1..8.
const STIRLING = [
  1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400,
];

/**
 * The remainder of Stirling's formula, lnΓ(x) − [(x − ½) ln x − x + ½ ln 2π], for x ≥ 10
 * (R's internal `lgammacor`). Used to form differences of log-gammas of large arguments
 * without the cancellation that ruins `lgamma(a) − lgamma(a + b)` when a ≈ 10^6.
 */
export function stirlingCorrection(x: number): number {
  if (!(x >= 10)) throw new RangeError(`stirlingCorrection needs x >= 10, got ${x}`);
  const inv2 = 1 / (x * x);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * inv2 + STIRLING[k]!;
  return sum / x;
}

/** ln Γ(x) for x > 0, to about 1e-15 relative (R's `lgamma` for positive arguments). */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  // The Lanczos series is accurate only from ½ up; Γ(x) = Γ(x + 1) / x below that.
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
