// Judge (d): a Kayenta-style comparator — Netflix's automated canary analysis as Spinnaker's
// Kayenta runs it (spinnaker/kayenta, kayenta-judge NetflixACAJudge.scala and
// MannWhitneyClassifier.scala; kayenta-mannwhitney MannWhitney.scala). Each metric is a time
// series of per-5-minute values for the canary and for the baseline (control); at every
// analysis interval (hourly here) each metric is classified by a two-sided Mann–Whitney test on
// the series since the stage started:
//   High  when the lower bound of the confidence interval for the location shift (canary −
//         control, at confLevel 0.98) is above tolerance × |Hodges–Lehmann estimate| (tolerance
//         0.25), and the effect size (mean ratio canary/control) is ≥ allowedIncrease (1.0);
//   Low   the mirror image; Pass otherwise.
// The judge's defaults: `new MannWhitneyClassifier(tolerance = 0.25, confLevel = 0.98,
// effectSizeThresholds, criticalThresholds, effectSizeMeasure)` with effectSize measure
// meanRatio and allowedIncrease/allowedDecrease 1.0 unless configured; direction `either` unless
// configured (we configure `increase`: every metric here is lower-is-better, and a faster or
// cheaper canary is no reason to roll back); no outlier removal unless configured. The score is
// the share of metrics classified Pass (×100, equal group weights); a score ≤ the marginal
// threshold at any interval ends the canary (MonitorCanaryTask: `canaryScore <=
// marginal` → TERMINAL), and the last interval must reach the pass threshold. With pass 95 and
// marginal 75 (the thresholds of Kayenta's json-formats.md examples) and three metrics, one
// High metric (score 66.7) rolls back.
import { normalCdf, normalQuantile } from '../../src/core/stats/index.js';
import type { Stop } from './threshold.js';

export const KAYENTA_DEFAULTS = { confLevel: 0.98, tolerance: 0.25, allowedIncrease: 1, pass: 95, marginal: 75 } as const;

export interface MannWhitneyInterval {
  readonly lower: number;
  readonly upper: number;
  /** Hodges–Lehmann estimate of the shift x − y. */
  readonly estimate: number;
}

/**
 * The statistic Kayenta's (and R's wilcox.test's) normal-approximation interval inverts: the
 * tie-corrected, continuity-corrected z of the rank-sum of x − mu against y, decreasing in mu.
 * Sorted inputs; O(n + m).
 */
export function shiftedZ(sortedX: ArrayLike<number>, sortedY: ArrayLike<number>, mu: number): number {
  const nx = sortedX.length;
  const ny = sortedY.length;
  // U = #{x − mu > y} + ½ #{x − mu = y}; ties over the pooled sample for the variance.
  let u = 0;
  let below = 0;
  for (let i = 0; i < nx; i++) {
    const v = sortedX[i]! - mu;
    while (below < ny && sortedY[below]! < v) below++;
    let e = below;
    while (e < ny && sortedY[e]! === v) e++;
    u += below + (e - below) / 2;
  }
  let ties = 0;
  let i = 0;
  let j = 0;
  while (i < nx || j < ny) {
    const v = i < nx && (j >= ny || sortedX[i]! - mu <= sortedY[j]!) ? sortedX[i]! - mu : sortedY[j]!;
    let t = 0;
    while (i < nx && sortedX[i]! - mu === v) {
      i++;
      t++;
    }
    while (j < ny && sortedY[j]! === v) {
      j++;
      t++;
    }
    ties += t * t * t - t;
  }
  const n = nx + ny;
  const dz = u - (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (!(sigma > 0)) return Number.NaN;
  return (dz - Math.sign(dz) * 0.5) / sigma;
}

/**
 * Kayenta's Mann–Whitney interval (and R's `wilcox.test(x, y, conf.int = TRUE, conf.level,
 * exact = FALSE, correct = TRUE)`): each bound is where shiftedZ crosses ∓z, the estimate where
 * it crosses 0, found between min(x) − max(y) and max(x) − min(y) by bisection to the data's
 * precision (Kayenta uses Brent, R uniroot with tol 1e-4: the same step points).
 */
export function mannWhitneyInterval(x: readonly number[], y: readonly number[], confLevel: number): MannWhitneyInterval {
  const sx = Float64Array.from(x).sort();
  const sy = Float64Array.from(y).sort();
  const lo = sx[0]! - sy[sy.length - 1]!;
  const hi = sx[sx.length - 1]! - sy[0]!;
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const root = (zq: number) => {
    if (shiftedZ(sx, sy, lo) - zq <= 0) return lo;
    if (shiftedZ(sx, sy, hi) - zq >= 0) return hi;
    let a = lo;
    let b = hi;
    for (let k = 0; k < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a), Math.abs(b)); k++) {
      const mid = (a + b) / 2;
      if (shiftedZ(sx, sy, mid) - zq > 0) a = mid;
      else b = mid;
    }
    return (a + b) / 2;
  };
  return { lower: root(z), upper: root(-z), estimate: root(0) };
}

