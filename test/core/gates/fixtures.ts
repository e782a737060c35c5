// Policies, metric definitions and snapshots for the judge's table tests.
import type { Gate, MetricDefinition, RollbackCriterion, RolloutPolicy, Stage } from '../../../src/core/model/index.js';
import type { ArmData, ArmMetrics, MetricsSnapshot } from '../../../src/core/metrics/arm-data.js';
import type { JudgeStageInput } from '../../../src/core/gates/judge-stage.js';
import { createRandom } from '../../support/random.js';
import { applyOverrides, type Overrides } from '../../support/overrides.js';

export const METRICS: MetricDefinition[] = [
  { name: 'error_rate', source: 'warehouse', type: 'proportion', direction: 'lower-is-better' },
  { name: 'task_completion', source: 'warehouse', type: 'proportion', direction: 'higher-is-better' },
  { name: 'latency_ms', source: 'warehouse', type: 'continuous', direction: 'lower-is-better', unit: 'ms' },
  { name: 'cost_per_call', source: 'warehouse', type: 'continuous', direction: 'lower-is-better', unit: 'USD' },
  { name: 'eval_score', source: 'warehouse', type: 'continuous', direction: 'higher-is-better' },
];

export interface PolicyOptions {
  readonly gates?: Record<string, Gate>;
  readonly stage?: Overrides<Stage>;
  readonly rollback?: RollbackCriterion[];
  readonly spec?: Overrides<RolloutPolicy['spec']> | undefined;
}

/** A one-canary-stage policy whose stage runs every gate given. */
export function policyWith(opts: PolicyOptions = {}): { policy: RolloutPolicy; stage: Stage } {
  const gates = opts.gates ?? {};
  const stage: Stage = applyOverrides<Stage>({ name: 'canary-5', weight: 5, gates: Object.keys(gates) }, opts.stage);
  const policy: RolloutPolicy = {
    apiVersion: 'glidepath.dev/v1',
    kind: 'RolloutPolicy',
    metadata: { name: 'test-policy' },
    spec: applyOverrides<RolloutPolicy['spec']>({
      strategy: 'canary',
      stages: [stage, { name: 'full', weight: 100 }],
      gates,
      rollback: opts.rollback ?? [{ metric: 'error_rate', increase: '5pp' }],
    }, opts.spec),
  };
  return { policy, stage };
}

export function counts(successes: number, trials: number): ArmData {
  return { kind: 'counts', successes, trials };
}

export function summary(n: number, mean: number, sd: number): ArmData {
  return { kind: 'summary', n, mean, sd };
}

/** Seeded log-normal samples: median × exp(sigma·Z). */
export function lognormalSamples(seed: number, n: number, median: number, sigma = 0.45): ArmData {
  const random = createRandom(seed);
  return { kind: 'samples', values: Array.from({ length: n }, () => random.lognormal(Math.log(median), sigma)) };
}

/** The same samples binned into cumulative buckets. */
export function toHistogram(data: ArmData, bounds: readonly number[]): ArmData {
  if (data.kind !== 'samples') throw new Error('toHistogram needs samples');
  const sorted = [...data.values].sort((a, b) => a - b);
  let i = 0;
  return {
    kind: 'histogram',
    buckets: [...bounds, Infinity].map((le) => {
      while (i < sorted.length && sorted[i]! <= le) i++;
      return { le, count: le === Infinity ? sorted.length : i };
    }),
  };
}

export function snapshot(control: ArmMetrics, canary: ArmMetrics, extra: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return { window: { start: '2026-11-16T10:00:00Z', end: '2026-11-16T12:00:00Z' }, arms: { control, canary }, ...extra };
}

/** A judge input for one stage, with the given data. */
export function input(opts: PolicyOptions & { control: ArmMetrics; canary: ArmMetrics; extra?: Partial<MetricsSnapshot>; tuneN?: number; canaryWeight?: number }): JudgeStageInput {
  const { policy, stage } = policyWith(opts);
  return {
    release: 'support-assistant',
    policy,
    stage,
    metrics: METRICS,
    result: { ok: true, snapshot: snapshot(opts.control, opts.canary, opts.extra) },
    ...(opts.tuneN === undefined ? {} : { tuneN: opts.tuneN }),
    ...(opts.canaryWeight === undefined ? {} : { canaryWeight: opts.canaryWeight }),
  };
}

/** Control and canary request counts at a 5 % split. */
export const SPLIT_5 = { control: 95_000, canary: 5_000 };
