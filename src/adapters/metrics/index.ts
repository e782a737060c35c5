import type { MetricSource } from '../../core/model/index.js';
import type { MetricsSource } from '../../ports/metrics-source.js';
import { createFileMetricsSource } from './file.js';

/** Builds a metrics source from its `glidepath.yaml` entry; `root` is the repository the command runs in. */
export type MetricsSourceBuilder = (source: MetricSource, ctx: { readonly root: string }) => MetricsSource;

/** Every metrics source type glidepath.yaml may name, each built from its own entry type: exhaustive by the schema's union, no casts. */
export type MetricsSourceRegistry = { readonly [K in MetricSource['type']]: (source: Extract<MetricSource, { readonly type: K }>, ctx: { readonly root: string }) => MetricsSource };

/**
 * Every metrics source, by `type`. A new source is one file here with its schema fragment beside
 * it (`<type>.schema.json`, composed into schemas/ by `npm run generate`) plus one line below; the engine
 * guards every query (deadline, shape, and checkSnapshot's count rules), so no source has to.
 */
export const metricsSources: MetricsSourceRegistry = {
  file: createFileMetricsSource,
};
