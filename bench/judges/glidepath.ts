// Judge (a): Glidepath itself — judgeStage + decideFromJudgement at every 5-minute tick on the
// data since the stage started, with the stage walk the engine does (bake time, maxDuration).
import { judgeStage } from '../../src/core/gates/judge-stage.js';
import { decideFromJudgement } from '../../src/core/gates/stage-decision.js';
import type { JudgementOutcome } from '../../src/core/gates/judgement.js';
import type { MetricDefinition, RolloutPolicy } from '../../src/core/model/index.js';
import { ArmTotals, REQUESTS_PER_HOUR, TICKS_PER_HOUR, snapshotOf, type Batch } from './simulate.js';

export const METRICS: readonly MetricDefinition[] = [
  { name: 'error_rate', source: 'bench', type: 'proportion', direction: 'lower-is-better' },
  { name: 'latency_ms', source: 'bench', type: 'continuous', direction: 'lower-is-better', unit: 'ms' },
  { name: 'cost_per_call', source: 'bench', type: 'continuous', direction: 'lower-is-better', unit: 'USD' },
];

/**
 * The model-upgrade policy as a team that wants to catch 10 % regressions would write it:
 * errors may not be shown to rise at all (maxIncrease 0pp, critical) and must be shown within
 * 0.3pp to advance; latency and cost may not be shown more than 5 % worse. alpha is 0.025 per
 * stage: the team wants at most 1 % false rollbacks over a rollout whose two canary stages each
 * test a zero-margin error gate; at the default 0.05 the benchmark measures 0.6–1.2 %.
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
    analysis: { alpha: 0.025, srmAlpha: 0.001 },
    onInconclusive: 'hold',
    onNoData: 'hold',
    onFailure: 'rollback',
  },
};

export const MIN_HOURS = 24;
export const MAX_HOURS = 48;

export interface RolloutResult {
  /** Stopped before 100 %. */
  readonly stopped: boolean;
  /** Hours from the rollout's start to the stop (or to reaching 100 %). */
  readonly hours: number;
  readonly stage: string;
  /** The judgement outcome that stopped it, or 'timeout' (maxDuration passed without a pass). */
  readonly cause?: JudgementOutcome | 'timeout';
}

/** The benchmark policy with another family-wise alpha (the `--alpha` option). */
export function policyWithAlpha(alpha: number): RolloutPolicy {
  return { ...BENCH_POLICY, spec: { ...BENCH_POLICY.spec, analysis: { ...BENCH_POLICY.spec.analysis, alpha } } };
}

/** Walks a rollout through the canary stages; `stages[i]` holds stage i's batches (at least MAX_HOURS worth). */
export function runGlidepath(stages: readonly (readonly Batch[])[], policy: RolloutPolicy = BENCH_POLICY): RolloutResult {
  let elapsed = 0;
  const canaryStages = policy.spec.stages.filter((s) => (s.weight ?? 0) < 100);
  for (const [i, stage] of canaryStages.entries()) {
    const control = new ArmTotals();
    const canary = new ArmTotals();
    const batches = stages[i]!;
    const tuneN = REQUESTS_PER_HOUR * ((stage.weight ?? 0) / 100) * MIN_HOURS;
    let advanced = false;
    for (let t = 1; t <= MAX_HOURS * TICKS_PER_HOUR; t++) {
      control.add(batches[t - 1]!.control);
      canary.add(batches[t - 1]!.canary);
      const hours = t / TICKS_PER_HOUR;
      const judgement = judgeStage({ release: 'bench', policy, stage, metrics: METRICS, result: { ok: true, snapshot: snapshotOf(control, canary, hours) }, tuneN });
      const { decision } = decideFromJudgement(policy, judgement);
      if (decision === 'rollback' || decision === 'pause' || decision === 'freeze') {
        return { stopped: true, hours: elapsed + hours, stage: stage.name, cause: judgement.outcome };
      }
      if (decision === 'advance' && hours >= MIN_HOURS) {
        advanced = true;
        elapsed += hours;
        break;
      }
    }
    if (!advanced) return { stopped: true, hours: elapsed + MAX_HOURS, stage: stage.name, cause: 'timeout' };
  }
  return { stopped: false, hours: elapsed, stage: 'full' };
}
