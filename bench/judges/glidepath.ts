// Judge (a): Glidepath itself — judgeStage + decideFromJudgement (what the engine's tick calls)
// every 10 minutes (the README's `*/10` schedule) on the data since the stage started, with the
// stage walk the engine does (bake time, maxDuration).
import { judgeStage } from '../../src/core/gates/judge-stage.js';
import { decideFromJudgement } from '../../src/core/gates/stage-decision.js';
import type { JudgementOutcome } from '../../src/core/gates/judgement.js';
import type { MetricsSnapshot } from '../../src/core/metrics/arm-data.js';
import type { MetricDefinition, RolloutPolicy } from '../../src/core/model/index.js';
import { parseDuration } from '../../src/core/model/duration.js';
import { plannedArmSamples } from '../../src/core/power/stage-traffic.js';
import { ArmTotals, REQUESTS_PER_HOUR, TICKS_PER_HOUR, snapshotOf, type Batch } from './simulate.js';
import { userSnapshot, type UserStage } from './users.js';

/** Glidepath judges every other 5-minute tick. */
export const LOOK_TICKS = 2;

export const METRICS: readonly MetricDefinition[] = [
  { name: 'error_rate', source: 'bench', type: 'proportion', direction: 'lower-is-better' },
  { name: 'latency_ms', source: 'bench', type: 'continuous', direction: 'lower-is-better', unit: 'ms' },
  { name: 'cost_per_call', source: 'bench', type: 'continuous', direction: 'lower-is-better', unit: 'USD' },
];

/**
 * The model-upgrade policy as a team that wants to catch 10 % regressions would write it:
 * errors may not be shown to rise at all (maxIncrease 0pp, critical) and must be shown within
 * 0.3pp to advance; latency and cost may not be shown more than 5 % worse. alpha is left at its
 * default (0.05 per stage). This is the i.i.d. scenario's policy: requests are assigned one by
 * one, so the unit is the request, and latency is judged by ranks on histograms.
 */
export const BENCH_POLICY: RolloutPolicy = {
  apiVersion: 'glidepath.dev/v1',
  kind: 'RolloutPolicy',
  metadata: { name: 'bench-model-upgrade' },
  spec: {
    strategy: 'canary',
    stages: [
      { name: 'canary-5', weight: 5, minDuration: '24h', maxDuration: '48h', minSamples: 2000, gates: ['errors', 'latency', 'cost'] },
      { name: 'canary-25', weight: 25, minDuration: '24h', maxDuration: '48h', minSamples: 2000, gates: ['errors', 'latency', 'cost'] },
      { name: 'full', weight: 100, watch: '24h' },
    ],
    gates: {
      errors: { metric: 'error_rate', test: 'proportions', maxIncrease: '0pp', nonInferiority: '0.3pp', critical: true },
      latency: { metric: 'latency_ms', test: 'mann-whitney', maxIncrease: '5%' },
      cost: { metric: 'cost_per_call', test: 'welch', maxIncrease: '5%' },
    },
    rollback: [
      { metric: 'error_rate', increase: '2pp' },
      { metric: 'latency_ms', quantile: 0.95, above: 3000 },
      { metric: 'cost_per_call', above: 0.02 },
    ],
    analysis: { srmAlpha: 0.001, unit: 'request' },
    onInconclusive: 'hold',
    onNoData: 'hold',
    onFailure: 'rollback',
  },
};

/**
 * The same policy for sticky users, judged on per-user sums (the `ratio` kind): latency is a
 * ratio too (Σ latency / Σ requests over users), so its gate compares means with the
 * delta-method variance (a rank test needs request-level distributions, whose ranks treat one
 * user's requests as independent), and its rollback criterion bounds the mean.
 */
export const USERS_POLICY: RolloutPolicy = {
  ...BENCH_POLICY,
  metadata: { name: 'bench-model-upgrade-users' },
  spec: {
    ...BENCH_POLICY.spec,
    gates: { ...BENCH_POLICY.spec.gates, latency: { metric: 'latency_ms', test: 'welch', maxIncrease: '5%' } },
    rollback: [
      { metric: 'error_rate', increase: '2pp' },
      { metric: 'latency_ms', above: 3000 },
      { metric: 'cost_per_call', above: 0.02 },
    ],
    analysis: { srmAlpha: 0.001, unit: 'user' },
  },
};

