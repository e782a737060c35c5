import { checkArm, type Counts } from './proportions.js';
import { testMargin, type MarginOptions, type MarginTestResult } from './margin.js';

export interface ProportionsMarginOptions extends MarginOptions {
  /**
   * How each arm's rate and variance are estimated.
   * - 'agresti-caffo' (default): one event and one non-event added to each arm, p̃ = (x + 1)/(n + 2),
   *   Var = p̃(1 − p̃)/(n + 2) (Agresti & Caffo, Am. Statist. 2000). Keeps its coverage with few
   *   events, where a zero-event arm would give the Wald variance 0 and an overconfident verdict.
   * - 'wald': the plain rates x/n and p(1 − p)/n.
   */
  readonly variance?: 'agresti-caffo' | 'wald';
}

/**
 * One-sided two-proportion z-test against a margin, on unpooled variances. With
 * `variance: 'wald'` and an absolute margin m on a higher-is-worse rate, `pValues.regression`
 * is R's `pnorm((p2 - p1 - m) / sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2), lower.tail = FALSE)` (p1
 * control, p2 canary) and `pValues.nonInferiority` the lower tail; the default Agresti–Caffo
 * variant is the same expression on (x + 1)/(n + 2) with n + 2 trials.
 *
 * Relative margins test canary − (1 + margin)·control (or (1 − margin) when lower is worse)
 * against zero with that combination's own variance, instead of converting to an absolute
 * margin as if the control rate were known exactly.
 *
 * `estimate` and `standardError` are what a confidence sequence needs: with margin 0 this
 * is the peek-safe input for "is the canary's rate different".
 */
export function proportionsMarginTest(control: Counts, canary: Counts, opts: ProportionsMarginOptions): MarginTestResult {
  checkArm(control, 'control');
  checkArm(canary, 'canary');
  const estimateArm = opts.variance === 'wald' ? waldArm : agrestiCaffoArm;
  return testMargin(estimateArm(control), estimateArm(canary), opts, 'z');
}

function waldArm(arm: Counts) {
  if (arm.trials === 0) return { value: 0, variance: Number.NaN, n: 0 };
  const rate = arm.successes / arm.trials;
  return { value: rate, variance: (rate * (1 - rate)) / arm.trials, n: arm.trials };
}

function agrestiCaffoArm(arm: Counts) {
  const rate = (arm.successes + 1) / (arm.trials + 2);
  return { value: rate, variance: (rate * (1 - rate)) / (arm.trials + 2), n: arm.trials };
}
