import { alwaysValidPValue } from './sequential.js';
import type { Summary } from './summary.js';

/**
 * The estimators the judge decides with, and nothing else: one arm's estimate with its
 * variance, a contrast of two arms (or of one arm and a bound) against a margin, and the
 * always-valid p-values of that contrast. Every gate and rollback criterion on rates, means
 * and quantiles goes through these functions, and each is checked against R in
 * `scripts/r/reference.R` (sections `rateContrast`, `rateBoundContrast`, `meanContrast`,
 * `shareContrast`, `rateEstimate`, `ratioEstimate`, `ratioContrast`, `sequentialBoundary`, `alwaysValidPValue`).
 *
 * To add an estimator (a ratio metric by the delta method, a per-user mean), write a function
 * that returns an {@link ArmEstimate} — a value, the squared standard error of that value, and
 * the count the information grows with — and add R cases for it; the contrasts and p-values
 * below then apply unchanged, provided the estimator is asymptotically normal and its
 * variance consistent (what the confidence sequence's guarantee rests on, decision 0003).
 */

/** Events out of trials for one arm (errors out of requests, completions out of tasks). */
export interface Counts {
  readonly successes: number;
  readonly trials: number;
}

/** One arm's estimate and the squared standard error of it. */
export interface ArmEstimate {
  readonly value: number;
  /** The squared standard error of `value`; NaN when the data cannot give one. */
  readonly variance: number;
  /** Observations behind the estimate: what the confidence sequence's n counts. */
  readonly n: number;
}

/** A margin on canary against control: an amount in the metric's unit, or a fraction of the control's value. */
export interface Margin {
  readonly kind: 'absolute' | 'relative';
  readonly value: number;
}

/**
 * A one-sided question in the worse direction: is `estimate` beyond `threshold`? Every gate and
 * rollback criterion reduces to one or two of these, so that one always-valid test serves
 * rates, means, ranks and quantiles alike.
 */
export interface Contrast {
  readonly estimate: number;
  readonly threshold: number;
  /** Standard error of estimate − threshold (for relative margins it carries the control's uncertainty too). */
  readonly standardError: number;
}

/**
 * A rate: the observed x/n, with the variance p̃(1 − p̃)/n at p̃ = (x + ½)/(n + 1), so that an
 * arm with no events (a clean error rate) still has an honest, small uncertainty. With the
 * plain Wald variance p(1 − p)/n a zero-event canary has variance 0, and the sequence fired on
 * null data (decision 0003 has the measurement). The point estimate stays x/n, so the evidence
 * shows the rate the provider reported. This is what the evidence shows, and its interval
 * against a fixed bound; the tests use {@link rateBoundContrast} (one arm against a bound,
 * under the bound's variance) and {@link agrestiCaffoRate} (two arms). No trials: value and
 * variance NaN, n 0.
 *
 * R: `p <- (x + 0.5)/(n + 1); c(x/n, p*(1 - p)/n)`.
 */
export function estimateRate(counts: Counts): ArmEstimate {
  const { successes, trials } = counts;
  if (trials === 0) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const shrunk = (successes + 0.5) / (trials + 1);
  return { value: successes / trials, variance: (shrunk * (1 - shrunk)) / trials, n: trials };
}

/**
 * One arm of a difference of rates as Agresti and Caffo adjust it: one event and one non-event
 * added, p̃ = (x + 1)/(n + 2), with variance p̃(1 − p̃)/(n + 2). Every two-arm rate contrast the
 * judge tests (gates with `test: proportions` against control, `increase`/`drop` rollback
 * criteria) is built from these, because with the x/n centre and the (x + ½)/(n + 1) variance
 * of {@link estimateRate} a canary with no errors yet sat far below a control with some, and
 * 7.0 % of null canaries over 288 looks were passed at alpha 5 % (Agresti–Caffo: 4.1 %,
 * decision 0003). Adding to both arms pulls the centre of the difference towards 0 exactly
 * when the counts are too small to carry it. This is not the rate the evidence shows (that
 * stays the observed x/n of `estimateRate`); `n` stays the trials, the information count.
 * No trials: value and variance NaN, n 0.
 *
 * R: `p <- (x + 1)/(n + 2); c(p, p*(1 - p)/(n + 2))`; for two arms, the Agresti–Caffo interval
 * `(p2 - p1) + c(-1, 1)*qnorm(0.975)*sqrt(p1*(1 - p1)/(n1 + 2) + p2*(1 - p2)/(n2 + 2))`.
 */
export function agrestiCaffoRate(counts: Counts): ArmEstimate {
  const { successes, trials } = counts;
  if (trials === 0) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const adjusted = (successes + 1) / (trials + 2);
  return { value: adjusted, variance: (adjusted * (1 - adjusted)) / (trials + 2), n: trials };
}

/**
 * A mean from its sufficient statistics: the mean, with variance sd²/n (the Welch standard
 * error's term for one arm). Fewer than two observations: variance NaN.
 *
 * R: `c(mean(x), var(x)/length(x))`, or `t.test(canary, control)$stderr` for the two arms together.
 */
