// Judge (b): fixed absolute thresholds on the canary's last 5 minutes, as Flagger's analysis
// does (request-success-rate and request-duration checks against a bound, a rollback after
// `threshold` failed checks), with a mean-cost check added. Each stage lasts the policy's
// minDuration (24 h as written; the sized policies' own, bench/judges/sizing.ts).
import type { Traces } from './traces.js';
import { TICKS_PER_HOUR } from './simulate.js';

export interface ThresholdSettings {
  readonly maxErrorRate: number;
  /** Bound on the window's p99 latency (i.i.d. scenario) or mean latency (sticky-user scenarios), ms. */
  readonly maxLatency: number;
  readonly maxMeanCost: number;
  /** Failed checks in a stage that trigger a rollback (Flagger's `threshold`). */
  readonly failedChecks: number;
}

/** What a team would write by hand around a 1 % error rate, 2.6 s p99 and $0.012 per call. */
export const FLAGGER_LIKE: ThresholdSettings = { maxErrorRate: 0.015, maxLatency: 3000, maxMeanCost: 0.015, failedChecks: 5 };
/** The same on a dashboard of window means (sticky-user scenarios): mean latency ≈ 0.9–1.4 s. */
export const FLAGGER_LIKE_MEANS: ThresholdSettings = { maxErrorRate: 0.015, maxLatency: 1500, maxMeanCost: 0.015, failedChecks: 5 };

export interface Stop {
  readonly stopped: boolean;
  readonly hours: number;
}

export function replayThreshold(traces: Traces, settings: ThresholdSettings): Stop {
  for (let s = 0; s < traces.stages; s++) {
    let failed = 0;
    for (let t = 0; t < traces.ticksPerStage; t++) {
      const i = s * traces.ticksPerStage + t;
      // NaN (no canary requests in the window) compares false: no check fails without data.
      if (traces.windowErrorRate[i]! > settings.maxErrorRate || traces.windowLatency[i]! > settings.maxLatency || traces.windowMeanCost[i]! > settings.maxMeanCost) failed++;
      if (failed >= settings.failedChecks) return { stopped: true, hours: (i + 1) / TICKS_PER_HOUR };
    }
  }
  return { stopped: false, hours: (traces.stages * traces.ticksPerStage) / TICKS_PER_HOUR };
}

/**
 * Thresholds that give the good rollouts at most `targetRate` rollbacks, chosen in-sample (an
 * oracle no real team has, which favours this judge): each metric's bound is the same quantile
 * u of "the value its failedChecks-th worst window reached" over the good rollouts, and u is
 * the strictest that meets the target. Failed checks of different metrics add up, so bounds at
 * the largest of those values (u = 1) may still roll back some good rollouts; beyond 1, u
 * scales that largest value up (u = 1.2: 20 % above it).
 */
export function calibrateThreshold(good: readonly Traces[], targetRate: number, failedChecks = FLAGGER_LIKE.failedChecks): ThresholdSettings {
  const worst = (pick: (t: Traces) => Float64Array) =>
    good.map((t) => {
      let max = -Infinity;
      for (let s = 0; s < t.stages; s++) {
        const values = Array.from(pick(t).subarray(s * t.ticksPerStage, (s + 1) * t.ticksPerStage)).filter((v) => !Number.isNaN(v)).sort((a, b) => b - a);
        max = Math.max(max, values[failedChecks - 1] ?? -Infinity);
      }
      return max;
    }).sort((a, b) => a - b);
  const errors = worst((t) => t.windowErrorRate);
  const latency = worst((t) => t.windowLatency);
  const cost = worst((t) => t.windowMeanCost);
  const at = (values: number[], u: number) => {
    if (u >= 1) return values[values.length - 1]! * (u + 1e-9);
    const x = u * (values.length - 1);
    const lo = Math.floor(x);
    return values[lo]! + (x - lo) * ((values[lo + 1] ?? values[lo]!) - values[lo]!);
  };
  const settingsAt = (u: number): ThresholdSettings => ({ maxErrorRate: at(errors, u), maxLatency: at(latency, u), maxMeanCost: at(cost, u), failedChecks });
  const rate = (u: number) => good.filter((t) => replayThreshold(t, settingsAt(u)).stopped).length / good.length;
  let lo = 0;
  let hi = 1;
  if (rate(lo) <= targetRate) return settingsAt(lo);
  while (rate(hi) > targetRate && hi < 64) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (rate(mid) <= targetRate) hi = mid;
    else lo = mid;
  }
  return settingsAt(hi);
}
