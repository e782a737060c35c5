import { open } from 'node:fs/promises';
import { resolveInsideRoot } from '../fs/inside-root.js';
import type { FileMetricSource, MetricDefinition } from '../../core/model/index.js';
import { parseMetricsFile, type MetricsFileFormat } from '../../core/metrics/parse-metrics-file.js';
import { selectMetrics } from '../../core/metrics/select-metrics.js';
import type { MetricsQuery, MetricsResult, MetricsSource } from '../../ports/metrics-source.js';

/** Metrics files larger than this are refused: a quarter of a gigabyte holds tens of millions of raw samples. */
export const METRICS_FILE_MAX_BYTES = 256 * 1024 * 1024;

export interface ReadMetricsFileOptions {
  /** How the file is named in messages (the path as the user wrote it). */
  readonly display: string;
  readonly stage?: string;
  readonly format?: MetricsFileFormat;
  /** The window to assume when the file states none. */
  readonly defaultWindow?: { readonly start: string; readonly end: string };
  /** Metric definitions: the snapshot is keyed by their names, read from their `query` keys. */
  readonly metrics: readonly MetricDefinition[];
  readonly maxBytes?: number;
}

/**
 * Reads and parses one metrics file. Never throws: a missing, oversized or invalid file is a
 * failed measurement (`ok: false` with a sentence naming the file and the fix), which the judge
 * reads as no data and holds on.
 */
export async function readMetricsFile(path: string, opts: ReadMetricsFileOptions): Promise<MetricsResult> {
  const maxBytes = opts.maxBytes ?? METRICS_FILE_MAX_BYTES;
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, error: `${opts.display} is not a file` };
      if (info.size > maxBytes) {
        return { ok: false, error: `${opts.display} is ${mib(info.size)}; metrics files may be at most ${mib(maxBytes)}: export sufficient statistics (counts, summaries, histogram buckets) instead of raw samples` };
      }
      text = await handle.readFile({ encoding: 'utf8' });
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, kind: 'not-found', error: `${opts.display} does not exist: the step that exports the metrics must run before Glidepath reads them` };
    return { ok: false, error: `${opts.display} cannot be read (${code ?? (error as Error).message})` };
  }
  const parsed = parseMetricsFile(text, {
    file: opts.display,
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
    ...(opts.defaultWindow ? { defaultWindow: opts.defaultWindow } : {}),
  });
  if (!parsed.ok) return { ok: false, kind: 'invalid', error: parsed.error };
  return { ok: true, snapshot: selectMetrics(parsed.snapshot, opts.metrics) };
}

/**
 * The `file` metrics source: an earlier workflow step (a warehouse query, an eval run) writes
 * per-arm metrics to a JSON or CSV file (docs/metrics-file-format.md) at the source's `path`,
 * where `{release}` and `{stage}` stand for the release and stage names. The path is relative to
 * the repository root and must stay inside it.
 */
export function createFileMetricsSource(source: FileMetricSource, ctx: { readonly root: string }): MetricsSource {
  return {
    type: 'file',
    async query(query: MetricsQuery): Promise<MetricsResult> {
      const path = source.path.replaceAll('{release}', query.release).replaceAll('{stage}', query.stage);
      const absolute = resolveInsideRoot(ctx.root, path);
      if (absolute === undefined) {
        return { ok: false, error: `metrics source ${source.name}: path ${path} leads outside the repository: give a path relative to the repository root` };
      }
      return readMetricsFile(absolute, {
        display: path,
        stage: query.stage,
        defaultWindow: { start: query.window.start.toISOString(), end: query.window.end.toISOString() },
        metrics: query.metrics,
      });
    },
  };
}

function mib(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}
