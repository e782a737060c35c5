import { normalTails } from '../distributions/normal.js';

/** The alternative hypothesis, spelled as R spells it; the effect is always canary − control. */
export type Alternative = 'two.sided' | 'greater' | 'less';

/** What every two-arm test returns: the fields of R's `htest`, plus what explanations need. */
export interface TestResult {
  /** R's `statistic`: X-squared (proportions), t (Welch) or W (Mann–Whitney), as `statisticName` says. */
  readonly statistic: number;
  readonly statisticName: 'X-squared' | 't' | 'W';
  /** Degrees of freedom, where the reference distribution has them (R's `parameter`). */
  readonly parameter?: number;
  readonly pValue: number;
  /** The effect, canary − control (for Mann–Whitney: P(canary > control) + ½P(tie)). */
  readonly estimate: number;
  /** Standard error of `estimate`, not assuming the null: what a confidence sequence needs. */
  readonly standardError: number;
  /** Confidence interval for `estimate` at `confLevel` (one-sided alternatives give an infinite or bounded end, as R does). */
  readonly interval: readonly [number, number];
  readonly confLevel: number;
  readonly alternative: Alternative;
  readonly n: { readonly control: number; readonly canary: number };
  /** Set when the data cannot support the test; then `pValue` is 1 (no evidence) and the interval is as wide as the parameter allows. */
  readonly degenerate?: string;
}

/** p-value of a standard normal statistic (R's convention: two-sided is 2·min of the tails). */
export function pValueFromZ(z: number, alternative: Alternative): number {
  const tails = normalTails(z);
  switch (alternative) {
    case 'two.sided':
      return Math.min(1, 2 * Math.min(tails.lower, tails.upper));
    case 'greater':
      return tails.upper;
    case 'less':
      return tails.lower;
  }
}

export function checkConfLevel(confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be between 0 and 1 (exclusive), got ${confLevel}`);
  return confLevel;
}

export function checkCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}
