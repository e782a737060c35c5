import { normalQuantile, normalTails } from '../distributions/normal.js';
import { studentTQuantile, studentTTails } from '../distributions/student-t.js';
import { checkConfLevel } from './result.js';

/** A margin on canary − control, one-sided in the direction that hurts. */
export interface MarginOptions {
  /**
   * How much worse the canary may be. `kind: 'absolute'`: in the metric's unit (0.005 = half a
   * percentage point for a rate). `kind: 'relative'`: a fraction of the control's value
   * (0.02 = 2 %); needs a positive control value.
   */
  readonly margin: number;
  readonly kind: 'absolute' | 'relative';
  /** Which direction is worse for this metric: 'higher' for errors and cost, 'lower' for completions. */
  readonly worse: 'higher' | 'lower';
  /** Which null hypothesis `pValue` refers to (both are always in `pValues`). Default 'non-inferiority'. */
  readonly hypothesis?: MarginHypothesis;
  /** Level of the two-sided `interval`. Default 0.95. */
  readonly confLevel?: number;
}

/**
 * - `non-inferiority`: H0 "the canary is worse than control by more than the margin"; a small
 *   p-value shows it is not (evidence to pass).
 * - `regression`: H0 "the canary is not worse by more than the margin"; a small p-value shows
 *   it is (evidence to fail).
 */
export type MarginHypothesis = 'non-inferiority' | 'regression';

export interface MarginTestResult {
  /** (estimate − threshold) / standardError: positive when the canary is worse than the margin allows. */
  readonly statistic: number;
  readonly statisticName: 'z' | 't';
  /** Welch–Satterthwaite degrees of freedom (t statistics only). */
  readonly parameter?: number;
  readonly hypothesis: MarginHypothesis;
  /** p-value for `hypothesis`. */
  readonly pValue: number;
  readonly pValues: { readonly nonInferiority: number; readonly regression: number };
  /** How much worse the canary is, in the metric's unit: canary − control when higher is worse, control − canary otherwise. */
  readonly estimate: number;
  /** The margin in the metric's unit (for relative margins: margin × the control's observed value). */
  readonly threshold: number;
  /**
   * Standard error of estimate − threshold. For relative margins it includes the control's
   * own uncertainty (the test is on canary − (1 ± margin)·control, a Fieller-type linear
   * null, rather than a delta-method ratio).
   */
  readonly standardError: number;
  /** Two-sided interval for `estimate` at `confLevel`, built with `standardError`, so it lies wholly on one side of `threshold` exactly when the matching one-sided test rejects at (1 − confLevel)/2. */
  readonly interval: readonly [number, number];
  readonly confLevel: number;
  readonly n: { readonly control: number; readonly canary: number };
  readonly degenerate?: string;
}

/** One arm's estimate, its squared standard error, and (for t tests) its degrees of freedom. */
export interface ArmEstimate {
  readonly value: number;
  readonly variance: number;
  readonly n: number;
  readonly df?: number;
}

/** Tests canary against control with a margin on the linear combination described in {@link MarginTestResult}. */
export function testMargin(control: ArmEstimate, canary: ArmEstimate, opts: MarginOptions, statisticName: 'z' | 't'): MarginTestResult {
  if (!(opts.margin >= 0) || !Number.isFinite(opts.margin)) throw new RangeError(`margin must be a finite non-negative number, got ${opts.margin}`);
  const confLevel = checkConfLevel(opts.confLevel ?? 0.95);
  const hypothesis = opts.hypothesis ?? 'non-inferiority';
  const sign = opts.worse === 'higher' ? 1 : -1;
  const estimate = sign * (canary.value - control.value);
  const relative = opts.kind === 'relative';
  const threshold = relative ? opts.margin * control.value : opts.margin;
  // estimate − threshold = sign·canary − weight·control, so its variance weights control by weight².
  const weight = relative ? sign + opts.margin : sign;
  const canaryPart = canary.variance;
  const controlPart = weight * weight * control.variance;
  const variance = canaryPart + controlPart;
  const standardError = Math.sqrt(variance);
  const n = { control: control.n, canary: canary.n };
  if (!(standardError > 0) || !Number.isFinite(standardError)) {
    return {
      statisticName,
      statistic: 0,
      hypothesis,
      pValue: 1,
      pValues: { nonInferiority: 1, regression: 1 },
      estimate,
      threshold,
      standardError,
      interval: [-Infinity, Infinity],
      confLevel,
      n,
      degenerate: 'the standard error is zero or undefined, so neither direction can be shown',
    };
  }
  const statistic = (estimate - threshold) / standardError;
  let tails;
  let quantile: number;
  let parameter: number | undefined;
  if (statisticName === 't') {
    parameter = (variance * variance) / ((canaryPart * canaryPart) / canary.df! + (controlPart * controlPart) / control.df!);
    tails = studentTTails(statistic, parameter);
    quantile = studentTQuantile((1 - confLevel) / 2, parameter, false);
  } else {
    tails = normalTails(statistic);
    quantile = normalQuantile((1 - confLevel) / 2, false);
  }
  const pValues = { nonInferiority: tails.lower, regression: tails.upper };
  const result: MarginTestResult = {
    statisticName,
    statistic,
    hypothesis,
    pValue: hypothesis === 'non-inferiority' ? pValues.nonInferiority : pValues.regression,
    pValues,
    estimate,
    threshold,
    standardError,
    interval: [estimate - quantile * standardError, estimate + quantile * standardError],
    confLevel,
    n,
  };
  return parameter === undefined ? result : { ...result, parameter };
}
