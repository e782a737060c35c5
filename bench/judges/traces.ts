// What the comparison judges look at, recorded once per rollout so that their thresholds can be
// calibrated afterwards: per tick of each stage's minDuration, the canary's last-5-minute values
// (judge b), the cumulative fixed-horizon z statistics (judge c), and per hourly look the
// Kayenta-style High statistic (judge d). The i.i.d. scenario shows latency as each window's
// p99 (from its histogram) and tests it by ranks; the sticky-user scenarios, whose latencies
// come as per-session sums, show each window's mean latency and test it with Welch's z — what a
// dashboard of request-level aggregates offers either way.
import { histogramQuantile } from '../../src/core/stats/index.js';
import { groupedSuperiority } from '../../src/core/gates/superiority.js';
import { highStatistic } from './kayenta.js';
import { ArmTotals, TICKS_PER_HOUR, cumulativeBuckets, type Batch } from './simulate.js';
import { windowOf, type UserStage } from './users.js';

export interface Traces {
  readonly ticksPerStage: number;
  readonly stages: number;
  /** Canary error rate over the last 5 minutes (NaN without requests). */
  readonly windowErrorRate: Float64Array;
  /** Canary latency over the last 5 minutes: p99 from that batch's histogram (i.i.d.), or the mean (sticky users). */
  readonly windowLatency: Float64Array;
  /** Canary mean cost over the last 5 minutes. */
  readonly windowMeanCost: Float64Array;
  /** Cumulative two-proportion z (canary worse is positive; unpooled standard error). */
  readonly zError: Float64Array;
  /** Cumulative Mann–Whitney z, (θ − ½)/SE from the histograms (i.i.d.); Welch z of the request-level means (sticky users). */
  readonly zLatency: Float64Array;
  /** Cumulative Welch z. */
  readonly zCost: Float64Array;
  /** Per hourly look, the largest Kayenta High statistic over the three metrics (see kayenta.ts). */
  readonly kayenta: Float64Array;
}

/** The typed arrays of a Traces, for transfer between threads. */
export function traceBuffers(t: Traces): ArrayBuffer[] {
  return [t.windowErrorRate, t.windowLatency, t.windowMeanCost, t.zError, t.zLatency, t.zCost, t.kayenta].map((a) => a.buffer as ArrayBuffer);
}

function emptyTraces(stages: number, ticksPerStage: number): Traces {
  const size = stages * ticksPerStage;
  return {
    ticksPerStage,
    stages,
    windowErrorRate: new Float64Array(size),
    windowLatency: new Float64Array(size),
    windowMeanCost: new Float64Array(size),
    zError: new Float64Array(size),
    zLatency: new Float64Array(size),
    zCost: new Float64Array(size),
    kayenta: new Float64Array(stages * Math.floor(ticksPerStage / TICKS_PER_HOUR)),
  };
}

/** Per-window series of both arms for Kayenta's hourly looks at one stage. */
class Series {
  readonly canary = [[], [], []] as number[][];
  readonly control = [[], [], []] as number[][];

  push(arm: 'canary' | 'control', errorRate: number, latency: number, cost: number): void {
    const s = this[arm];
    s[0]!.push(errorRate);
    s[1]!.push(latency);
    s[2]!.push(cost);
  }

  look(): number {
    return Math.max(...[0, 1, 2].map((m) => highStatistic(this.canary[m]!, this.control[m]!)));
  }
}

