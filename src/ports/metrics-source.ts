import type { MetricDefinition } from '../core/model/index.js';
import type { MetricsSnapshot } from '../core/metrics/arm-data.js';
import type { CallFailureKind, CallOptions } from './traffic-provider.js';

export interface MetricsQuery {
  readonly release: string;
  readonly stage: string;
  readonly metrics: readonly MetricDefinition[];
  readonly window: { readonly start: Date; readonly end: Date };
}

/** A failed query is a measurement (the gates see no data and hold), not a crash. */
export type MetricsResult =
  | { readonly ok: true; readonly snapshot: MetricsSnapshot }
  | { readonly ok: false; readonly error: string; readonly kind?: CallFailureKind };

/** Where numbers come from. A new source is one file in src/adapters/metrics/ plus one registry line. */
export interface MetricsSource {
  readonly type: string;
  query(query: MetricsQuery, options?: CallOptions): Promise<MetricsResult>;
}