/** Hodges–Lehmann shift: the median of x_i − y_j, by bisection on its value with an O(n + m) count per step. */
export function hodgesLehmann(sortedX: ArrayLike<number>, sortedY: ArrayLike<number>): number {
  const nx = sortedX.length;
  const ny = sortedY.length;
  const total = nx * ny;
  // Smallest d with #{x − y ≤ d} ≥ k.
  const select = (k: number) => {
    let a = sortedX[0]! - sortedY[ny - 1]!;
    let b = sortedX[nx - 1]! - sortedY[0]!;
    for (let iter = 0; iter < 100 && b - a > 1e-12 * Math.max(1e-300, Math.abs(a), Math.abs(b)); iter++) {
      const mid = (a + b) / 2;
      // #{y_j ≥ x_i − mid}: the threshold rises with i, so one pointer sweeps y once.
      let count = 0;
      let p = 0;
      for (let i = 0; i < nx; i++) {
        while (p < ny && sortedY[p]! < sortedX[i]! - mid) p++;
        count += ny - p;
      }
      if (count >= k) b = mid;
      else a = mid;
    }
    return b;
  };
  return total % 2 === 1 ? select((total + 1) / 2) : (select(total / 2) + select(total / 2 + 1)) / 2;
}

/**
 * How strongly one metric is classified High, as a z: High at confidence level c exactly when
 * this exceeds qnorm((1 + c) / 2). Kayenta's lower bound L exceeds b = tolerance × |HL| exactly
 * when shiftedZ at b exceeds z (shiftedZ decreases in the shift), so one O((n + m) log) number
 * per metric and look replaces a root search per confidence level, and the comparator can be
 * calibrated like the others. −∞ when the metric cannot be High (identical series, mean ratio
 * below allowedIncrease).
 */
export function highStatistic(canary: readonly number[], control: readonly number[], tolerance: number = KAYENTA_DEFAULTS.tolerance, allowedIncrease: number = KAYENTA_DEFAULTS.allowedIncrease): number {
  const x = canary.filter((v) => !Number.isNaN(v));
  const y = control.filter((v) => !Number.isNaN(v));
  if (x.length === 0 || y.length === 0) return -Infinity;
  const sx = Float64Array.from(x).sort();
  const sy = Float64Array.from(y).sort();
  if (sx.length === sy.length && sx.every((v, i) => v === sy[i])) return -Infinity;
  const meanX = x.reduce((a, b) => a + b, 0) / x.length;
  const meanY = y.reduce((a, b) => a + b, 0) / y.length;
  const ratio = meanX === 0 || meanY === 0 ? Number.NaN : meanX / meanY;
  if (!Number.isNaN(ratio) && ratio < allowedIncrease) return -Infinity;
  // Kayenta adds tiny noise when each series is constant; the shift is then plain.
  if (sx[0] === sx[sx.length - 1] && sy[0] === sy[sy.length - 1]) return sx[0]! > sy[0]! ? Infinity : -Infinity;
  const bound = tolerance * Math.abs(hodgesLehmann(sx, sy));
  const z = shiftedZ(sx, sy, bound);
  return Number.isNaN(z) ? -Infinity : z;
}

/** The classification at a confidence level, the way Kayenta words it (direction `increase`). */
export function classify(canary: readonly number[], control: readonly number[], confLevel: number = KAYENTA_DEFAULTS.confLevel): 'High' | 'Pass' {
  return highStatistic(canary, control) > zOf(confLevel) ? 'High' : 'Pass';
}

export function zOf(confLevel: number): number {
  return normalQuantile(1 - (1 - confLevel) / 2);
}

export function confLevelOf(z: number): number {
  return 2 * normalCdf(z) - 1;
}

/** A rollout's hourly looks: each the largest High statistic over its metrics. */
export interface KayentaTrace {
  readonly looksPerStage: number;
  readonly stages: number;
  readonly statistic: Float64Array;
  /** Hours between looks. */
  readonly interval: number;
}

/** With three equally weighted metrics one High scores 66.7 ≤ marginal 75: the first look with any High rolls back. */
export function replayKayenta(trace: KayentaTrace, z: number): Stop {
  const n = trace.stages * trace.looksPerStage;
  for (let i = 0; i < n; i++) if (trace.statistic[i]! > z) return { stopped: true, hours: (i + 1) * trace.interval };
  return { stopped: false, hours: n * trace.interval };
}

/** The z (confidence level) that rolls back at most `targetRate` of the good rollouts, in-sample. */
export function calibrateKayenta(good: readonly KayentaTrace[], targetRate: number): number {
  const maxima = good.map((t) => t.statistic.reduce((a, b) => Math.max(a, b), -Infinity)).sort((a, b) => b - a);
  const allowed = Math.floor(targetRate * good.length + 1e-9);
  const z = maxima[Math.min(allowed, maxima.length - 1)]!;
  // Never looser than the defaults' confidence level would be needed to honour the target.
  return Number.isFinite(z) ? z : zOf(KAYENTA_DEFAULTS.confLevel);
}