export function recordTraces(stages: readonly (readonly Batch[])[], ticksPerStage: number): Traces {
  const traces = emptyTraces(stages.length, ticksPerStage);
  const looks = Math.floor(ticksPerStage / TICKS_PER_HOUR);
  for (const [s, batches] of stages.entries()) {
    const control = new ArmTotals();
    const canary = new ArmTotals();
    const series = new Series();
    for (let t = 0; t < ticksPerStage; t++) {
      const batch = batches[t]!;
      const i = s * ticksPerStage + t;
      const k = batch.canary;
      const c = batch.control;
      traces.windowErrorRate[i] = k.requests > 0 ? k.errors / k.requests : Number.NaN;
      traces.windowLatency[i] = k.requests > 0 ? histogramQuantile(cumulativeBuckets(k.latency), 0.99) : Number.NaN;
      traces.windowMeanCost[i] = k.requests > 0 ? k.costSum / k.requests : Number.NaN;
      series.push('canary', traces.windowErrorRate[i]!, traces.windowLatency[i]!, traces.windowMeanCost[i]!);
      series.push('control', c.requests > 0 ? c.errors / c.requests : Number.NaN, c.requests > 0 ? histogramQuantile(cumulativeBuckets(c.latency), 0.99) : Number.NaN, c.requests > 0 ? c.costSum / c.requests : Number.NaN);
      control.add(batch.control);
      canary.add(batch.canary);
      traces.zError[i] = proportionsZ(control.requests, control.errors, canary.requests, canary.errors);
      const s2 = groupedSuperiority(cumulativeBuckets(control.latency), cumulativeBuckets(canary.latency));
      traces.zLatency[i] = s2.standardError > 0 ? (s2.theta - 0.5) / s2.standardError : 0;
      traces.zCost[i] = welchZ(control.requests, control.costSum, control.costSquares, canary.requests, canary.costSum, canary.costSquares);
      if ((t + 1) % TICKS_PER_HOUR === 0) traces.kayenta[s * looks + (t + 1) / TICKS_PER_HOUR - 1] = series.look();
    }
  }
  return traces;
}

export function recordUserTraces(stages: readonly UserStage[], ticksPerStage: number): Traces {
  const traces = emptyTraces(stages.length, ticksPerStage);
  const looks = Math.floor(ticksPerStage / TICKS_PER_HOUR);
  for (const [s, stage] of stages.entries()) {
    const totals = [0, 1].map(() => ({ requests: 0, errors: 0, latency: 0, latencySquares: 0, cost: 0, costSquares: 0 }));
    const series = new Series();
    for (let t = 0; t < ticksPerStage; t++) {
      const i = s * ticksPerStage + t;
      for (const arm of [0, 1] as const) {
        const w = windowOf(stage, t, arm);
        const n = w.requests;
        const values = [n > 0 ? w.errors / n : Number.NaN, n > 0 ? w.latency / n : Number.NaN, n > 0 ? w.cost / n : Number.NaN] as const;
        series.push(arm === 1 ? 'canary' : 'control', ...values);
        if (arm === 1) {
          traces.windowErrorRate[i] = values[0];
          traces.windowLatency[i] = values[1];
          traces.windowMeanCost[i] = values[2];
        }
        const total = totals[arm]!;
        total.requests += n;
        total.errors += w.errors;
        total.latency += w.latency;
        total.latencySquares += w.latencySquares;
        total.cost += w.cost;
        total.costSquares += w.costSquares;
      }
      const [c, k] = totals as [(typeof totals)[0], (typeof totals)[0]];
      traces.zError[i] = proportionsZ(c.requests, c.errors, k.requests, k.errors);
      traces.zLatency[i] = welchZ(c.requests, c.latency, c.latencySquares, k.requests, k.latency, k.latencySquares);
      traces.zCost[i] = welchZ(c.requests, c.cost, c.costSquares, k.requests, k.cost, k.costSquares);
      if ((t + 1) % TICKS_PER_HOUR === 0) traces.kayenta[s * looks + (t + 1) / TICKS_PER_HOUR - 1] = series.look();
    }
  }
  return traces;
}

function proportionsZ(nc: number, ec: number, nk: number, ek: number): number {
  if (nc === 0 || nk === 0) return 0;
  const pc = ec / nc;
  const pk = ek / nk;
  const se = Math.sqrt((pc * (1 - pc)) / nc + (pk * (1 - pk)) / nk);
  return se > 0 ? (pk - pc) / se : 0;
}

/** Welch's z from request counts, sums and sums of squares. */
function welchZ(nc: number, sc: number, qc: number, nk: number, sk: number, qk: number): number {
  if (nc < 2 || nk < 2) return 0;
  const mc = sc / nc;
  const mk = sk / nk;
  const vc = Math.max(0, (qc - nc * mc * mc) / (nc - 1));
  const vk = Math.max(0, (qk - nk * mk * mk) / (nk - 1));
  const se = Math.sqrt(vc / nc + vk / nk);
  return se > 0 ? (mk - mc) / se : 0;
}
