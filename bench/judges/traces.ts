// What the comparison judges look at, recorded once per rollout so that their thresholds can be
// calibrated afterwards: per tick of each stage's first 24 h, the canary's last-5-minute values
// (judge b) and the cumulative fixed-horizon z statistics (judge c).
import { histogramQuantile } from '../../src/core/stats/index.js';
import { groupedSuperiority } from '../../src/core/gates/superiority.js';
import { ArmTotals, cumulativeBuckets, type Batch } from './simulate.js';

export interface Traces {
  readonly ticksPerStage: number;
  readonly stages: number;
  /** Canary error rate over the last 5 minutes (NaN without requests). */
  readonly windowErrorRate: Float64Array;
  /** Canary p99 latency over the last 5 minutes, from that batch's histogram. */
  readonly windowP99: Float64Array;
  /** Canary mean cost over the last 5 minutes. */
  readonly windowMeanCost: Float64Array;
  /** Cumulative two-proportion z (canary worse is positive; unpooled standard error). */
  readonly zError: Float64Array;
  /** Cumulative Mann–Whitney z, (θ − ½)/SE from the histograms. */
  readonly zLatency: Float64Array;
  /** Cumulative Welch z. */
  readonly zCost: Float64Array;
}

export function recordTraces(stages: readonly (readonly Batch[])[], ticksPerStage: number): Traces {
  const size = stages.length * ticksPerStage;
  const traces: Traces = {
    ticksPerStage,
    stages: stages.length,
    windowErrorRate: new Float64Array(size),
    windowP99: new Float64Array(size),
    windowMeanCost: new Float64Array(size),
    zError: new Float64Array(size),
    zLatency: new Float64Array(size),
    zCost: new Float64Array(size),
  };
  for (const [s, batches] of stages.entries()) {
    const control = new ArmTotals();
    const canary = new ArmTotals();
    for (let t = 0; t < ticksPerStage; t++) {
      const batch = batches[t]!;
      const i = s * ticksPerStage + t;
      const k = batch.canary;
      traces.windowErrorRate[i] = k.requests > 0 ? k.errors / k.requests : Number.NaN;
      traces.windowP99[i] = k.requests > 0 ? histogramQuantile(cumulativeBuckets(k.latency), 0.99) : Number.NaN;
      traces.windowMeanCost[i] = k.requests > 0 ? k.costSum / k.requests : Number.NaN;
      control.add(batch.control);
      canary.add(batch.canary);
      traces.zError[i] = proportionsZ(control, canary);
      const s2 = groupedSuperiority(cumulativeBuckets(control.latency), cumulativeBuckets(canary.latency));
      traces.zLatency[i] = s2.standardError > 0 ? (s2.theta - 0.5) / s2.standardError : 0;
      traces.zCost[i] = welchZ(control, canary);
    }
  }
  return traces;
}

function proportionsZ(control: ArmTotals, canary: ArmTotals): number {
  if (control.requests === 0 || canary.requests === 0) return 0;
  const pc = control.errors / control.requests;
  const pk = canary.errors / canary.requests;
  const se = Math.sqrt((pc * (1 - pc)) / control.requests + (pk * (1 - pk)) / canary.requests);
  return se > 0 ? (pk - pc) / se : 0;
}

function welchZ(control: ArmTotals, canary: ArmTotals): number {
  const c = control.costData();
  const k = canary.costData();
  if (c.kind !== 'summary' || k.kind !== 'summary' || c.n < 2 || k.n < 2) return 0;
  const se = Math.sqrt((c.sd * c.sd) / c.n + (k.sd * k.sd) / k.n);
  return se > 0 ? (k.mean - c.mean) / se : 0;
}
