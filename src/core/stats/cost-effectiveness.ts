import type { ArmEstimate, Contrast, UnitSums } from './contrast.js';

/**
 * The estimators of the ratio and cost-effectiveness gates (decision 0019), on the same
 * unit-level sums as {@link estimateRatio}: per arm, n units and Σx, Σy, Σx², Σy², Σxy, where x
 * and y are two per-unit totals of one series — cost and resolved conversations, tokens and
 * tasks, quality and cost. Both need the covariance of x and y within units, which only a
 * pair of totals per unit carries (Σxy); two separately reported metrics could not. Each is
 * checked against R in `scripts/r/reference.R` (sections `logRatioContrast`, `netBenefitContrast`).
 */

/**
 * log(ΣX/ΣY) with the delta-method variance of the log of a ratio of means over units:
 * Var(log R) ≈ (1/n)(σx²/μx² − 2σxy/(μxμy) + σy²/μy²), i.e. Var(R)/R² of
 * {@link estimateRatio}. A ratio of two ratios (canary over control) is then a difference of
 * logs, whose variance is the sum of the arms' (they hold different units), and a relative
 * margin is a fixed bound log(1 + m) on it: no control value enters the threshold, so the
 * test needs no Fieller-type correction. The log scale is also where a ratio's sampling
 * distribution is closest to normal. `n` is ΣY, as for {@link estimateRatio}. No units,
 * ΣX ≤ 0 or ΣY ≤ 0: value and variance NaN; one unit: variance NaN.
 *
 * R: `n <- length(x); c(log(sum(x)/sum(y)), (var(x)/mean(x)^2 - 2*cov(x, y)/(mean(x)*mean(y)) + var(y)/mean(y)^2)/n)`.
 */
export function estimateLogRatio(sums: UnitSums): ArmEstimate {
  const { units: n, sumX, sumY } = sums;
  if (!(n > 0) || !(sumX > 0) || !(sumY > 0)) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const value = Math.log(sumX / sumY);
  if (n < 2) return { value, variance: Number.NaN, n: sumY };
  const { vx, vy, cxy, mx, my } = moments(sums);
  const variance = (vx / (mx * mx) - (2 * cxy) / (mx * my) + vy / (my * my)) / n;
  return { value, variance: Math.max(0, variance), n: sumY };
}

/**
 * Canary's ratio against control's with a relative margin m, oriented so a positive estimate is
 * worse: `worse: 'higher'` (cost per resolved conversation) tests log(Rk/Rc) > log(1 + m),
 * `'lower'` (resolved per dollar) tests −log(Rk/Rc) > −log(1 − m), m < 1. Arms from
 * {@link estimateLogRatio}.
 *
 * R: `c(s*(l2[1] - l1[1]), if (s > 0) log(1 + m) else -log(1 - m), sqrt(l1[2] + l2[2]))`.
 */
export function logRatioContrast(control: ArmEstimate, canary: ArmEstimate, margin: number, worse: 'higher' | 'lower'): Contrast {
  const sign = worse === 'higher' ? 1 : -1;
  return {
    estimate: sign * (canary.value - control.value),
    threshold: worse === 'higher' ? Math.log1p(margin) : -Math.log1p(-margin),
    standardError: Math.sqrt(control.variance + canary.variance),
  };
}

/**
 * One arm's net benefit per unit, λ·q̄ − c̄, with q each unit's quality (resolved conversations,
 * a score) and c its cost, from the pair's unit-level sums: which of x and y is the cost is
 * `cost`. Its variance is that of a mean of the per-unit λq − c:
 * (λ²σq² − 2λσqc + σc²)/n, so the covariance of quality and cost within units (a user who
 * asks more both costs more and is resolved more) enters, as it must: left out, it would
 * overstate the variance when they move together and understate it when they move apart.
 * `n` is the units. No units: NaN; one unit: variance NaN.
 *
 * R: `z <- lambda*q - c; c(mean(z), var(z)/length(z))`, equal to
 * `c(lambda*mean(q) - mean(c), (lambda^2*var(q) - 2*lambda*cov(q, c) + var(c))/length(q))`.
 */
export function estimateNetBenefit(sums: UnitSums, willingnessToPay: number, cost: 'x' | 'y'): ArmEstimate {
  const n = sums.units;
  if (!(n > 0)) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const { vx, vy, cxy, mx, my } = moments(sums);
  const [mq, mc, vq, vc] = cost === 'y' ? [mx, my, vx, vy] : [my, mx, vy, vx];
  const value = willingnessToPay * mq - mc;
  if (n < 2) return { value, variance: Number.NaN, n };
  const variance = (willingnessToPay * willingnessToPay * vq - 2 * willingnessToPay * cxy + vc) / n;
  return { value, variance: Math.max(0, variance), n };
}

/**
 * The incremental net benefit ΔNB = NB(canary) − NB(control) = λ·Δquality − Δcost against a
 * floor m, oriented so a positive estimate is worse: −ΔNB > −m, i.e. the challenger's extra
 * quality, valued at λ, falls short of its extra cost by more than the floor allows. This is
 * the ICER Δcost/Δquality ≤ λ made linear (Stinnett and Mullahy 1998): the ICER's
 * denominator can be near 0 or change sign, where its delta-method interval is meaningless,
 * and a negative ICER means opposite things in two quadrants; ΔNB is a difference of two
 * arms' means with an ordinary variance.
 *
 * R: `c(-(b2[1] - b1[1]), -m, sqrt(b1[2] + b2[2]))`.
 */
export function netBenefitContrast(control: ArmEstimate, canary: ArmEstimate, minNetBenefit: number): Contrast {
  return {
    estimate: control.value - canary.value,
    threshold: -minNetBenefit,
    standardError: Math.sqrt(control.variance + canary.variance),
  };
}

/** Means, sample (n − 1) variances and covariance of the per-unit x and y. */
function moments(sums: UnitSums): { mx: number; my: number; vx: number; vy: number; cxy: number } {
  const { units: n, sumX, sumY } = sums;
  const mx = sumX / n;
  const my = sumY / n;
  if (n < 2) return { mx, my, vx: Number.NaN, vy: Number.NaN, cxy: Number.NaN };
  // Rounding in an exporter's sums can leave a variance a hair below 0; it is 0.
  return {
    mx,
    my,
    vx: Math.max(0, (sums.sumXX - sumX * mx) / (n - 1)),
    vy: Math.max(0, (sums.sumYY - sumY * my) / (n - 1)),
    cxy: (sums.sumXY - sumX * my) / (n - 1),
  };
}
