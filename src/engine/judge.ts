import type { StageJudgement } from '../core/gates/judgement.js';
import { judgeStage } from '../core/gates/judge-stage.js';
import type { ArmData, ArmMetrics, MetricsSnapshot } from '../core/metrics/arm-data.js';
import type { MetricsResult } from '../core/metrics/metrics-result.js';
import type { MetricDefinition, MetricSource } from '../core/model/index.js';
import { plannedArmSamples } from '../core/power/stage-traffic.js';
import { requestsPerHourOf } from '../core/model/traffic.js';
import type { MetricReads } from '../core/rollout/metric-errors.js';
import { stageAt } from '../core/rollout/transitions.js';
import type { RolloutState } from '../core/rollout/types.js';
import type { Built } from '../ports/adapter-deps.js';
import type { CallFailure, CallFailureKind, CallResult } from '../ports/call.js';
import type { MetricReading, MetricsAnswer, MetricsSource, MetricsSourceFactory } from '../ports/metrics-source.js';
import { adapterDepsOf } from './adapter-deps.js';
import type { EngineContext } from './context.js';
import { guardMetricsSource } from './guarded-metrics.js';
import type { RolloutSetup } from './workspace.js';

export interface RolloutJudgement {
  readonly judgement: StageJudgement | undefined;
  /** What the sources answered, for the audit record, with each metric's resolved query (undefined when every source failed). */
  readonly metrics: MetricsSnapshot | undefined;
  /** Why some sources or readings gave nothing, when they failed: the tick reports it as a fault. */
  readonly metricsFailure?: { readonly error: string; readonly kind: CallFailureKind };
  /** The metrics asked for, and those whose source failed to answer (not "no data yet"): the consecutive-error count's input. */
  readonly reads?: MetricReads;
}

/**
 * Queries the metrics of the rollout's current stage — its gates' metrics and every rollback
 * criterion's — over the window from the stage's start to now, and judges them. A source that
 * fails, or is missing, makes its own metrics no data (the planner holds, never advances on
 * them); the other sources' metrics are judged. A stage with neither gates nor criteria has
 * nothing to judge.
 */
export async function judgeRollout(ctx: EngineContext, setup: RolloutSetup, state: RolloutState, now: Date): Promise<RolloutJudgement> {
  const { policy, config } = setup;
  const stage = stageAt(policy, state.stageIndex);
  const needed = new Set([...(stage.gates ?? []).map((g) => policy.spec.gates?.[g]?.metric), ...policy.spec.rollback.map((c) => c.metric)].filter((m): m is string => m !== undefined));
  if (needed.size === 0) return { judgement: undefined, metrics: undefined };
  const definitions = config?.spec.metrics.definitions ?? [];
  const window = { start: new Date(Date.parse(state.stageStartedAt)), end: now };
  const measured = await readSources(ctx, setup, stage.name, definitions.filter((d) => needed.has(d.name)), window);
  const tuneN = plannedArmSamples(stage, requestsPerHourOf(setup.release, config));
  const judgement = judgeStage({
    release: setup.name,
    policy,
    stage,
    metrics: definitions,
    result: measured.result,
    ...(Object.keys(measured.unavailable).length > 0 ? { unavailable: measured.unavailable } : {}),
    ...(measured.sourceErrors.length > 0 ? { sourceError: measured.sourceErrors.join('; ') } : {}),
    ...(state.split.mode === 'traffic' ? { canaryWeight: state.split.weight } : {}),
    ...(tuneN !== undefined ? { tuneN } : {}),
  });
  const failure = measured.faults.length > 0 ? { metricsFailure: { error: measured.faults.map((f) => f.error).join('; '), kind: kindOf(measured.faults) } } : {};
  const reads: MetricReads = { read: [...needed].sort(), failed: measured.failed };
  return { judgement, metrics: measured.result.ok ? measured.result.snapshot : undefined, ...failure, reads };
}

