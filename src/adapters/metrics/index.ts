import type { FileMetricSource, MetricSource } from '../../core/model/index.js';
import type { MetricsSource } from '../../ports/metrics-source.js';
import { withCountChecks } from './checked.js';
import { createFileMetricsSource } from './file.js';

/** Builds a metrics source from its `glidepath.yaml` entry; `root` is the repository the command runs in. */
export type MetricsSourceBuilder = (source: MetricSource, ctx: { readonly root: string }) => MetricsSource;

/**
 * Every metrics source, by `type`. A new source is one file here plus one line below; every
 * source's answers are checked for impossible counts.
 */
export const metricsSources: Record<string, MetricsSourceBuilder> = withChecks({
  file: (source, ctx) => createFileMetricsSource(source as FileMetricSource, ctx),
});

function withChecks(builders: Record<string, MetricsSourceBuilder>): Record<string, MetricsSourceBuilder> {
  return Object.fromEntries(Object.entries(builders).map(([type, build]) => [type, (source, ctx) => withCountChecks(source.name, build(source, ctx))]));
}
