import type { MetricDefinition, MetricSource } from '../core/model/index.js';
import type { Arm, ArmData } from '../core/metrics/arm-data.js';
import type { AdapterDeps, Built } from './adapter-deps.js';
import type { CallFailureKind, CallOptions, CallResult } from './call.js';

export interface MetricsQuery {
  readonly release: string;
  readonly stage: string;
  readonly metrics: readonly MetricDefinition[];
  readonly window: { readonly start: Date; readonly end: Date };
  /** The model id each arm serves (the release's champion and challenger `model`), for sources that select by model (`{{model}}`). */
  readonly models?: Readonly<Partial<Record<Arm, string>>>;
}

// ---------------------------------------------------------------------------------------------
// The metrics contract every source implements (issue #8): answers per metric, so one metric's
// failure is no-data for that metric only, and each reading keeps the query it ran for the audit
// record.
// ---------------------------------------------------------------------------------------------

/**
 * Both arms of one metric over the window (and per segment value, when the policy segments). An
 * arm the source has no data for is absent (no control serves at 100 %): the judge reads it as no
 * data for that arm, and an absolute rollback criterion still reads the canary.
 */
export interface ArmPair {
  readonly control?: ArmData;
  readonly canary?: ArmData;
}

/** One metric's answer. A failure here is a measurement (that metric has no data), never a crash. */
export type MetricReading =
  | {
      readonly metric: string;
      readonly ok: true;
      readonly arms: ArmPair;
      /** segment attribute → segment value → both arms. */
      readonly segments?: Readonly<Record<string, Readonly<Record<string, ArmPair>>>>;
      /** The query as sent, templates filled in (PromQL, a Datadog query, a file and field): kept in the audit record. */
      readonly query?: string;
    }
  | {
      readonly metric: string;
      readonly ok: false;
      readonly kind: CallFailureKind;
      readonly error: string;
      readonly query?: string;
      readonly retryAfterMs?: number;
    };

/** What a source answers for one window: a reading per metric asked for, and the requests each arm served when it can count them. */
export interface MetricsAnswer {
  /** ISO times of the window the numbers cover: both arms over the same one. */
  readonly window: { readonly start: string; readonly end: string };
  /** Requests (or, with an analysis unit, units) per arm: the split check's input; absent when the source cannot count them. */
  readonly requests?: Readonly<Record<Arm, number>>;
  /** Randomisation units (users) per arm, when the source counts them: the split check then counts these (decision 0012). */
  readonly units?: Readonly<Record<Arm, number>>;
  readonly readings: readonly MetricReading[];
}

/**
 * Where numbers come from. A whole-source failure (unreachable, unauthorized) makes every one of
 * its metrics no-data; a reading's failure, only its own metric. A new source is one file in
 * src/adapters/metrics/ plus one registry line.
 */
export interface MetricsSource {
  readonly type: string;
  read(query: MetricsQuery, options?: CallOptions): Promise<CallResult<MetricsAnswer>>;
}

/** Builds a metrics source from its glidepath.yaml entry (typed by the schema's `type` union); makes no call. */
export type MetricsSourceFactory<Config> = (config: Config, deps: AdapterDeps) => Built<MetricsSource>;

/** The name MetricsSource had while the old interface still held it; kept until every branch has moved. */
export type MetricsReader = MetricsSource;

/** Every metrics source type glidepath.yaml may name, each built from its own entry type: exhaustive by the schema's union. */
export type MetricsSourceRegistry = { readonly [K in MetricSource['type']]: MetricsSourceFactory<Extract<MetricSource, { readonly type: K }>> };
