import type { ArmData, MetricsSnapshot } from '../core/metrics/arm-data.js';
import { checkSnapshot } from '../core/metrics/check-snapshot.js';
import type { CallResult } from '../ports/call.js';
import type { ArmPair, MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../ports/metrics-source.js';
import { clip, DEFAULT_METRICS_TIMEOUT_MS, failureOf, isNumberIn, isRecord, isTime, show, withDeadline, type Failure } from './guarded-port.js';

/** Broken count rules listed in one failed reading: the first few say what is wrong with an export. */
const MAX_LISTED = 5;

// A guard over a guarded source would give every read two deadlines and wrap its messages twice.
const guarded = new WeakSet<object>();

/**
 * The metrics source every read goes through: a deadline, and whatever the adapter does — answers
 * a failure, throws, never answers, answers garbage — comes back as a CallResult. An answer is
 * checked reading by reading: a reading of the wrong shape, or whose counts break checkSnapshot's
 * rules, fails that metric alone; the answer holds exactly one reading per metric asked for, in
 * the order asked (a metric the source left out is a failed reading).
 */
export function guardMetricsSource(source: MetricsSource, opts: { readonly label: string; readonly timeoutMs?: number }): MetricsSource {
  if (guarded.has(source)) return source;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_METRICS_TIMEOUT_MS;
  const wrapped: MetricsSource = {
    type: source.type,
    read: async (query: MetricsQuery): Promise<CallResult<MetricsAnswer>> => {
      const what = `metrics source ${opts.label}: read`;
      const answered = await withDeadline(what, timeoutMs, (options) => source.read(query, options));
      return answered.ok ? checkAnswer(what, answered.answer, query.metrics.map((m) => m.name)) : answered;
    },
  };
  guarded.add(wrapped);
  return wrapped;
}

function checkAnswer(what: string, answer: unknown, asked: readonly string[]): CallResult<MetricsAnswer> {
  if (!isRecord(answer) || typeof answer['ok'] !== 'boolean') return { ok: false, kind: 'invalid', error: `${what} answered ${show(answer)}, which is not a result` };
  if (answer['ok'] === false) return withRetryAfter(failureOf(what, answer), answer['retryAfterMs']);
  const value = answer['value'];
  if (!isRecord(value)) return { ok: false, kind: 'invalid', error: `${what} answered ${show(value)}, which is not an answer` };
  const window = value['window'];
  if (!isRecord(window) || !isTime(window['start']) || !isTime(window['end'])) return invalid(`${what} answered an invalid answer: window is ${show(window)}; expected ISO start and end times`);
  const requests = value['requests'];
  if (requests !== undefined) {
    if (!isRecord(requests) || !['control', 'canary'].every((arm) => isNumberIn(requests[arm], 0, Infinity))) {
      return invalid(`${what} answered an invalid answer: requests is ${show(requests)}; expected control and canary counts`);
    }
    const broken = checkSnapshot({ window: window as MetricsSnapshot['window'], arms: { control: {}, canary: {} }, requests: requests as NonNullable<MetricsSnapshot['requests']> });
    if (broken.length > 0) return invalid(`${what} answered requests that cannot be true: ${listed(broken)}`);
  }
  const units = value['units'];
  if (units !== undefined && (!isRecord(units) || !['control', 'canary'].every((arm) => isNumberIn(units[arm], 0, Infinity) && Number.isInteger(units[arm])))) {
    return invalid(`${what} answered an invalid answer: units is ${show(units)}; expected whole control and canary counts`);
  }
  const readings = value['readings'];
  if (!Array.isArray(readings)) return invalid(`${what} answered an invalid answer: readings is ${show(readings)}; expected a list of readings`);
  const base = { window: window as MetricsSnapshot['window'], ...(requests !== undefined ? { requests: requests as NonNullable<MetricsSnapshot['requests']> } : {}) };
  const counted = units !== undefined ? { units: units as NonNullable<MetricsSnapshot['units']> } : {};
  const byMetric = new Map<string, unknown>();
  for (const reading of readings) {
    if (isRecord(reading) && typeof reading['metric'] === 'string' && !byMetric.has(reading['metric'])) byMetric.set(reading['metric'], reading);
  }
  return {
    ok: true,
    value: {
      ...base,
      ...counted,
      readings: asked.map((metric) => {
        const reading = byMetric.get(metric);
        if (reading === undefined) return { metric, ok: false, kind: 'invalid', error: `${what} answered no reading for ${metric}` };
        return checkReading(what, metric, reading as Record<string, unknown>, base);
      }),
    },
  };
}

function checkReading(what: string, metric: string, reading: Record<string, unknown>, base: Pick<MetricsSnapshot, 'window' | 'requests'>): MetricReading {
  const query = typeof reading['query'] === 'string' ? { query: clip(reading['query']) } : {};
  const fail = (error: string): MetricReading => ({ metric, ok: false, kind: 'invalid', error, ...query });
  if (reading['ok'] === false) {
    const failure = withRetryAfter(failureOf(`${what} of ${metric}`, reading), reading['retryAfterMs']);
    return { metric, ...failure, ...query };
  }
  if (reading['ok'] !== true) return fail(`${what} answered ${show(reading)} for ${metric}, which is not a reading`);
  const arms = pairProblem(reading['arms'], 'arms');
  if (arms !== undefined) return fail(`${what} answered an invalid reading for ${metric}: ${arms}`);
  const segments = reading['segments'];
  if (segments !== undefined) {
    const problem = segmentsProblem(segments);
    if (problem !== undefined) return fail(`${what} answered an invalid reading for ${metric}: ${problem}`);
  }
  const ok = reading as Extract<MetricReading, { ok: true }>;
  const broken = checkSnapshot(snapshotOf(base, metric, ok));
  if (broken.length > 0) return fail(`${what} answered counts that cannot be true: ${listed(broken)}`);
  return { metric, ok: true, arms: ok.arms, ...(ok.segments ? { segments: ok.segments } : {}), ...query };
}

/** One reading as a snapshot of its own metric, so that checkSnapshot's rules (the requests bound too) apply to it alone. */
function snapshotOf(base: Pick<MetricsSnapshot, 'window' | 'requests'>, metric: string, reading: Extract<MetricReading, { ok: true }>): MetricsSnapshot {
  const byArm = (pair: ArmPair) => ({ control: pair.control ? { [metric]: pair.control } : {}, canary: pair.canary ? { [metric]: pair.canary } : {} });
  const segments = reading.segments
    ? Object.fromEntries(Object.entries(reading.segments).map(([attribute, values]) => [attribute, Object.fromEntries(Object.entries(values).map(([value, pair]) => [value, byArm(pair)]))]))
    : undefined;
  return { ...base, arms: byArm(reading.arms), ...(segments ? { segments } : {}) };
}

function segmentsProblem(segments: unknown): string | undefined {
  if (!isRecord(segments)) return `segments is ${show(segments)}; expected attribute → value → arms`;
  for (const [attribute, byValue] of Object.entries(segments)) {
    if (!isRecord(byValue)) return `segments.${attribute} is ${show(byValue)}; expected value → arms`;
    for (const [value, pair] of Object.entries(byValue)) {
      const problem = pairProblem(pair, `segments.${attribute}.${value}`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** Either arm may be absent (no data for it); one that is there must be metric data. */
function pairProblem(pair: unknown, where: string): string | undefined {
  if (!isRecord(pair)) return `${where} is ${show(pair)}; expected control and canary`;
  for (const arm of ['control', 'canary']) {
    if (pair[arm] === undefined) continue;
    const problem = armDataProblem(pair[arm]);
    if (problem !== undefined) return `${where}.${arm}: ${problem}`;
  }
  return undefined;
}

function armDataProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return `${show(data)} is not metric data`;
  // Only the shape is checked here; what the numbers may be is checkSnapshot's (one set of rules for every source).
  const count = (field: string): string | undefined => (typeof data[field] === 'number' ? undefined : `${field} is ${show(data[field])}; expected a count`);
  switch (data['kind'] as ArmData['kind'] | unknown) {
    case 'counts':
      return count('successes') ?? count('trials');
    case 'summary':
      return count('n') ?? (typeof data['mean'] === 'number' ? undefined : `mean is ${show(data['mean'])}; expected a number`) ?? count('sd');
    case 'samples': {
      const values = data['values'];
      if (!Array.isArray(values)) return `values is ${show(values)}; expected a list of numbers`;
      const index = values.findIndex((v) => typeof v !== 'number');
      return index === -1 ? undefined : `values[${index}] is ${show(values[index])}; expected a number`;
    }
    case 'histogram': {
      const buckets = data['buckets'];
      if (!Array.isArray(buckets)) return `buckets is ${show(buckets)}; expected a list of { le, count }`;
      const index = buckets.findIndex((b) => !isRecord(b) || typeof b['le'] !== 'number' || typeof b['count'] !== 'number');
      return index === -1 ? undefined : `buckets[${index}] is ${show(buckets[index])}; expected { le, count }`;
    }
    case 'ratio':
      return ['units', 'sumX', 'sumY', 'sumXX', 'sumYY', 'sumXY'].map(count).find((p) => p !== undefined);
    default:
      return `kind is ${show(data['kind'])}; expected counts, summary, samples, histogram or ratio`;
  }
}

function listed(broken: ReturnType<typeof checkSnapshot>): string {
  const first = broken.slice(0, MAX_LISTED).map((v) => `${v.path}: ${v.rule}`).join('; ');
  return broken.length > MAX_LISTED ? `${first} (and ${broken.length - MAX_LISTED} more)` : first;
}

function invalid(error: string): Failure {
  return { ok: false, kind: 'invalid', error };
}

/** A rate-limited source's own word on when to ask again is kept (a 503 may say it too). */
function withRetryAfter(failure: Failure, retryAfterMs: unknown): Failure & { readonly retryAfterMs?: number } {
  return isNumberIn(retryAfterMs, 0, Infinity) ? { ...failure, retryAfterMs } : failure;
}
