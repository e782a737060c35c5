// Simulated traffic for the judgement benchmark: one rollout's stages as 5-minute batches of
// sufficient statistics per arm, drawn from known truths so that every judge's verdict can be
// scored.
import { normalCdf } from '../../src/core/stats/index.js';
import { createRandom, type Random } from '../../test/support/random.js';
import type { ArmData, MetricsSnapshot } from '../../src/core/metrics/arm-data.js';

export const REQUESTS_PER_HOUR = 50_000;
export const TICK_MINUTES = 5;
export const TICKS_PER_HOUR = 60 / TICK_MINUTES;
export const BASE_ERROR_RATE = 0.01;
/** Log-normal latency: median 800 ms, sigma 0.5 (p95 ≈ 1.8 s, p99 ≈ 2.6 s). */
export const LATENCY_MEDIAN_MS = 800;
export const LATENCY_SIGMA = 0.5;
export const COST_MEAN = 0.012;
export const COST_SD = 0.006;
/** Histogram bounds: 50 ms × 1.1^k up to ≈ 10.4 s, then +Inf — a 10 % slowdown moves every observation one bucket. */
export const LATENCY_BOUNDS: readonly number[] = [...Array.from({ length: 57 }, (_, k) => Number((50 * 1.1 ** k).toFixed(3))), Infinity];

export type RegressedMetric = 'error_rate' | 'latency_ms' | 'cost_per_call';

/** What is true about a challenger: no change, or one metric worse by a relative effect. */
export interface Truth {
  readonly metric?: RegressedMetric;
  /** Relative regression, e.g. 0.1 for 10 % worse. */
  readonly effect: number;
}

/** One arm's 5-minute batch. */
export interface ArmBatch {
  readonly requests: number;
  readonly errors: number;
  readonly costSum: number;
  readonly costSquares: number;
  /** Observations per latency bucket (not cumulative), aligned with LATENCY_BOUNDS. */
  readonly latency: Int32Array;
}

export interface Batch {
  readonly control: ArmBatch;
  readonly canary: ArmBatch;
}

/** Each stage's batches for `ticks` ticks from the stage's start; stages are independent streams. */
export function simulateStage(random: Random, weight: number, truth: Truth, ticks: number): Batch[] {
  const canaryLatency = bucketProbabilities(truth.metric === 'latency_ms' ? 1 + truth.effect : 1);
  const controlLatency = bucketProbabilities(1);
  const canaryError = BASE_ERROR_RATE * (truth.metric === 'error_rate' ? 1 + truth.effect : 1);
  const costScale = truth.metric === 'cost_per_call' ? 1 + truth.effect : 1;
  const batches: Batch[] = [];
  const perTick = REQUESTS_PER_HOUR / TICKS_PER_HOUR;
  for (let t = 0; t < ticks; t++) {
    const total = random.poisson(perTick);
    const canaryRequests = random.binomial(total, weight / 100);
    batches.push({
      control: armBatch(random, total - canaryRequests, BASE_ERROR_RATE, controlLatency, 1),
      canary: armBatch(random, canaryRequests, canaryError, canaryLatency, costScale),
    });
  }
  return batches;
}

/**
 * Costs come as each batch's sum and sum of squares drawn from their sampling distributions
 * (mean ~ Normal, variance ~ scaled chi-square by its normal approximation), not per request:
 * 4 million requests per rollout would otherwise dominate the run.
 */
function armBatch(random: Random, n: number, errorRate: number, latency: Float64Array, costScale: number): ArmBatch {
  const errors = random.binomial(n, errorRate);
  const mean = COST_MEAN * costScale;
  const sd = COST_SD * costScale;
  let costSum = 0;
  let costSquares = 0;
  if (n > 0) {
    const batchMean = mean + (sd / Math.sqrt(n)) * random.normal();
    const variance = n > 1 ? Math.max(0, sd * sd * (1 + Math.sqrt(2 / (n - 1)) * random.normal())) : 0;
    costSum = n * batchMean;
    costSquares = (n - 1) * variance + n * batchMean * batchMean;
  }
  const counts = new Int32Array(LATENCY_BOUNDS.length);
  let remaining = n;
  let mass = 1;
  for (let k = 0; k < counts.length && remaining > 0; k++) {
    const p = latency[k]!;
    const c = k === counts.length - 1 || mass <= p ? remaining : random.binomial(remaining, Math.min(1, Math.max(0, p / mass)));
    counts[k] = c;
    remaining -= c;
    mass -= p;
  }
  return { requests: n, errors, costSum, costSquares, latency: counts };
}

function bucketProbabilities(scale: number): Float64Array {
  const mu = Math.log(LATENCY_MEDIAN_MS * scale);
  const out = new Float64Array(LATENCY_BOUNDS.length);
  let previous = 0;
  for (const [k, le] of LATENCY_BOUNDS.entries()) {
    const cdf = le === Infinity ? 1 : normalCdf((Math.log(le) - mu) / LATENCY_SIGMA);
    out[k] = cdf - previous;
    previous = cdf;
  }
  return out;
}

/** Running totals of one arm since the stage started. */
export class ArmTotals {
  requests = 0;
  errors = 0;
  costSum = 0;
  costSquares = 0;
  readonly latency = new Float64Array(LATENCY_BOUNDS.length);

  add(batch: ArmBatch): void {
    this.requests += batch.requests;
    this.errors += batch.errors;
    this.costSum += batch.costSum;
    this.costSquares += batch.costSquares;
    for (let k = 0; k < this.latency.length; k++) this.latency[k]! += batch.latency[k]!;
  }

  errorData(): ArmData {
    return { kind: 'counts', successes: this.errors, trials: this.requests };
  }

  costData(): ArmData {
    const n = this.requests;
    const mean = n > 0 ? this.costSum / n : 0;
    const variance = n > 1 ? Math.max(0, (this.costSquares - n * mean * mean) / (n - 1)) : 0;
    return { kind: 'summary', n, mean, sd: Math.sqrt(variance) };
  }

  latencyData(): ArmData {
    return { kind: 'histogram', buckets: cumulativeBuckets(this.latency) };
  }
}

export function cumulativeBuckets(counts: ArrayLike<number>): { le: number; count: number }[] {
  let running = 0;
  return LATENCY_BOUNDS.map((le, k) => {
    running += counts[k]!;
    return { le, count: running };
  });
}

export function snapshotOf(control: ArmTotals, canary: ArmTotals, hours: number): MetricsSnapshot {
  const arm = (t: ArmTotals) => ({ error_rate: t.errorData(), latency_ms: t.latencyData(), cost_per_call: t.costData() });
  return {
    window: { start: '2026-01-05T00:00:00Z', end: new Date(Date.UTC(2026, 0, 5) + hours * 3_600_000).toISOString() },
    arms: { control: arm(control), canary: arm(canary) },
    requests: { control: control.requests, canary: canary.requests },
  };
}

/** A rollout's own stream, independent of how many rollouts run before it. */
export function rolloutRandom(seed: number, index: number): Random {
  return createRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}
