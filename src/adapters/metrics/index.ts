import type { FileMetricSource, MetricSource } from '../../core/model/index.js';
import type { MetricsSource } from '../../ports/metrics-source.js';
import { createFileMetricsSource } from './file.js';

/** Builds a metrics source from its `glidepath.yaml` entry; `root` is the repository the command runs in. */
export type MetricsSourceBuilder = (source: MetricSource, ctx: { readonly root: string }) => MetricsSource;

/**
 * Every metrics source, by `type`. A new source is one file here plus one line below; the engine
 * guards every query (deadline, shape, and checkSnapshot's count rules), so no source has to.
 */
export const metricsSources: Record<string, MetricsSourceBuilder> = {
  file: (source, ctx) => createFileMetricsSource(source as FileMetricSource, ctx),
};