/** What the sources measured, put together: the snapshot of every reading that succeeded, and why each other metric has no data. */
interface Measured {
  readonly result: MetricsResult;
  /** Metric → why it has no data, naming its source. */
  readonly unavailable: Record<string, string>;
  /** Sources that failed as a whole (each silenced all its metrics). */
  readonly sourceErrors: string[];
  /** Failures the tick reports: whole sources, and readings that failed other than by having no data yet. */
  readonly faults: { readonly error: string; readonly kind: CallFailureKind }[];
  /** Metric → why its read failed, for those faults: the consecutive-error count. */
  readonly failed: Record<string, string>;
}

/** Reads each source once for its metrics, with its deadline; one source's outage silences only its own metrics. */
async function readSources(ctx: EngineContext, setup: RolloutSetup, stage: string, metrics: readonly MetricDefinition[], window: { start: Date; end: Date }): Promise<Measured> {
  const bySource = new Map<string, MetricDefinition[]>();
  for (const metric of metrics) bySource.set(metric.source, [...(bySource.get(metric.source) ?? []), metric]);
  const answers = await Promise.all(
    [...bySource].map(async ([name, wanted]) => {
      const built = sourceNamed(ctx, setup, name, wanted);
      const answer: CallResult<MetricsAnswer> = built.ok ? await built.value.read({ release: setup.name, stage, metrics: wanted, window, models: { control: setup.release.spec.champion.model, canary: setup.release.spec.challenger.model } }) : { ok: false, kind: 'invalid', error: built.error };
      return { name, wanted, answer };
    }),
  );
  const measured: Measured = { result: { ok: false, error: '' }, unavailable: {}, sourceErrors: [], faults: [], failed: {} };
  const parts: { answer: MetricsAnswer; readings: Extract<MetricReading, { ok: true }>[] }[] = [];
  const queries: Record<string, string> = {};
  for (const { name, wanted, answer } of answers) {
    if (!answer.ok) {
      const reason = silencedBy(name, answer, wanted.map((m) => m.name));
      for (const metric of wanted) measured.unavailable[metric.name] = reason;
      if (answer.kind !== 'not-found') for (const metric of wanted) measured.failed[metric.name] = reason;
      measured.sourceErrors.push(reason);
      measured.faults.push({ error: reason, kind: answer.kind });
      continue;
    }
    const readings: Extract<MetricReading, { ok: true }>[] = [];
    for (const reading of answer.value.readings) {
      if (reading.query !== undefined) queries[reading.metric] = reading.query;
      if (reading.ok) {
        readings.push(reading);
        continue;
      }
      const reason = silencedBy(name, reading, [reading.metric]);
      measured.unavailable[reading.metric] = reason;
      // Data not there yet is a measurement (the gate says no data), not a fault of the source.
      if (reading.kind !== 'not-found') {
        measured.faults.push({ error: reason, kind: reading.kind });
        measured.failed[reading.metric] = reason;
      }
    }
    parts.push({ answer: answer.value, readings });
  }
  const answered = parts.filter((p) => p.readings.length > 0);
  if (answered.length === 0) {
    // Nothing measured at all: judged as one failed measurement, every verdict no data.
    const errors = [...new Set(Object.values(measured.unavailable))];
    return { ...measured, result: { ok: false, error: errors.join('; ') || 'no metrics source answered' } };
  }
  return { ...measured, result: { ok: true, snapshot: assemble(answered, queries) } };
}

/** The source a metric names, built once per run (a client and its connection pool are reused), and guarded. */
function sourceNamed(ctx: EngineContext, setup: RolloutSetup, name: string, wanted: readonly MetricDefinition[]): Built<MetricsSource> {
  const source = setup.config?.spec.metrics.sources.find((s) => s.name === name);
  if (!source) return { ok: false, error: `glidepath.yaml: metric ${wanted[0]?.name} names source ${name}, which spec.metrics.sources does not define` };
  let cache = built.get(ctx);
  if (!cache) built.set(ctx, (cache = new WeakMap()));
  const cached = cache.get(source);
  if (cached) return cached;
  const made = buildSource(ctx, source);
  cache.set(source, made);
  return made;
}

