import { normalQuantile } from './distributions/normal.js';
import { boundaryMultiplier } from './sequential.js';

export interface SampleSizeOptions {
  readonly kind: 'proportion' | 'mean';
  /** The control's rate (proportion) or mean. */
  readonly baseline: number;
  /** Standard deviation of one observation (means only). */
  readonly sd?: number;
  /** The difference to detect, in the metric's unit (absolute, > 0). */
  readonly margin: number;
  readonly alpha: number;
  /** Probability of detecting a true difference of `margin`, e.g. 0.8. */
  readonly power: number;
  readonly sides: 1 | 2;
  /** canary : control allocation, e.g. 5/95. Default 1. */
  readonly ratio?: number;
  /** Size for the peek-safe confidence sequence instead of one fixed-horizon test. */
  readonly sequential?: boolean;
  /** Sequential only: where the boundary is tuned, in the confidence sequence's unit (the smaller arm's count). Default: the answer itself. */
  readonly tuneN?: number;
}

export interface SampleSize {
  /** Observations needed per arm, rounded up. */
  readonly control: number;
  readonly canary: number;
  /** The same before rounding. */
  readonly exact: { readonly control: number; readonly canary: number };
  /** Standard errors the test's boundary lies from the null: z(1 − α/sides), or the confidence sequence's multiplier. */
  readonly boundary: number;
}

/**
 * Observations per arm for a two-arm comparison to detect a difference of `margin` with the
 * given power, by the normal approximation. Proportions (control rate p₁, canary p₂ = p₁ + margin,
 * allocation k = canary/control):
 *
 *   n_control = (z_α·√(p̄(1 − p̄)(1 + 1/k)) + z_β·√(p₁(1 − p₁) + p₂(1 − p₂)/k))² / margin², p̄ = (p₁ + k·p₂)/(1 + k)
 *
 * which for k = 1 is R's `power.prop.test` (strict = FALSE). Means: n_control =
 * (z_α + z_β)²·sd²·(1 + 1/k) / margin², the large-sample form of R's `power.t.test` (which
 * uses the noncentral t and asks for one or two more observations at small n).
 *
 * Sequential: z_α becomes the confidence sequence's multiplier at the answer, so that an
 * effect of `margin` leaves the sequence's boundary with the stated power when that many
 * observations have arrived; by default the sequence is tuned at that very n.
 */
export function requiredSamplesPerArm(opts: SampleSizeOptions): SampleSize {
  const ratio = opts.ratio ?? 1;
  checkOptions(opts, ratio);
  const zBeta = normalQuantile(opts.power);
  let nullSpread: number;
  let alternativeSpread: number;
  if (opts.kind === 'proportion') {
    const p1 = opts.baseline;
    const p2 = p1 + opts.margin <= 1 ? p1 + opts.margin : p1 - opts.margin;
    const pooled = (p1 + ratio * p2) / (1 + ratio);
    nullSpread = Math.sqrt(pooled * (1 - pooled) * (1 + 1 / ratio));
    alternativeSpread = Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / ratio);
  } else {
    nullSpread = opts.sd! * Math.sqrt(1 + 1 / ratio);
    alternativeSpread = nullSpread;
  }
  const controlFor = (boundary: number) => ((boundary * nullSpread + zBeta * alternativeSpread) / opts.margin) ** 2;

  let boundary: number;
  let control: number;
  if (!opts.sequential) {
    boundary = normalQuantile(opts.alpha / opts.sides, false);
    control = controlFor(boundary);
  } else if (opts.tuneN === undefined) {
    // Tuned at its own answer, the multiplier no longer depends on n.
    boundary = boundaryMultiplier(1, { alpha: opts.alpha, sides: opts.sides, tuneN: 1 });
    control = controlFor(boundary);
  } else {
    const tuneN = opts.tuneN;
    const boundaryAt = (n: number) => boundaryMultiplier(Math.min(n, ratio * n), { alpha: opts.alpha, sides: opts.sides, tuneN });
    const shortfall = (n: number) => n - controlFor(boundaryAt(n));
    let lo = 0;
    let hi = Math.max(1, controlFor(normalQuantile(opts.alpha / opts.sides, false)));
    while (shortfall(hi) < 0) {
      lo = hi;
      hi *= 2;
    }
    for (let i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (shortfall(mid) < 0) lo = mid;
      else hi = mid;
    }
    control = hi;
    boundary = boundaryAt(hi);
  }
  const exact = { control, canary: ratio * control };
  return { control: Math.ceil(exact.control - 1e-9), canary: Math.ceil(exact.canary - 1e-9), exact, boundary };
}

function checkOptions(opts: SampleSizeOptions, ratio: number): void {
  if (!(opts.margin > 0) || !Number.isFinite(opts.margin)) throw new RangeError(`margin must be a positive number, got ${opts.margin}`);
  if (!(opts.alpha > 0 && opts.alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${opts.alpha}`);
  if (!(opts.power > 0 && opts.power < 1)) throw new RangeError(`power must be between 0 and 1, got ${opts.power}`);
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`ratio must be a positive number, got ${ratio}`);
  if (opts.kind === 'proportion' && !(opts.baseline >= 0 && opts.baseline <= 1)) throw new RangeError(`a proportion baseline must be between 0 and 1, got ${opts.baseline}`);
  if (opts.kind === 'mean' && !(opts.sd !== undefined && opts.sd > 0)) throw new RangeError('a mean needs sd > 0 (the standard deviation of one observation)');
}