export function estimateMean(summary: Summary): ArmEstimate {
  return { value: summary.mean, variance: summary.n >= 2 ? (summary.sd * summary.sd) / summary.n : Number.NaN, n: summary.n };
}

/**
 * Unit-level sufficient statistics of a ratio metric: n units (users, conversations), x each
 * unit's numerator (its errors, its cost) and y its denominator (its requests).
 */
export interface UnitSums {
  readonly units: number;
  readonly sumX: number;
  readonly sumY: number;
  readonly sumXX: number;
  readonly sumYY: number;
  readonly sumXY: number;
}

/**
 * A ratio of per-unit sums, ΣX/ΣY, with the delta-method variance over units (Deng, Knoblich
 * and Lu, "Applying the Delta Method in Metric Analytics", KDD 2018, eq. 3):
 * Var ≈ (1/n)(σx²/μy² − 2μxσxy/μy³ + μx²σy²/μy⁴), the sample (n − 1) variances and covariance
 * of the per-unit x and y. Under sticky assignment a user's requests are correlated, and this
 * is the variance of a per-request rate or mean that treats the user, not the request, as the
 * independent draw. `n` is ΣY (the requests, for a per-request metric), the count the stage's
 * planned size (tuneN) is in, so the confidence sequence is tightest where planned; the
 * information itself enters through the variance. No units or ΣY = 0: value and variance NaN;
 * one unit: variance NaN.
 *
 * R: `n <- length(x); mx <- mean(x); my <- mean(y); c(sum(x)/sum(y), (var(x)/my^2 - 2*mx*cov(x, y)/my^3 + mx^2*var(y)/my^4)/n)`.
 */
export function estimateRatio(sums: UnitSums): ArmEstimate {
  const { units: n, sumX, sumY } = sums;
  if (!(n > 0) || !(sumY > 0)) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const value = sumX / sumY;
  if (n < 2) return { value, variance: Number.NaN, n: sumY };
  const mx = sumX / n;
  const my = sumY / n;
  // Rounding in an exporter's sums can leave a variance a hair below 0; it is 0.
  const vx = Math.max(0, (sums.sumXX - sumX * mx) / (n - 1));
  const vy = Math.max(0, (sums.sumYY - sumY * my) / (n - 1));
  const cxy = (sums.sumXY - sumX * my) / (n - 1);
  const variance = (vx / (my * my) - (2 * mx * cxy) / (my * my * my) + (mx * mx * vy) / (my * my * my * my)) / n;
  return { value, variance: Math.max(0, variance), n: sumY };
}

/**
 * A rate of per-unit counts (errors out of requests) as the judge tests two arms of it: the
 * ratio with one pseudo-unit added that holds one event in two trials — Agresti and Caffo's
 * one event and one non-event ({@link agrestiCaffoRate}), at the unit level. Without it a
 * canary with no errors yet has variance 0 and the sequence fires on null data (decision
 * 0003); with it, the centre moves towards ½ only while the counts are too small to carry the
 * difference. `n` stays ΣY.
 *
 * R: `x <- c(x, 1); y <- c(y, 2)`, then the {@link estimateRatio} expression.
 */
export function agrestiCaffoRatio(sums: UnitSums): ArmEstimate {
  if (!(sums.units > 0)) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const adjusted = estimateRatio({ units: sums.units + 1, sumX: sums.sumX + 1, sumY: sums.sumY + 2, sumXX: sums.sumXX + 1, sumYY: sums.sumYY + 4, sumXY: sums.sumXY + 2 });
  return { ...adjusted, n: sums.sumY };
}

/**
 * An estimate from request-level data whose requests are clustered in units, widened by a
 * declared design effect d (the variance under clustering over the variance if requests were
 * independent; Kish's 1 + (m − 1)ρ for m requests per user at intra-user correlation ρ): the
 * variance times d, so every interval is √d times wider. The information count stays: the
 * planned size is in the same requests.
 */
export function withDesignEffect(estimate: ArmEstimate, designEffect: number): ArmEstimate {
  return designEffect === 1 ? estimate : { ...estimate, variance: estimate.variance * designEffect };
}

/** A contrast whose standard error came from request-level data, widened by a design effect d: the standard error times √d. */
export function widenContrast(contrast: Contrast, designEffect: number): Contrast {
  return designEffect === 1 ? contrast : { ...contrast, standardError: contrast.standardError * Math.sqrt(designEffect) };
}

/**
 * canary − control with the standard error √(Var canary + Var control): the effect the judge
 * shows, with the interval built around it.
 */
export function differenceOf(control: ArmEstimate, canary: ArmEstimate): { readonly estimate: number; readonly standardError: number } {
  return { estimate: canary.value - control.value, standardError: Math.sqrt(control.variance + canary.variance) };
}

