import { summarize, type Summary } from '../../../src/core/stats/summary.js';
import { checkConfLevel, type Alternative, type TestResult } from '../../../src/core/stats/tests/result.js';
import { studentTQuantile, studentTTails } from './student-t.js';

export interface WelchOptions {
  /** Default 'two.sided'; 'greater' means the canary's mean is higher. */
  readonly alternative?: Alternative;
  /** The null difference canary − control. Default 0. */
  readonly mu?: number;
  /** Default 0.95. */
  readonly confLevel?: number;
}

export interface WelchTestResult extends TestResult {
  readonly statisticName: 't';
  readonly means: { readonly control: number; readonly canary: number };
}

/**
 * Welch's unequal-variance t-test of canary against control, from raw samples or from
 * sufficient statistics (constant time). Matches R's `t.test(canary, control, var.equal =
 * FALSE, mu, alternative, conf.level)`: t statistic, Welch–Satterthwaite df, p-value and
 * interval for canary − control.
 *
 * Where R stops ("not enough observations", "data are essentially constant") this returns
 * no evidence: statistic 0, p-value 1, interval (−∞, ∞), and `degenerate` says why.
 */
export function welchTest(control: Summary | ArrayLike<number>, canary: Summary | ArrayLike<number>, opts: WelchOptions = {}): WelchTestResult {
  const alternative = opts.alternative ?? 'two.sided';
  const mu = opts.mu ?? 0;
  const confLevel = checkConfLevel(opts.confLevel ?? 0.95);
  const x = toSummary(canary);
  const y = toSummary(control);
  const n = { control: y.n, canary: x.n };
  const means = { control: y.mean, canary: x.mean };
  const estimate = x.mean - y.mean;
  const vx = (x.sd * x.sd) / x.n;
  const vy = (y.sd * y.sd) / y.n;
  const standardError = Math.sqrt(vx + vy);
  let degenerate: string | undefined;
  if (x.n < 2 || y.n < 2) degenerate = `the ${x.n < 2 ? 'canary' : 'control'} arm has fewer than 2 observations`;
  else if (!(standardError >= 10 * Number.EPSILON * Math.max(Math.abs(x.mean), Math.abs(y.mean)))) {
    degenerate = 'the data are essentially constant, so there is no variance to test against';
  }
  if (degenerate !== undefined) {
    return { statisticName: 't', statistic: 0, pValue: 1, estimate, standardError, interval: [-Infinity, Infinity], confLevel, alternative, n, means, degenerate };
  }
  const df = (vx + vy) ** 2 / ((vx * vx) / (x.n - 1) + (vy * vy) / (y.n - 1));
  const statistic = (estimate - mu) / standardError;
  const tails = studentTTails(statistic, df);
  let pValue: number;
  let interval: [number, number];
  if (alternative === 'two.sided') {
    pValue = Math.min(1, 2 * Math.min(tails.lower, tails.upper));
    const q = studentTQuantile((1 - confLevel) / 2, df, false);
    interval = [estimate - q * standardError, estimate + q * standardError];
  } else {
    const q = studentTQuantile(1 - confLevel, df, false);
    pValue = alternative === 'greater' ? tails.upper : tails.lower;
    interval = alternative === 'greater' ? [estimate - q * standardError, Infinity] : [-Infinity, estimate + q * standardError];
  }
  return { statisticName: 't', statistic, parameter: df, pValue, estimate, standardError, interval, confLevel, alternative, n, means };
}

function toSummary(data: Summary | ArrayLike<number>): Summary {
  if ('mean' in data) {
    if (!(data.n >= 0) || !Number.isInteger(data.n)) throw new RangeError(`summary n must be a non-negative integer, got ${data.n}`);
    return data;
  }
  return summarize(data);
}