const built = new WeakMap<EngineContext, WeakMap<MetricSource, Built<MetricsSource>>>();

function buildSource(ctx: EngineContext, source: MetricSource): Built<MetricsSource> {
  // As with providers: the registry's type ties each entry to its own type's config, which TypeScript cannot follow through the union.
  const factory = ctx.metricsSources[source.type] as MetricsSourceFactory<MetricSource> | undefined;
  if (!factory) return { ok: false, error: `glidepath.yaml: metrics source ${source.name} has type ${source.type}, which this Glidepath does not support` };
  let made: Built<MetricsSource>;
  try {
    made = factory(source, adapterDepsOf(ctx));
  } catch (error) {
    return { ok: false, error: `glidepath.yaml: metrics source ${source.name} could not be set up: ${(error as Error).message}` };
  }
  if (!made.ok) return { ok: false, error: `glidepath.yaml: ${made.field ? `spec.metrics.sources[${source.name}].${made.field.join('.')}: ` : ''}${made.error}` };
  // The guard turns a throw, a hang past the deadline or a malformed reading into a failed read: no data, never a crash.
  return { ok: true, value: guardMetricsSource(made.value, { label: source.name, ...(ctx.deadlines?.metricsMs !== undefined ? { timeoutMs: ctx.deadlines.metricsMs } : {}) }) };
}

/** "metrics source prom: unavailable (HTTP 503 …): no data for error_rate, p95_latency" — the source, what happened and what it silenced. */
function silencedBy(source: string, failure: Pick<CallFailure, 'kind' | 'error'>, metrics: readonly string[]): string {
  const prefix = `metrics source ${source}: `;
  const error = failure.error.startsWith(prefix) ? failure.error.slice(prefix.length) : failure.error;
  return `${prefix}${failure.kind} (${error}): no data for ${metrics.join(', ')}`;
}

/** Data not there yet (not-found) is the mildest kind; any other failure speaks for them all. */
function kindOf(faults: readonly { readonly kind: CallFailureKind }[]): CallFailureKind {
  return faults.find((f) => f.kind !== 'not-found')?.kind ?? 'not-found';
}

/** One snapshot from every source's successful readings: the window, requests and units of the first source that gives them (the split check's input). */
function assemble(parts: readonly { answer: MetricsAnswer; readings: readonly Extract<MetricReading, { ok: true }>[] }[], queries: Readonly<Record<string, string>>): MetricsSnapshot {
  const control: Record<string, ArmData> = {};
  const canary: Record<string, ArmData> = {};
  const segments: Record<string, Record<string, { control: Record<string, ArmData>; canary: Record<string, ArmData> }>> = {};
  for (const { readings } of parts) {
    for (const reading of readings) {
      if (reading.arms.control) control[reading.metric] = reading.arms.control;
      if (reading.arms.canary) canary[reading.metric] = reading.arms.canary;
      for (const [attribute, values] of Object.entries(reading.segments ?? {})) {
        const byValue = (segments[attribute] ??= {});
        for (const [value, pair] of Object.entries(values)) {
          const arms = (byValue[value] ??= { control: {}, canary: {} });
          if (pair.control) arms.control[reading.metric] = pair.control;
          if (pair.canary) arms.canary[reading.metric] = pair.canary;
        }
      }
    }
  }
  const first = parts[0]!.answer;
  const requests = parts.find((p) => p.answer.requests)?.answer.requests;
  const units = parts.find((p) => p.answer.units)?.answer.units;
  return {
    window: first.window,
    arms: { control: control as ArmMetrics, canary: canary as ArmMetrics },
    ...(requests ? { requests } : {}),
    ...(units ? { units } : {}),
    ...(Object.keys(segments).length > 0 ? { segments } : {}),
    ...(Object.keys(queries).length > 0 ? { queries } : {}),
  };
}
