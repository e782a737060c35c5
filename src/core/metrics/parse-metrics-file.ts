import { metricsFileFormat, type MetricsFileOptions, type MetricsFileParse } from './metrics-document.js';
import { parseMetricsCsv } from './parse-metrics-csv.js';
import { parseMetricsJson } from './parse-metrics-json.js';

export { metricsFileFormat, type MetricsFileFormat, type MetricsFileOptions, type MetricsFileParse } from './metrics-document.js';

/**
 * Parses a metrics file (JSON or the long CSV format of docs/metrics-file-format.md) into a
 * snapshot. Never throws on bad input: every problem comes back as a sentence that names the
 * file, the JSON path or CSV line, the field and the fix.
 */
export function parseMetricsFile(text: string, opts: MetricsFileOptions): MetricsFileParse {
  const format = opts.format ?? metricsFileFormat(opts.file);
  return format === 'csv' ? parseMetricsCsv(text, opts) : parseMetricsJson(text, opts);
}
