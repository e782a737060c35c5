import type { MetricSource } from '../../core/model/index.js';
import type { MetricsSourceFactory } from '../../ports/metrics-source.js';
import { createFileMetricsSource } from './file.js';

/** Every metrics source type glidepath.yaml may name, each built from its own entry type: exhaustive by the schema's union, no casts. */
export type MetricsSourceRegistry = { readonly [K in MetricSource['type']]: MetricsSourceFactory<Extract<MetricSource, { readonly type: K }>> };

/**
 * Every metrics source, by `type`. A new source is one file here with its schema fragment beside
 * it (`<type>.schema.json`, composed into schemas/ by `npm run generate`) plus one line below; the
 * engine guards every read (deadline, shape, and checkSnapshot's count rules per reading), so no source has to.
 */
export const metricsSources: MetricsSourceRegistry = {
  file: createFileMetricsSource,
};
