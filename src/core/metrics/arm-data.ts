import type { UnitSums } from '../stats/contrast.js';

/**
 * What a metrics source returns for one metric of one arm. Sources compute sufficient
 * statistics where the data lives, so a tick costs O(rollouts), not O(requests); raw samples
 * are accepted for small windows and offline files.
 */
export type ArmData =
  /** A rate: `successes` events out of `trials` requests (errors, completions, refusals). */
  | { readonly kind: 'counts'; readonly successes: number; readonly trials: number }
  /** Sufficient statistics of a continuous metric (cost, tokens). `sd` is the sample standard deviation (n - 1). */
  | { readonly kind: 'summary'; readonly n: number; readonly mean: number; readonly sd: number }
  /** Raw observations of a continuous metric (latency). */
  | { readonly kind: 'samples'; readonly values: readonly number[] }
  /** Prometheus-style cumulative buckets: `count` observations <= `le`; the last `le` may be Infinity. */
  | { readonly kind: 'histogram'; readonly buckets: readonly { readonly le: number; readonly count: number }[] }
  /**
   * A ratio of per-unit sums, on the unit the provider randomises (a user, a conversation):
   * x is the numerator per unit (errors, cost, resolved tasks), y the denominator per unit
   * (requests, conversations). Requests of one user are correlated, so a rate or mean is judged
   * as ΣX/ΣY with the delta-method variance over units (decision 0012), not as independent
   * requests.
   */
  | ({ readonly kind: 'ratio' } & UnitSums);

export type Arm = 'control' | 'canary';

/** Metric name → data, for one arm (and optionally one segment). */
export type ArmMetrics = Readonly<Record<string, ArmData>>;

/** Everything a metrics source knows about one release over one window. */
export interface MetricsSnapshot {
  readonly window: { readonly start: string; readonly end: string };
  readonly arms: Readonly<Record<Arm, ArmMetrics>>;
  /**
   * Requests each arm served over the window, when the source knows them. The split check and
   * `minSamples` use these; without them, the largest observation count among the arm's metrics.
   */
  readonly requests?: Readonly<Record<Arm, number>>;
  /**
   * Randomisation units (users, conversations) each arm held over the window, when the source
   * can count them. Under sticky assignment the split check counts these: a heavy user moves
   * the request share without any fault in the split.
   */
  readonly units?: Readonly<Record<Arm, number>>;
  /** Per-segment data: segment attribute → segment value → arm → metrics. */
  readonly segments?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<Arm, ArmMetrics>>>>>>;
  /** Metric name → the query its source ran, templates filled in (a PromQL expression, a file and field): kept in the audit record. */
  readonly queries?: Readonly<Record<string, string>>;
}

/** Number of observations behind one arm's data (units, for a ratio), or 0 when it holds none. */
export function sampleSize(data: ArmData): number {
  switch (data.kind) {
    case 'counts':
      return data.trials;
    case 'summary':
      return data.n;
    case 'samples':
      return data.values.length;
    case 'histogram':
      return data.buckets.length === 0 ? 0 : Math.max(...data.buckets.map((b) => b.count));
    case 'ratio':
      return data.units;
  }
}
