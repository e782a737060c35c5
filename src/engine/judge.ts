import type { StageJudgement } from '../core/gates/judgement.js';
import { judgeStage } from '../core/gates/judge-stage.js';
import type { MetricsSnapshot } from '../core/metrics/arm-data.js';
import type { MetricDefinition } from '../core/model/index.js';
import { plannedArmSamples } from '../core/power/stage-traffic.js';
import { requestsPerHourOf } from '../core/model/traffic.js';
import { stageAt } from '../core/rollout/transitions.js';
import type { RolloutState } from '../core/rollout/types.js';
import type { MetricsResult } from '../ports/metrics-source.js';
import type { CallFailureKind } from '../ports/traffic-provider.js';
import type { EngineContext } from './context.js';
import { guardMetricsSource } from './guarded-port.js';
import type { RolloutSetup } from './workspace.js';

export interface RolloutJudgement {
  readonly judgement: StageJudgement | undefined;
  /** What the sources answered, for the audit record (undefined when a source failed). */
  readonly metrics: MetricsSnapshot | undefined;
  /** Why the sources gave no snapshot, when they failed. */
  readonly metricsFailure?: { readonly error: string; readonly kind: CallFailureKind };
}

/**
 * Queries the metrics of the rollout's current stage — its gates' metrics and every rollback
 * criterion's — over the window from the stage's start to now, and judges them. A source that
 * fails, or is missing, is judged as no data (the planner holds, never advances). A stage with
 * neither gates nor criteria has nothing to judge.
 */
export async function judgeRollout(ctx: EngineContext, setup: RolloutSetup, state: RolloutState, now: Date): Promise<RolloutJudgement> {
  const { policy, config } = setup;
  const stage = stageAt(policy, state.stageIndex);
  const needed = new Set([...(stage.gates ?? []).map((g) => policy.spec.gates?.[g]?.metric), ...policy.spec.rollback.map((c) => c.metric)].filter((m): m is string => m !== undefined));
  if (needed.size === 0) return { judgement: undefined, metrics: undefined };
  const definitions = config?.spec.metrics.definitions ?? [];
  const window = { start: new Date(Date.parse(state.stageStartedAt)), end: now };
  const result = await querySources(ctx, setup, stage.name, definitions.filter((d) => needed.has(d.name)), window);
  const tuneN = plannedArmSamples(stage, requestsPerHourOf(setup.release, config));
  const judgement = judgeStage({
    release: setup.name,
    policy,
    stage,
    metrics: definitions,
    result,
    ...(state.split.mode === 'traffic' ? { canaryWeight: state.split.weight } : {}),
    ...(tuneN !== undefined ? { tuneN } : {}),
  });
  if (!result.ok) return { judgement, metrics: undefined, metricsFailure: { error: result.error, kind: result.kind ?? 'unavailable' } };
  return { judgement, metrics: result.snapshot };
}

/** One query per source, merged into one snapshot; any failure makes the whole answer a failure. */
async function querySources(
  ctx: EngineContext,
  setup: RolloutSetup,
  stage: string,
  metrics: readonly MetricDefinition[],
  window: { start: Date; end: Date },
): Promise<MetricsResult> {
  const bySource = new Map<string, MetricDefinition[]>();
  for (const metric of metrics) bySource.set(metric.source, [...(bySource.get(metric.source) ?? []), metric]);
  const sources = setup.config?.spec.metrics.sources ?? [];
  const answers = await Promise.all([...bySource].map(async ([name, wanted]): Promise<MetricsResult> => {
    const source = sources.find((s) => s.name === name);
    if (!source) return { ok: false, kind: 'invalid', error: `glidepath.yaml: metric ${wanted[0]?.name} names source ${name}, which spec.metrics.sources does not define` };
    const factory = ctx.metricsSources[source.type];
    if (!factory) return { ok: false, kind: 'invalid', error: `glidepath.yaml: metrics source ${name} has type ${source.type}, which this Glidepath does not support` };
    let built;
    try {
      built = factory(source, { root: ctx.root });
    } catch (error) {
      return { ok: false, kind: 'invalid', error: `glidepath.yaml: metrics source ${name} could not be set up: ${(error as Error).message}` };
    }
    // The guard turns a throw, a hang past the deadline or a malformed snapshot into a failed query: no data, never a crash.
    return guardMetricsSource(built, { label: name, ...(ctx.deadlines?.metricsMs !== undefined ? { timeoutMs: ctx.deadlines.metricsMs } : {}) }).query({ release: setup.name, stage, metrics: wanted, window });
  }));
  const failed = answers.filter((a): a is Extract<MetricsResult, { ok: false }> => !a.ok);
  if (failed.length > 0) {
    // Data not there yet (not-found) is the mildest kind; any other failure speaks for the whole answer.
    const kind = failed.find((f) => f.kind !== 'not-found')?.kind ?? 'not-found';
    return { ok: false, kind, error: failed.map((f) => f.error).join('; ') };
  }
  const snapshots = answers.map((a) => (a as Extract<MetricsResult, { ok: true }>).snapshot);
  const [first, ...rest] = snapshots;
  if (!first) return { ok: false, error: 'no metrics source answered' };
  return { ok: true, snapshot: rest.reduce(mergeSnapshots, first) };
}

function mergeSnapshots(a: MetricsSnapshot, b: MetricsSnapshot): MetricsSnapshot {
  return {
    ...a,
    arms: { control: { ...a.arms.control, ...b.arms.control }, canary: { ...a.arms.canary, ...b.arms.canary } },
    ...(a.requests ?? b.requests ? { requests: a.requests ?? b.requests } : {}),
    ...(a.segments ?? b.segments ? { segments: { ...(b.segments ?? {}), ...(a.segments ?? {}) } } : {}),
  };
}
