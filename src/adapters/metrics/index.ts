import type { MetricsSourceRegistry } from '../../ports/metrics-source.js';
import { createCloudWatchSource } from './cloudwatch.js';
import { createDatadogSource } from './datadog.js';
import { createFileMetricsSource } from './file.js';
import { createHttpJsonSource } from './http-json-source.js';
import { createPrometheusSource } from './prometheus.js';

/**
 * Every metrics source, by `type`. A new source is one file here with its schema fragment beside
 * it (`<type>.schema.json`, composed into schemas/ by `npm run generate`) plus one line below; the
 * engine guards every read (deadline, shape, and checkSnapshot's count rules per reading), so no source has to.
 */
export const metricsSources: MetricsSourceRegistry = {
  cloudwatch: createCloudWatchSource,
  datadog: createDatadogSource,
  file: createFileMetricsSource,
  'http-json': createHttpJsonSource,
  prometheus: createPrometheusSource,
};
