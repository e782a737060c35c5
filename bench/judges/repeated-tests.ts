// Judge (c): uncorrected repeated tests — at every 5-minute look, a plain fixed-horizon test per
// metric on the data since the stage started; roll back as soon as any shows the canary worse
// at two-sided p < 0.05 (z > 1.96). Each stage lasts the policy's minDuration (24 h as written).
import { normalQuantile } from '../../src/core/stats/index.js';
import type { Traces } from './traces.js';
import type { Stop } from './threshold.js';
import { TICKS_PER_HOUR } from './simulate.js';

/** z for a two-sided p < 0.05 with the canary worse. */
export const NAIVE_Z = normalQuantile(0.975);

export function replayRepeated(traces: Traces, z: number): Stop {
  const n = traces.stages * traces.ticksPerStage;
  for (let i = 0; i < n; i++) {
    if (traces.zError[i]! > z || traces.zLatency[i]! > z || traces.zCost[i]! > z) return { stopped: true, hours: (i + 1) / TICKS_PER_HOUR };
  }
  return { stopped: false, hours: n / TICKS_PER_HOUR };
}

/** The z bound that rolls back at most `targetRate` of the good rollouts, chosen in-sample. */
export function calibrateRepeated(good: readonly Traces[], targetRate: number): number {
  const maxima = good.map((t) => {
    let max = -Infinity;
    for (const series of [t.zError, t.zLatency, t.zCost]) for (const v of series) if (v > max) max = v;
    return max;
  }).sort((a, b) => b - a);
  const allowed = Math.floor(targetRate * good.length + 1e-9);
  return maxima[Math.min(allowed, maxima.length - 1)]!;
}
