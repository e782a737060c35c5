import type { FileMetricSource, MetricSource } from '../../core/model/index.js';
import type { MetricsSourceFactory } from '../../ports/metrics-source.js';
import { createFileMetricsSource } from './file.js';

/**
 * Every metrics source, by `type`. A new source is one file here plus one line below; the engine
 * guards every read (deadline, shape, and checkSnapshot's count rules per reading), so no source has to.
 */
export const metricsSources: Record<string, MetricsSourceFactory<MetricSource>> = {
  file: (source, deps) => createFileMetricsSource(source as FileMetricSource, deps),
};