/** The written policies' minDuration and maxDuration (the sized policies set their own, bench/judges/sizing.ts). */
export const MIN_HOURS = 24;
export const MAX_HOURS = 48;

/** A stage's minDuration and maxDuration in hours. */
export function stageHours(stage: { readonly minDuration?: string; readonly maxDuration?: string }): { min: number; max: number } {
  const hours = (d: string | undefined, fallback: number) => (d === undefined ? fallback : (parseDuration(d) ?? fallback * 3_600_000) / 3_600_000);
  return { min: hours(stage.minDuration, MIN_HOURS), max: hours(stage.maxDuration, MAX_HOURS) };
}

export interface RolloutResult {
  /** Stopped before 100 %. */
  readonly stopped: boolean;
  /** Hours from the rollout's start to the stop (or to reaching 100 %). */
  readonly hours: number;
  readonly stage: string;
  /** The judgement outcome that stopped it, or 'timeout' (maxDuration passed without a pass). */
  readonly cause?: JudgementOutcome | 'timeout';
  /** The split check reported a mismatch at some look. */
  readonly splitMismatch: boolean;
}

/** A policy with another family-wise alpha (the `--alpha` option). */
export function policyWithAlpha(policy: RolloutPolicy, alpha: number | undefined): RolloutPolicy {
  if (alpha === undefined) return policy;
  return { ...policy, spec: { ...policy.spec, analysis: { ...policy.spec.analysis, alpha } } };
}

/** What a stage's metrics source answers after t 5-minute ticks (called with increasing t). */
export type SnapshotFeed = (ticks: number) => MetricsSnapshot;

/** The i.i.d. scenario's feed: request-level counts, histograms and summaries since the stage started. */
export function batchFeed(batches: readonly Batch[]): SnapshotFeed {
  const control = new ArmTotals();
  const canary = new ArmTotals();
  let added = 0;
  return (ticks) => {
    for (; added < ticks; added++) {
      control.add(batches[added]!.control);
      canary.add(batches[added]!.canary);
    }
    return snapshotOf(control, canary, ticks / TICKS_PER_HOUR);
  };
}

/** The sticky-user scenarios' feed: per-user ratio sums and users per arm. */
export function userFeed(stage: UserStage): SnapshotFeed {
  return (ticks) => userSnapshot(stage, ticks - 1, ticks / TICKS_PER_HOUR);
}

/** Walks a rollout through the canary stages; `stages[i]` feeds stage i (up to the stage's maxDuration). */
export function runGlidepath(stages: readonly SnapshotFeed[], policy: RolloutPolicy = BENCH_POLICY): RolloutResult {
  let elapsed = 0;
  let splitMismatch = false;
  const canaryStages = policy.spec.stages.filter((s) => (s.weight ?? 0) < 100);
  for (const [i, stage] of canaryStages.entries()) {
    const feed = stages[i]!;
    const { min, max } = stageHours(stage);
    // As the engine's judge tunes it (engine/judge.ts): the smaller arm's requests over minDuration.
    const tuneN = plannedArmSamples(stage, REQUESTS_PER_HOUR);
    let advanced = false;
    for (let t = LOOK_TICKS; t <= max * TICKS_PER_HOUR; t += LOOK_TICKS) {
      const hours = t / TICKS_PER_HOUR;
      const judgement = judgeStage({ release: 'bench', policy, stage, metrics: METRICS, result: { ok: true, snapshot: feed(t) }, ...(tuneN === undefined ? {} : { tuneN }) });
      if (judgement.srm.verdict === 'mismatch') splitMismatch = true;
      const { decision } = decideFromJudgement(policy, judgement);
      if (decision === 'rollback' || decision === 'pause' || decision === 'freeze') {
        return { stopped: true, hours: elapsed + hours, stage: stage.name, cause: judgement.outcome, splitMismatch };
      }
      if (decision === 'advance' && hours >= min) {
        advanced = true;
        elapsed += hours;
        break;
      }
    }
    if (!advanced) return { stopped: true, hours: elapsed + max, stage: stage.name, cause: 'timeout', splitMismatch };
  }
  return { stopped: false, hours: elapsed, stage: 'full', splitMismatch };
}
