/**
 * Peek-safe (time-uniform) inference for gates that are evaluated again and again through a
 * stage: asymptotic confidence sequences with a Gaussian mixture boundary (Waudby-Smith,
 * Arnold, Wu, Wang & Ramdas, "Time-uniform central limit theory and asymptotic confidence
 * sequences", Ann. Statist. 2024; one-sided boundary from Howard, Ramdas, McAuliffe & Sekhon,
 * Ann. Statist. 2021, eq. (14)). With probability ≥ 1 − alpha (asymptotically) the interval
 * covers the true effect at every look at once, however often one looks and whenever one stops.
 * See docs/decisions/0003-peek-safe-sequential-tests.md.
 */

export interface SequentialOptions {
  /** Error rate over all looks together. */
  readonly alpha: number;
  /**
   * The sample size at which the boundary is tightest — the stage's planned sample size, in
   * the same unit as `n` (only n / tuneN matters). Default 10 000.
   */
  readonly tuneN?: number;
  /** 2 (default): a two-sided sequence. 1: each end is a one-sided bound at level alpha. */
  readonly sides?: 1 | 2;
}

export interface ConfidenceSequenceInterval {
  readonly lower: number;
  readonly upper: number;
  readonly halfWidth: number;
  /** halfWidth / se: what 1.96 is to a fixed-horizon 95 % interval. */
  readonly multiplier: number;
}

export const DEFAULT_TUNE_N = 10_000;

/**
 * The mixture's precision ρ² is fixed as c / tuneN with c = −2 ln α₀ + ln(1 − 2 ln α₀), α₀ = 0.05,
 * which minimises the width at tuneN for α₀ (Waudby-Smith et al. 2024, §3.3). Holding ρ fixed
 * across alpha keeps the sequences nested, so the always-valid p-value is exactly dual to them;
 * for alpha from 0.001 to 0.2 the width at tuneN stays within 1 % of its optimum.
 */
const TUNING_CONSTANT = -2 * Math.log(0.05) + Math.log(1 - 2 * Math.log(0.05));

/**
 * How many standard errors the confidence sequence extends on each side after `n`
 * observations. Two-sided: √(2(1 + 1/r) ln(√(1 + r)/α)); one-sided:
 * √(2(1 + 1/r) ln(√(1 + r)/(2α) + 1)), with r = ρ²n = c·n/tuneN.
 */
export function boundaryMultiplier(n: number, opts: SequentialOptions): number {
  checkAlpha(opts.alpha);
  const r = mixtureTime(n, opts.tuneN);
  if (r === 0) return Infinity;
  const scale = 2 * (1 + 1 / r);
  const root = Math.sqrt(1 + r);
  return (opts.sides ?? 2) === 2
    ? Math.sqrt(scale * Math.log(root / opts.alpha))
    : Math.sqrt(scale * Math.log(root / (2 * opts.alpha) + 1));
}

/**
 * Time-uniform confidence sequence for an effect with standard error `se` after `n`
 * observations (per arm, or any count proportional to the information — the canary arm's
 * count when the split is fixed). `estimate` and `se` come from any asymptotically normal
 * estimator: a difference of rates or means, a probability of superiority.
 */
export function confidenceSequence(estimate: number, se: number, n: number, opts: SequentialOptions): ConfidenceSequenceInterval {
  const multiplier = boundaryMultiplier(n, opts);
  const halfWidth = se === 0 ? 0 : multiplier * se;
  if (!(se >= 0) || Number.isNaN(halfWidth)) return { lower: -Infinity, upper: Infinity, halfWidth: Infinity, multiplier };
  return { lower: estimate - halfWidth, upper: estimate + halfWidth, halfWidth, multiplier };
}

export interface AlwaysValidOptions {
  /** 'greater': H0 effect ≤ threshold. 'less': H0 effect ≥ threshold. 'two.sided': H0 effect = threshold. */
  readonly alternative: 'greater' | 'less' | 'two.sided';
  readonly tuneN?: number;
}

/**
 * Always-valid p-value: the smallest alpha at which the confidence sequence (one-sided for
 * 'greater'/'less', two-sided otherwise) excludes `threshold`. P(p ≤ alpha at any look) ≤ alpha
 * under H0, so it may be checked at every tick; the running minimum over looks is valid too.
 */
export function alwaysValidPValue(estimate: number, se: number, n: number, threshold: number, opts: AlwaysValidOptions): number {
  const r = mixtureTime(n, opts.tuneN);
  if (r === 0 || !(se > 0)) return 1;
  const distance = opts.alternative === 'less' ? threshold - estimate : estimate - threshold;
  const z = opts.alternative === 'two.sided' ? Math.abs(distance) / se : distance / se;
  if (!(z > 0)) return 1;
  const exponent = (z * z) / (2 * (1 + 1 / r));
  const root = Math.sqrt(1 + r);
  const p = opts.alternative === 'two.sided' ? root * Math.exp(-exponent) : root / (2 * Math.expm1(exponent));
  return Math.min(1, p);
}

function mixtureTime(n: number, tuneN: number = DEFAULT_TUNE_N): number {
  if (!(n >= 0)) throw new RangeError(`n must be a non-negative number of observations, got ${n}`);
  if (!(tuneN > 0) || !Number.isFinite(tuneN)) throw new RangeError(`tuneN must be a positive number, got ${tuneN}`);
  return (TUNING_CONSTANT * n) / tuneN;
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1 (exclusive), got ${alpha}`);
}
