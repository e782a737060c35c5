import { alwaysValidPValue } from '../stats/index.js';
import type { ArmData } from '../metrics/arm-data.js';
import { summaryOf, type DistributionView } from '../metrics/distribution-view.js';
import type { GateMargin } from './gate-margin.js';

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

/** One arm's estimate and the squared standard error of it. */
export interface ArmEstimate {
  readonly value: number;
  readonly variance: number;
  readonly n: number;
}

/**
 * A rate with its variance. The variance uses (x + ½)/(n + 1) so that an arm with no events
 * (a clean error rate) still has an honest, small uncertainty: with the plain Wald variance two
 * spotless arms could never be shown within any margin.
 */
export function rateEstimate(data: ArmData): ArmEstimate | undefined {
  if (data.kind !== 'counts') return undefined;
  const { successes, trials } = data;
  if (trials === 0) return { value: Number.NaN, variance: Number.NaN, n: 0 };
  const shrunk = (successes + 0.5) / (trials + 1);
  return { value: successes / trials, variance: (shrunk * (1 - shrunk)) / trials, n: trials };
}

/** A mean with its variance, from a summary, samples or (approximately) histogram buckets. */
export function meanEstimate(data: ArmData): ArmEstimate | undefined {
  const summary = summaryOf(data);
  if (!summary) return undefined;
  return { value: summary.mean, variance: summary.n >= 2 ? (summary.sd * summary.sd) / summary.n : Number.NaN, n: summary.n };
}

/**
 * canary against control with a margin, oriented so that a positive estimate is worse:
 * `worse: 'higher'` tests canary − control > margin, `'lower'` tests control − canary > margin.
 * Relative margins test sign·canary − (sign + m)·control > 0 with that combination's own
 * variance (a Fieller-type linear null), not as if the control's value were known.
 */
export function differenceContrast(control: ArmEstimate, canary: ArmEstimate, margin: GateMargin, worse: 'higher' | 'lower'): Contrast {
  const sign = worse === 'higher' ? 1 : -1;
  const relative = margin.kind === 'relative';
  const weight = relative ? sign + margin.value : sign;
  return {
    estimate: sign * (canary.value - control.value),
    threshold: relative ? margin.value * control.value : margin.value,
    standardError: Math.sqrt(canary.variance + weight * weight * control.variance),
  };
}

/** One arm against a fixed bound: `'above'` asks whether its value exceeds the bound, `'below'` whether it falls under it. */
export function boundContrast(arm: ArmEstimate, bound: number, beyond: 'above' | 'below'): Contrast {
  return {
    estimate: beyond === 'above' ? arm.value - bound : bound - arm.value,
    threshold: 0,
    standardError: Math.sqrt(arm.variance),
  };
}

/**
 * Is the q-quantile beyond a bound? The q-quantile exceeds b exactly when fewer than a
 * fraction q of observations are ≤ b, so this tests the share at or below b against q (a sign
 * test), with the standard error under the null, √(q(1 − q)/n): distribution-free, and a
 * normal statistic a confidence sequence can carry.
 */
export function quantileContrast(view: DistributionView, q: number, bound: number, beyond: 'above' | 'below'): Contrast {
  const share = view.cdf(bound);
  return {
    estimate: beyond === 'above' ? q - share : share - q,
    threshold: 0,
    standardError: view.n > 0 ? Math.sqrt((q * (1 - q)) / view.n) : Number.NaN,
  };
}

/** Always-valid p-value that the contrast is beyond its threshold (evidence of harm). */
export function beyondPValue(c: Contrast, n: number, tuneN: number): number {
  if (!(c.standardError > 0) || !Number.isFinite(c.standardError) || !Number.isFinite(c.estimate)) return 1;
  return alwaysValidPValue(c.estimate, c.standardError, n, c.threshold, { alternative: 'greater', tuneN });
}

/** Always-valid p-value that the contrast is within its threshold (evidence to pass). */
export function withinPValue(c: Contrast, n: number, tuneN: number): number {
  if (!Number.isFinite(c.estimate)) return 1;
  if (c.standardError === 0) return c.estimate < c.threshold && n > 0 ? 0 : 1;
  if (!(c.standardError > 0) || !Number.isFinite(c.standardError)) return 1;
  return alwaysValidPValue(c.estimate, c.standardError, n, c.threshold, { alternative: 'less', tuneN });
}