/**
 * canary against control with a margin, oriented so that a positive estimate is worse:
 * `worse: 'higher'` tests canary − control > margin, `'lower'` tests control − canary > margin.
 * Relative margins test sign·canary − (sign + m)·control > 0 with that combination's own
 * variance (a Fieller-type linear null), not as if the control's value were known.
 *
 * R (s = ±1 for higher/lower is worse, w = s + m for a relative margin m, else s):
 * `c(s*(canary - control), threshold, sqrt(var_canary + w^2*var_control))`, threshold m or m·control.
 */
export function differenceContrast(control: ArmEstimate, canary: ArmEstimate, margin: Margin, worse: 'higher' | 'lower'): Contrast {
  const sign = worse === 'higher' ? 1 : -1;
  const relative = margin.kind === 'relative';
  const weight = relative ? sign + margin.value : sign;
  return {
    estimate: sign * (canary.value - control.value),
    threshold: relative ? margin.value * control.value : margin.value,
    standardError: Math.sqrt(canary.variance + weight * weight * control.variance),
  };
}

/**
 * One arm against a fixed bound with the arm's own variance: `'above'` asks whether its value
 * exceeds the bound, `'below'` whether it falls under it. A mean is tested so; a rate goes
 * through {@link rateBoundContrast}.
 */
export function boundContrast(arm: ArmEstimate, bound: number, beyond: 'above' | 'below'): Contrast {
  return {
    estimate: beyond === 'above' ? arm.value - bound : bound - arm.value,
    threshold: 0,
    standardError: Math.sqrt(arm.variance),
  };
}

/**
 * One arm's rate against a fixed bound p₀ (`versus: absolute` proportions gates with `max` /
 * `min`, `above` / `below` rollback criteria): x/n − p₀ with the standard error under the
 * bound, √(p₀(1 − p₀)/n) — the one-sample score test, as {@link shareContrast} does for
 * quantiles. The variance at the estimate ({@link estimateRate}) shrinks as the observed rate
 * falls below the bound, so a canary whose true rate sat exactly at a 1 % bound, with 50
 * requests per look, was passed on 6.9 % of days over 288 looks at alpha 5 % (1.0 % now,
 * decision 0003): under the bound's own variance the statistic is standard normal exactly
 * where the error rate is stated, at the bound. The interval shown stays the x/n sequence
 * with {@link estimateRate}'s variance: it describes the rate, and the verdict is this test
 * (near the bound the two can disagree by a little). A bound of 0 or 1 has no variance of its
 * own (every observation would be decisive), so there the estimate's variance is kept. No
 * trials: NaN.
 *
 * R: `c(x/n - p0, sqrt(p0*(1 - p0)/n))` ('above'; `p0 - x/n` for 'below'), whose squared
 * z is `prop.test(x, n, p = p0, correct = FALSE)$statistic`.
 */
export function rateBoundContrast(counts: Counts, bound: number, beyond: 'above' | 'below'): Contrast {
  const arm = estimateRate(counts);
  if (!(bound > 0 && bound < 1)) return boundContrast(arm, bound, beyond);
  return { ...boundContrast(arm, bound, beyond), standardError: arm.n > 0 ? Math.sqrt((bound * (1 - bound)) / arm.n) : Number.NaN };
}

/**
 * Is the q-quantile beyond a bound b? It exceeds b exactly when fewer than a fraction q of
 * observations are ≤ b, so this tests `share` — the fraction of the n observations at or below
 * b — against q (a sign test), with the standard error under the null, √(q(1 − q)/n):
 * distribution-free, and a normal statistic a confidence sequence can carry.
 *
 * R: `k <- sum(x <= b); c(q - k/n, sqrt(q*(1 - q)/n))` for 'above', `k/n - q` for 'below'.
 */
export function shareContrast(share: number, n: number, q: number, beyond: 'above' | 'below'): Contrast {
  return {
    estimate: beyond === 'above' ? q - share : share - q,
    threshold: 0,
    standardError: n > 0 ? Math.sqrt((q * (1 - q)) / n) : Number.NaN,
  };
}

/**
 * Always-valid p-value that the contrast is beyond its threshold (evidence of harm): the
 * one-sided confidence sequence's p-value after `n` observations, tuned at `tuneN`. No usable
 * standard error: 1 (no evidence).
 */
export function beyondPValue(c: Contrast, n: number, tuneN: number): number {
  if (!(c.standardError > 0) || !Number.isFinite(c.standardError) || !Number.isFinite(c.estimate)) return 1;
  return alwaysValidPValue(c.estimate, c.standardError, n, c.threshold, { alternative: 'greater', tuneN });
}

/**
 * Always-valid p-value that the contrast is within its threshold (evidence to pass). A
 * standard error of exactly 0 (a bound met by every observation) passes outright when the
 * estimate is inside; otherwise no usable standard error gives 1.
 */
export function withinPValue(c: Contrast, n: number, tuneN: number): number {
  if (!Number.isFinite(c.estimate)) return 1;
  if (c.standardError === 0) return c.estimate < c.threshold && n > 0 ? 0 : 1;
  if (!(c.standardError > 0) || !Number.isFinite(c.standardError)) return 1;
  return alwaysValidPValue(c.estimate, c.standardError, n, c.threshold, { alternative: 'less', tuneN });
}
