import module from 'node:module';
import { resolveInsideRoot } from '../fs/inside-root.js';
import type { FileMetricSource, MetricDefinition } from '../../core/model/index.js';
import type { Arm, ArmMetrics, MetricsSnapshot } from '../../core/metrics/arm-data.js';
import type { MetricsResult } from '../../core/metrics/metrics-result.js';
import { parseMetricsFile, type MetricsFileFormat } from '../../core/metrics/parse-metrics-file.js';
import { fileKey, selectMetrics } from '../../core/metrics/select-metrics.js';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallResult } from '../../ports/call.js';
import type { ArmPair, MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../ports/metrics-source.js';

// Required, not imported: an ES import of node:fs builds its whole namespace, which loads streams,
// fs/promises and the file watchers, some 7 ms at every start of the CLI (decision 0014).
const requireBuiltin = module.createRequire(import.meta.url);
const { open } = requireBuiltin('node:fs/promises') as typeof import('node:fs/promises');

/** Metrics files larger than this are refused: a quarter of a gigabyte holds tens of millions of raw samples. */
export const METRICS_FILE_MAX_BYTES = 256 * 1024 * 1024;

export interface ReadMetricsFileOptions {
  /** How the file is named in messages (the path as the user wrote it). */
  readonly display: string;
  readonly stage?: string;
  readonly format?: MetricsFileFormat;
  /** The window to assume when the file states none. */
  readonly defaultWindow?: { readonly start: string; readonly end: string };
  /** Metric definitions: the snapshot is keyed by their names, read from their `query` keys. Absent: keyed as the file keys it. */
  readonly metrics?: readonly MetricDefinition[];
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
  return { ok: true, snapshot: opts.metrics ? selectMetrics(parsed.snapshot, opts.metrics) : parsed.snapshot };
}

/**
 * The `file` metrics source: an earlier workflow step (a warehouse query, an eval run) writes
 * per-arm metrics to a JSON or CSV file (docs/metrics-file-format.md) at the source's `path`,
 * where `{release}` and `{stage}` stand for the release and stage names. The path is relative to
 * the repository root and must stay inside it. A missing or invalid file fails the whole source;
 * a metric the file lacks is no data for that metric alone. Each reading's query is the file and
 * its key (`metrics/r.json#errors`).
 */
export function createFileMetricsSource(source: FileMetricSource, deps: Pick<AdapterDeps, 'root'>): Built<MetricsSource> {
  // Templates filled with a plain name: what is left is the path the user wrote, checked once here.
  const sample = source.path.replaceAll('{release}', 'release').replaceAll('{stage}', 'stage');
  if (source.path.trim() === '' || resolveInsideRoot(deps.root, sample) === undefined) {
    return { ok: false, field: ['path'], error: `metrics source ${source.name}: path ${source.path} leads outside the repository: give a path relative to the repository root` };
  }
  return {
    ok: true,
    value: {
      type: 'file',
      async read(query: MetricsQuery): Promise<CallResult<MetricsAnswer>> {
        const path = source.path.replaceAll('{release}', query.release).replaceAll('{stage}', query.stage);
        // A release or stage name can climb out too, so the filled-in path is checked again.
        const absolute = resolveInsideRoot(deps.root, path);
        if (absolute === undefined) {
          return { ok: false, kind: 'invalid', error: `metrics source ${source.name}: path ${path} leads outside the repository: give a path relative to the repository root` };
        }
        const result = await readMetricsFile(absolute, {
          display: path,
          stage: query.stage,
          defaultWindow: { start: query.window.start.toISOString(), end: query.window.end.toISOString() },
        });
        if (!result.ok) return { ok: false, kind: result.kind ?? 'unavailable', error: result.error };
        const { snapshot } = result;
        return {
          ok: true,
          value: {
            window: snapshot.window,
            ...(snapshot.requests ? { requests: snapshot.requests } : {}),
            ...(snapshot.units ? { units: snapshot.units } : {}),
            readings: query.metrics.map((metric) => readingOf(snapshot, metric, path)),
          },
        };
      },
    },
  };
}

/** One metric's data from the parsed file, under the key its definition reads; absent from every arm and segment, it is not-found. */
function readingOf(snapshot: MetricsSnapshot, metric: MetricDefinition, path: string): MetricReading {
  const key = fileKey(metric);
  const query = `${path}#${key}`;
  const pair = (byArm: Readonly<Record<Arm, ArmMetrics>>): ArmPair | undefined => {
    const control = byArm.control?.[key];
    const canary = byArm.canary?.[key];
    if (!control && !canary) return undefined;
    return { ...(control ? { control } : {}), ...(canary ? { canary } : {}) };
  };
  const segments: Record<string, Record<string, ArmPair>> = {};
  for (const [attribute, values] of Object.entries(snapshot.segments ?? {})) {
    for (const [value, byArm] of Object.entries(values)) {
      const found = pair(byArm);
      if (found) segments[attribute] = { ...segments[attribute], [value]: found };
    }
  }
  const arms = pair(snapshot.arms);
  const hasSegments = Object.keys(segments).length > 0;
  if (!arms && !hasSegments) {
    const named = key === metric.name ? key : `${key} (metric ${metric.name})`;
    return { metric: metric.name, ok: false, kind: 'not-found', error: `${path} has no ${named} in either arm: the export must write it, or the metric's query must name the key it is under`, query };
  }
  return { metric: metric.name, ok: true, arms: arms ?? {}, ...(hasSegments ? { segments } : {}), query };
}

function mib(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}
