import { normalQuantile } from '../../../src/core/stats/distributions/normal.js';
import type { Counts } from '../../../src/core/stats/contrast.js';
import { checkConfLevel, checkCount, pValueFromZ, type Alternative, type TestResult } from '../../../src/core/stats/tests/result.js';


export interface ProportionsOptions {
  /** Default 'two.sided'; 'greater' means the canary's rate is higher. */
  readonly alternative?: Alternative;
  /** Default 0.95. */
  readonly confLevel?: number;
}

export interface ProportionsTestResult extends TestResult {
  readonly statisticName: 'X-squared';
  /** The signed two-proportion z (pooled variance); `statistic` = z². */
  readonly z: number;
  readonly rates: { readonly control: number; readonly canary: number };
}

/**
 * Two-proportion test of canary against control, without continuity correction. Matches
 * R's `prop.test(x = c(canary.successes, control.successes), n = c(canary.trials,
 * control.trials), correct = FALSE)`: X-squared statistic (pooled), p-value, and the Wald
 * interval (unpooled) for canary − control, clipped to [−1, 1].
 *
 * `standardError` is the Wald one behind R's interval; the judge does not use it (a zero-event
 * arm has Wald variance 0): its two-arm contrasts use `agrestiCaffoRate` in src/core/stats/contrast.ts.
 *
 * Where R returns NaN — an arm without trials, or both arms with no events (or only events),
 * so the pooled variance is zero — this returns no evidence: statistic 0, p-value 1,
 * interval [−1, 1], and `degenerate` says why.
 */
export function proportionsTest(control: Counts, canary: Counts, opts: ProportionsOptions = {}): ProportionsTestResult {
  const alternative = opts.alternative ?? 'two.sided';
  const confLevel = checkConfLevel(opts.confLevel ?? 0.95);
  checkArm(control, 'control');
  checkArm(canary, 'canary');
  const n = { control: control.trials, canary: canary.trials };
  const rates = {
    control: control.trials > 0 ? control.successes / control.trials : 0,
    canary: canary.trials > 0 ? canary.successes / canary.trials : 0,
  };
  const delta = rates.canary - rates.control;
  const standardError = Math.sqrt(
    (control.trials > 0 ? (rates.control * (1 - rates.control)) / control.trials : 0) +
      (canary.trials > 0 ? (rates.canary * (1 - rates.canary)) / canary.trials : 0),
  );
  const pooled = (control.successes + canary.successes) / (control.trials + canary.trials);
  let degenerate: string | undefined;
  if (control.trials === 0 || canary.trials === 0) degenerate = `the ${control.trials === 0 ? 'control' : 'canary'} arm has no trials`;
  else if (pooled === 0 || pooled === 1) degenerate = `both arms have ${pooled === 0 ? 'no events' : 'only events'}, so there is no variance to test against`;
  if (degenerate !== undefined) {
    return { statisticName: 'X-squared', statistic: 0, parameter: 1, pValue: 1, estimate: delta, standardError, interval: [-1, 1], confLevel, alternative, n, z: 0, rates, degenerate };
  }
  const z = delta / Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / canary.trials));
  const quantile = normalQuantile(alternative === 'two.sided' ? (1 + confLevel) / 2 : confLevel);
  const width = quantile * standardError;
  const interval: [number, number] = [
    alternative === 'less' ? -1 : Math.max(delta - width, -1),
    alternative === 'greater' ? 1 : Math.min(delta + width, 1),
  ];
  return { statisticName: 'X-squared', statistic: z * z, parameter: 1, pValue: pValueFromZ(z, alternative), estimate: delta, standardError, interval, confLevel, alternative, n, z, rates };
}

export function checkArm(arm: Counts, name: string): void {
  checkCount(arm.trials, `${name}.trials`);
  checkCount(arm.successes, `${name}.successes`);
  if (arm.successes > arm.trials) throw new RangeError(`${name}.successes (${arm.successes}) exceeds ${name}.trials (${arm.trials})`);
}
