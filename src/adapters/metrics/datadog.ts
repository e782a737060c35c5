import type { Arm, ArmData } from '../../core/metrics/arm-data.js';
import type { MetricDefinition } from '../../core/model/index.js';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailureKind, CallOptions, CallResult } from '../../ports/call.js';
import type { ArmPair, MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../ports/metrics-source.js';
import { limit } from '../http/limit.js';
import { requestJson, type HttpDeps } from '../http/http-json.js';
import { parseQueryShape, scaleProblem, textProblem, type Parsed } from './query-shape.js';

/**
 * A `datadog` entry under `spec.metrics.sources` (schema: datadog.schema.json beside this file).
 * Reads Datadog metrics with the v2 scalar query API (`POST /api/v2/query/scalar`), which sums
 * each query over the whole window on Datadog's side; `api: v1` falls back to the v1 timeseries
 * query (`GET /api/v1/query`), whose points are summed here.
 */
export interface DatadogSourceConfig {
  readonly name: string;
  readonly type: 'datadog';
  readonly description?: string;
  /** The Datadog site the organisation lives on (default `datadoghq.com`): `datadoghq.eu`, `us3.datadoghq.com`, … */
  readonly site?: string;
  /** Environment variable holding the API key, sent as `DD-API-KEY`. */
  readonly apiKeyEnv: string;
  /** Environment variable holding the application key, sent as `DD-APPLICATION-KEY` (needs the `timeseries_query` permission). */
  readonly appKeyEnv: string;
  /** `v2` (default): `POST /api/v2/query/scalar`. `v1`: `GET /api/v1/query`, for keys or proxies that only allow it. */
  readonly api?: 'v2' | 'v1';
  /** Requests each arm served over the window, for the split check: `sum:llm.requests{variant:{{variant}}}.as_count()`. */
  readonly requests?: string;
  /**
   * Randomisation units (users) each arm held, for the split check on units: a query grouped by
   * the unit tag, `sum:llm.requests{variant:{{variant}}} by {usr.id}.as_count()`; each group with
   * requests is one unit.
   */
  readonly units?: string;
  /** The variant each arm is served under, filled into `{{variant}}` (default `champion` and `challenger`). */
  readonly variants?: { readonly control?: string; readonly canary?: string };
}

/**
 * What a metric on a Datadog source asks for (its `query`). Each string is a Datadog metrics
 * query (`sum:llm.errors{variant:{{variant}}}.as_count()`) that Datadog sums over the window;
 * templates `{{arm}}`, `{{variant}}`, `{{window}}` (the window's length in seconds, for
 * `.rollup(sum, {{window}})`) and `{{release}}`.
 */
export type DatadogMetricQuery =
  /**
   * A proportion: `events` out of `total`. Datadog stores no point for a count nobody
   * incremented, so an arm without a single error has no `events` series at all: with
   * `noEventsIsZero` that reads as 0 events when `total` has data; without it, as no data.
   */
  | { readonly kind: 'rate'; readonly events: string; readonly total: string; readonly noEventsIsZero?: boolean }
  /** A continuous metric from three counts: the sum of the values, their count and the sum of their squares (Datadog has no standard deviation of a distribution). */
  | { readonly kind: 'summary'; readonly sum: string; readonly count: string; readonly sumOfSquares: string }
  /**
   * A continuous metric from bucket counts grouped by their upper bound: the `.bucket` counts
   * the OpenTelemetry exporter writes in `histograms.mode: counters` (per bucket, tag
   * `upper_bound`), or the Agent's OpenMetrics check writes (cumulative: `cumulative: true`).
   * The query must group by the bound tag: `sum:llm.latency.bucket{variant:{{variant}}} by {upper_bound}.as_count()`.
   */
  | { readonly kind: 'histogram'; readonly buckets: string; readonly boundTag?: string; readonly cumulative?: boolean; readonly scale?: number }
  /**
   * A ratio of per-unit sums (decision 0012): `x` (errors, cost) and `y` (requests) grouped by
   * the unit tag (default `usr.id`), from which the number of units and Σx, Σy, Σx², Σy², Σxy
   * are computed. A unit with requests and no `x` group had no events (a count nobody
   * incremented); an arm with no `x` group at all follows `noEventsIsZero`, as a rate does.
   */
  | { readonly kind: 'ratio'; readonly x: string; readonly y: string; readonly unitTag?: string; readonly noEventsIsZero?: boolean };

type Template = 'arm' | 'variant' | 'window' | 'release';
const TEMPLATES: readonly Template[] = ['arm', 'variant', 'window', 'release'];
const DATADOG_TEXT = { text: 'a Datadog metrics query, e.g. sum:llm.requests{variant:{{variant}}}.as_count()', templates: TEMPLATES };
const DEFAULT_VARIANTS: Readonly<Record<Arm, string>> = { control: 'champion', canary: 'challenger' };
const ARMS: readonly Arm[] = ['control', 'canary'];
/** The sites Datadog's API description names; each serves the API at `https://api.<site>`. */
export const DATADOG_SITES: readonly string[] = ['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'uk1.datadoghq.com', 'datadoghq.eu', 'ddog-gov.com', 'us2.ddog-gov.com'];
/** Datadog's query endpoints are rate-limited per organisation: two at a time keeps a tick from spending the budget in a burst. */
const CONCURRENCY = 2;
/** Failures that say the source itself cannot answer, so asking it about other metrics only adds load. */
const SOURCE_WIDE: readonly CallFailureKind[] = ['unavailable', 'timeout', 'unauthorized', 'rate-limited'];
/**
 * Groups asked for in a grouped query (buckets, units): scalar queries return the top 10 groups
 * unless told otherwise. An answer that fills the limit may have been cut, so it is refused.
 */
export const GROUP_LIMIT = 10_000;
const KINDS: Readonly<Record<DatadogMetricQuery['kind'], { readonly fields: readonly string[]; readonly options: readonly string[] }>> = {
  rate: { fields: ['events', 'total'], options: ['noEventsIsZero'] },
  summary: { fields: ['sum', 'count', 'sumOfSquares'], options: [] },
  histogram: { fields: ['buckets'], options: ['boundTag', 'cumulative', 'scale'] },
  ratio: { fields: ['x', 'y'], options: ['unitTag', 'noEventsIsZero'] },
};
/** The field whose series is absent when nothing happened (no errors), per kind. */
const EVENT_FIELD: Readonly<Partial<Record<DatadogMetricQuery['kind'], string>>> = { rate: 'events', ratio: 'x' };

/** Checks a metric's `query` as the schema fragment does, plus its templates; exported so configuration can be checked on load. */
export function parseDatadogMetricQuery(value: unknown): Parsed<DatadogMetricQuery> {
  const shape = parseQueryShape(value, {
    kinds: KINDS,
    needs: 'a metric on a datadog source needs a query object: { kind: rate, events, total }, { kind: summary, sum, count, sumOfSquares }, { kind: histogram, buckets } or { kind: ratio, x, y }',
    ...DATADOG_TEXT,
  });
  if (!shape.ok) return shape;
  const q = shape.value;
  const kind = q.kind;
  for (const flag of ['noEventsIsZero', 'cumulative']) {
    if (q[flag] !== undefined && typeof q[flag] !== 'boolean') return { ok: false, field: [flag], error: `${flag} is ${JSON.stringify(q[flag])}; expected true or false` };
  }
  const scale = scaleProblem(q);
  if (scale) return scale;
  for (const [option, example] of [['boundTag', 'upper_bound'], ['unitTag', 'usr.id']] as const) {
    if (q[option] !== undefined && !(typeof q[option] === 'string' && /^[a-z][a-z0-9_.\-/]{0,199}$/.test(q[option]))) {
      return { ok: false, field: [option], error: `${option} is ${JSON.stringify(q[option])}; expected a tag key such as ${example}` };
    }
  }
  const grouped: readonly (readonly [string, string, string])[] =
    kind === 'histogram' ? [['buckets', typeof q['boundTag'] === 'string' ? q['boundTag'] : 'upper_bound', 'sum:llm.latency.bucket{variant:{{variant}}}']]
    : kind === 'ratio' ? ['x', 'y'].map((f) => [f, typeof q['unitTag'] === 'string' ? q['unitTag'] : 'usr.id', 'sum:llm.requests{variant:{{variant}}}'] as const)
    : [];
  for (const [field, tag, example] of grouped) {
    if (!groupsBy(q[field] as string, tag)) {
      return { ok: false, field: [field], error: `${field} must group by the tag ${tag}: append "by {${tag}}" before .as_count(), e.g. ${example} by {${tag}}.as_count()` };
    }
  }
  return { ok: true, value: q as unknown as DatadogMetricQuery };
}

/** Whether a query groups by `tag` (`… by {tag}` or `… by {a,tag}`). */
function groupsBy(query: string, tag: string): boolean {
  return new RegExp(`\\bby\\s*\\{([^}]*,)?\\s*${tag.replace(/[.\-/]/g, '\\$&')}\\s*(,[^}]*)?\\}`).test(query);
}

/** The number of milliseconds a 429's headers ask to wait: `Retry-After`, else Datadog's `X-RateLimit-Reset` (seconds until the period resets). */
export function datadogRetryAfterMs(headers: Headers): number | undefined {
  for (const name of ['retry-after', 'x-ratelimit-reset']) {
    const value = headers.get(name)?.trim();
    if (value !== undefined && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  }
  return undefined;
}

/**
 * Datadog says when to come back in `X-RateLimit-Reset`, not `Retry-After`, which the shared
 * client honours: a 429 without the latter gets it from the former (rounded up to whole
 * seconds), so the client waits the right time or gives up and reports it.
 */
function withDatadogRetryAfter(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status !== 429 || response.headers.has('retry-after')) return response;
    const ms = datadogRetryAfterMs(response.headers);
    if (ms === undefined) return response;
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(Math.ceil(ms / 1000)));
    return new Response(await response.text(), { status: response.status, statusText: response.statusText, headers });
  };
}

/** One query's answer: one number, or one number per group (a histogram's buckets), or nothing (no data). */
type Groups = readonly { readonly tags: readonly string[]; readonly value: number }[];

/**
 * The Datadog metrics source: per metric, one request holding every query of both arms over
 * the same window [start, end], so both arms are aligned. A query that answers nothing is no
 * data, never zero; an arm that answers for some of its queries and not others fails the metric.
 */
export function createDatadogSource(config: DatadogSourceConfig, deps: AdapterDeps & { readonly sleep?: HttpDeps['sleep'] }): Built<MetricsSource> {
  const site = config.site ?? 'datadoghq.com';
  if (!DATADOG_SITES.includes(site)) {
    return { ok: false, field: ['site'], error: `metrics source ${config.name}: site ${JSON.stringify(site)} is not a Datadog site; use one of ${DATADOG_SITES.join(', ')} (the part after "app." in your Datadog URL)` };
  }
  const keys: string[] = [];
  for (const field of ['apiKeyEnv', 'appKeyEnv'] as const) {
    const variable = config[field];
    const value = typeof variable === 'string' ? deps.env[variable] : undefined;
    if (value === undefined || value === '') {
      return { ok: false, field: [field], error: `metrics source ${config.name}: environment variable ${String(variable)} (${field}) is not set: add it to the workflow's env from a secret` };
    }
    keys.push(value);
  }
  for (const field of ['requests', 'units'] as const) {
    const text = config[field];
    if (text === undefined) continue;
    const problem =
      textProblem(text, field, DATADOG_TEXT) ??
      (/\{\{\s*(variant|arm)\s*\}\}/.test(text) ? undefined : `${field} counts both arms together: select each arm's with {{variant}} or {{arm}}, e.g. sum:llm.requests{variant:{{variant}}}.as_count()`) ??
      (field === 'units' && !/\bby\s*\{/.test(text) ? 'units must group by the unit tag, e.g. sum:llm.requests{variant:{{variant}}} by {usr.id}.as_count(): each group with requests is one unit' : undefined);
    if (problem) return { ok: false, field: [field], error: `metrics source ${config.name}: ${problem}` };
  }
  for (const arm of ARMS) {
    const variant = config.variants?.[arm];
    if (variant !== undefined && !/^[A-Za-z0-9._:/-]{1,100}$/.test(variant)) {
      return { ok: false, field: ['variants', arm], error: `metrics source ${config.name}: variants.${arm} ${JSON.stringify(variant)} may hold only letters, digits, '.', '_', ':', '/' and '-' (a Datadog tag value)` };
    }
  }

  const base = `https://api.${site}`;
  const label = `datadog source ${config.name}`;
  const [apiKey, appKey] = keys as [string, string];
  const headers = { 'DD-API-KEY': apiKey, 'DD-APPLICATION-KEY': appKey };
  const http: HttpDeps = { fetch: withDatadogRetryAfter(deps.fetch), ...(deps.sleep ? { sleep: deps.sleep } : {}) };
  const mask = (text: string) => keys.reduce((out, key) => out.split(key).join('***'), text);
  const api = config.api ?? 'v2';

  /** Runs named queries over the window; answers each query's groups, or why none came back. */
  async function run(queries: readonly { name: string; text: string; grouped: boolean }[], window: Window, signal: AbortSignal): Promise<CallResult<ReadonlyMap<string, Groups>>> {
    return api === 'v2' ? runScalar(queries, window, signal) : runV1(queries, window, signal);
  }

  async function runScalar(queries: readonly { name: string; text: string; grouped: boolean }[], window: Window, signal: AbortSignal): Promise<CallResult<ReadonlyMap<string, Groups>>> {
    const body = {
      data: {
        type: 'scalar_request',
        attributes: {
          from: window.fromMs,
          to: window.toMs,
          queries: queries.map((q) => ({ data_source: 'metrics', name: q.name, query: q.text, aggregator: 'sum' })),
          // One formula per query, in order: the answer's columns follow the formulas, so each is found by name or by place.
          formulas: queries.map((q) => ({ formula: q.name, ...(q.grouped ? { limit: { count: GROUP_LIMIT, order: 'desc' } } : {}) })),
        },
      },
    };
    const answer = await requestJson<unknown>(http, { method: 'POST', url: `${base}/api/v2/query/scalar`, headers, body }, { label, signal });
    if (!answer.ok) return { ...answer, error: mask(answer.error) };
    return scalarGroups(answer.value.body, queries.map((q) => q.name), label, mask);
  }

  async function runV1(queries: readonly { name: string; text: string; grouped: boolean }[], window: Window, signal: AbortSignal): Promise<CallResult<ReadonlyMap<string, Groups>>> {
    const out = new Map<string, Groups>();
    for (const q of queries) {
      const params = new URLSearchParams({ from: String(Math.floor(window.fromMs / 1000)), to: String(Math.floor(window.toMs / 1000)), query: q.text });
      const answer = await requestJson<unknown>(http, { url: `${base}/api/v1/query?${params.toString()}`, headers }, { label, signal });
      if (!answer.ok) return { ...answer, error: mask(answer.error) };
      const groups = v1Groups(answer.value.body, label, mask);
      if (!groups.ok) return groups;
      out.set(q.name, groups.value);
    }
    return { ok: true, value: out };
  }

  return {
    ok: true,
    value: {
      type: 'datadog',
      async read(query: MetricsQuery, options?: CallOptions): Promise<CallResult<MetricsAnswer>> {
        const fromMs = query.window.start.getTime();
        const toMs = query.window.end.getTime();
        if (!(toMs > fromMs)) return { ok: false, kind: 'invalid', error: `${label}: the window ends before it starts (${query.window.start.toISOString()} to ${query.window.end.toISOString()})` };
        const window: Window = { fromMs, toMs };
        const signal = options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
        const variants = { ...DEFAULT_VARIANTS, ...config.variants };
        const values = (arm: Arm): Readonly<Record<Template, string>> => ({ arm, variant: variants[arm], window: String(Math.round((toMs - fromMs) / 1000)), release: query.release });
        const fill = (text: string, arm: Arm) => text.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name: Template) => values(arm)[name]);

        const plans = query.metrics.map((metric) => planMetric(metric, fill));
        const requestsPlan = config.requests === undefined ? undefined : ARMS.map((arm) => ({ name: `${arm}_requests`, text: fill(config.requests!, arm), grouped: false }));
        const unitsPlan = config.units === undefined ? undefined : ARMS.map((arm) => ({ name: `${arm}_units`, text: fill(config.units!, arm), grouped: true }));
        const queue = limit(CONCURRENCY);
        const tasks: (() => Promise<unknown>)[] = [];
        const readings: MetricReading[] = new Array<MetricReading>(plans.length);
        let requests: Record<Arm, number> | undefined;
        let units: Record<Arm, number> | undefined;
        plans.forEach((plan, i) => {
          if (!plan.ok) readings[i] = plan.reading;
          else tasks.push(async () => (readings[i] = readMetric(plan, await run(plan.queries, window, signal))));
        });
        if (requestsPlan) {
          tasks.push(async () => {
            const got = await run(requestsPlan, window, signal);
            const counts = got.ok ? ARMS.map((arm) => single(got.value.get(`${arm}_requests`))) : [];
            if (got.ok && counts.every((c) => c !== undefined)) requests = { control: Math.round(counts[0]!), canary: Math.round(counts[1]!) };
            else deps.logger.warn(`${label}: requests per arm are unknown, so the split check is skipped: ${got.ok ? 'no data for an arm' : got.error}`);
          });
        }
        if (unitsPlan) {
          tasks.push(async () => {
            const got = await run(unitsPlan, window, signal);
            const counts = got.ok ? ARMS.map((arm) => got.value.get(`${arm}_units`) ?? []) : [];
            // A unit is a group with requests; an answer that fills the group limit may have been cut.
            if (got.ok && counts.every((groups) => groups.length > 0 && groups.length < GROUP_LIMIT)) {
              const [control, canary] = counts.map((groups) => groups.filter((g) => g.value > 0).length);
              units = { control: control!, canary: canary! };
            } else deps.logger.warn(`${label}: units per arm are unknown, so the split check counts requests: ${got.ok ? `no data for an arm, or ${GROUP_LIMIT} groups or more (an answer that may be cut)` : got.error}`);
          });
        }
        // One call first: when Datadog is down, throttling or refusing the keys, that is the answer for every metric, without a burst of doomed requests.
        const [first, ...rest] = tasks;
        if (first) {
          await first();
          const failed = readings.find((r) => r !== undefined && !r.ok && SOURCE_WIDE.includes(r.kind));
          if (failed && !failed.ok) return { ok: false, kind: failed.kind, error: failed.error.replace(/^metric [^:]+: /, ''), ...(failed.retryAfterMs !== undefined ? { retryAfterMs: failed.retryAfterMs } : {}) };
        }
        await Promise.all(rest.map((task) => queue(task)));
        return {
          ok: true,
          value: { window: { start: query.window.start.toISOString(), end: query.window.end.toISOString() }, ...(requests ? { requests } : {}), ...(units ? { units } : {}), readings },
        };
      },
    },
  };
}

interface Window {
  readonly fromMs: number;
  readonly toMs: number;
}

interface MetricPlan {
  readonly ok: true;
  readonly metric: MetricDefinition;
  readonly spec: DatadogMetricQuery;
  readonly queries: readonly { readonly name: string; readonly arm: Arm; readonly field: string; readonly text: string; readonly grouped: boolean }[];
}

function planMetric(metric: MetricDefinition, fill: (text: string, arm: Arm) => string): MetricPlan | { readonly ok: false; readonly reading: MetricReading } {
  const fail = (error: string): { ok: false; reading: MetricReading } => ({ ok: false, reading: { metric: metric.name, ok: false, kind: 'invalid', error: `metric ${metric.name}: ${error}` } });
  const parsed = parseDatadogMetricQuery((metric as { readonly query?: unknown }).query);
  if (!parsed.ok) return fail(`query${parsed.field.map((f) => `.${f}`).join('')}: ${parsed.error}`);
  const spec = parsed.value;
  // A ratio of per-unit sums stands for either type: errors per request is a proportion, cost per request a continuous mean.
  const expected = metric.type === 'proportion' ? ['rate', 'ratio'] : ['summary', 'histogram', 'ratio'];
  if (!expected.includes(spec.kind)) return fail(`a ${metric.type} metric is read with a ${expected.join(' or ')} query, not ${spec.kind}`);
  const texts = spec as unknown as Readonly<Record<string, string>>;
  const queries = ARMS.flatMap((arm) => KINDS[spec.kind].fields.map((field) => ({ name: `${arm}_${field}`, arm, field, text: fill(texts[field]!, arm), grouped: spec.kind === 'histogram' || spec.kind === 'ratio' })));
  const shared = KINDS[spec.kind].fields.find((field) => new Set(queries.filter((q) => q.field === field).map((q) => q.text)).size === 1);
  if (shared) return fail(`query.${shared} reads the same series for both arms: select each arm's with {{variant}} or {{arm}}, e.g. {variant:{{variant}}}`);
  return { ok: true, metric, spec, queries };
}

function readMetric(plan: MetricPlan, got: CallResult<ReadonlyMap<string, Groups>>): MetricReading {
  const name = plan.metric.name;
  const query = plan.queries.map((q) => `${q.arm} ${q.field}: ${q.text}`).join('\n');
  if (!got.ok) return { metric: name, ok: false, kind: got.kind, error: `metric ${name}: ${got.error}`, query, ...(got.retryAfterMs !== undefined ? { retryAfterMs: got.retryAfterMs } : {}) };
  const arms: { control?: ArmData; canary?: ArmData } = {};
  for (const arm of ARMS) {
    const mine = plan.queries.filter((q) => q.arm === arm).map((q) => ({ ...q, groups: got.value.get(q.name) ?? [] }));
    const empty = mine.filter((q) => q.groups.length === 0);
    const zeroEvents = (plan.spec.kind === 'rate' || plan.spec.kind === 'ratio') && plan.spec.noEventsIsZero === true && empty.length === 1 && empty[0]!.field === EVENT_FIELD[plan.spec.kind];
    // An arm with no data at all is left out (the judge reads it as no data for that arm); one with some of its series and not others is a partial answer.
    if (empty.length === mine.length) continue;
    if (empty.length > 0 && !zeroEvents) {
      return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm}: no data for ${empty.map((q) => `${q.field} (${q.text})`).join(', ')} while the rest of the arm has data: a partial answer is no data, never zero (for a count that is never incremented, set noEventsIsZero)`, query };
    }
    const data = armData(plan.spec, new Map(mine.map((q) => [q.field, q.groups])));
    if (!data.ok) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm}: ${data.error}`, query };
    arms[arm] = data.value;
  }
  if (!arms.control && !arms.canary) {
    return { metric: name, ok: false, kind: 'not-found', error: `metric ${name}: no data: Datadog answered no series for either arm over the window (a misspelt metric or tag, a variant tag that does not match, or nothing recorded yet)`, query };
  }
  return { metric: name, ok: true, arms: arms as ArmPair, query };
}

type ArmResult = { readonly ok: true; readonly value: ArmData } | { readonly ok: false; readonly error: string };

function armData(spec: DatadogMetricQuery, fields: ReadonlyMap<string, Groups>): ArmResult {
  const cut = [...fields.entries()].find(([, groups]) => groups.length >= GROUP_LIMIT);
  if (cut) return { ok: false, error: `${cut[0]} answered ${cut[1].length} groups, Datadog's limit for one answer, so some may be missing: narrow the query's scope, or export per-unit sums with the file source` };
  const number = (field: string): { ok: true; value: number } | { ok: false; error: string } => {
    const groups = fields.get(field) ?? [];
    if (groups.length > 1) return { ok: false, error: `${field} answered ${groups.length} groups (${groups.slice(0, 2).map((g) => g.tags.join(',')).join('; ')}…); expected one: drop the "by {…}" or sum them` };
    const value = single(groups);
    if (value === undefined || value < 0) return { ok: false, error: `${field} answered ${value ?? 'nothing'}; expected a count` };
    return { ok: true, value };
  };
  switch (spec.kind) {
    case 'rate': {
      const events = (fields.get('events') ?? []).length === 0 ? ({ ok: true, value: 0 } as const) : number('events');
      if (!events.ok) return events;
      const total = number('total');
      if (!total.ok) return total;
      return { ok: true, value: { kind: 'counts', successes: Math.round(events.value), trials: Math.round(total.value) } };
    }
    case 'summary': {
      const sum = number('sum');
      if (!sum.ok) return sum;
      const count = number('count');
      if (!count.ok) return count;
      const squares = number('sumOfSquares');
      if (!squares.ok) return squares;
      const n = Math.round(count.value);
      if (n === 0) return { ok: false, error: 'no observations in the window (count is 0)' };
      const mean = sum.value / n;
      // Clamped at 0: the difference of two large, nearly equal sums can dip below it by rounding.
      const variance = n < 2 ? 0 : Math.max(0, (squares.value - n * mean * mean) / (n - 1));
      return { ok: true, value: { kind: 'summary', n, mean, sd: Math.sqrt(variance) } };
    }
    case 'histogram': {
      const tag = spec.boundTag ?? 'upper_bound';
      const scale = spec.scale ?? 1;
      const raw: { le: number; count: number }[] = [];
      for (const group of fields.get('buckets') ?? []) {
        const bound = group.tags.map((t) => (t.startsWith(`${tag}:`) ? t.slice(tag.length + 1) : undefined)).find((v) => v !== undefined);
        const le = bound === undefined ? Number.NaN : /^\+?inf(inity)?$/i.test(bound) ? Infinity : Number(bound);
        if (Number.isNaN(le)) return { ok: false, error: `a bucket without a numeric ${tag} tag came back (${group.tags.join(',') || 'no tags'}): group the query by {${tag}}` };
        if (!Number.isFinite(group.value) || group.value < 0) return { ok: false, error: `bucket ${tag}:${bound} is ${group.value}; expected a count` };
        raw.push({ le: le * scale, count: Math.round(group.value) });
      }
      raw.sort((a, b) => a.le - b.le);
      const dup = raw.find((b, i) => i > 0 && raw[i - 1]!.le === b.le);
      if (dup) return { ok: false, error: `${tag}:${dup.le / scale} came back more than once: group by {${tag}} alone` };
      let running = 0;
      const buckets = spec.cumulative ? raw : raw.map((b) => ({ le: b.le, count: (running += b.count) }));
      return { ok: true, value: { kind: 'histogram', buckets } };
    }
    case 'ratio': {
      const tag = spec.unitTag ?? 'usr.id';
      const perUnit = (field: 'x' | 'y'): Map<string, number> | string => {
        const out = new Map<string, number>();
        for (const group of fields.get(field) ?? []) {
          const unit = group.tags.find((t) => t.startsWith(`${tag}:`))?.slice(tag.length + 1);
          if (unit === undefined) return `a group without the ${tag} tag came back (${group.tags.join(',') || 'no tags'}): group ${field} by {${tag}}`;
          if (!Number.isFinite(group.value) || group.value < 0) return `${field} for ${tag}:${unit} is ${group.value}; expected a count`;
          out.set(unit, group.value);
        }
        return out;
      };
      const xs = perUnit('x');
      if (typeof xs === 'string') return { ok: false, error: xs };
      const ys = perUnit('y');
      if (typeof ys === 'string') return { ok: false, error: ys };
      const orphan = [...xs.keys()].find((unit) => !ys.has(unit));
      if (orphan !== undefined) return { ok: false, error: `${tag}:${orphan} has x (${xs.get(orphan)}) but no y: every unit with events must have requests; check that x and y select the same series` };
      const sums = { units: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
      for (const [unit, y] of ys) {
        // A unit with requests and no x group had no events: Datadog stores no point for a count nobody incremented.
        const x = xs.get(unit) ?? 0;
        sums.units += 1;
        sums.sumX += x;
        sums.sumY += y;
        sums.sumXX += x * x;
        sums.sumYY += y * y;
        sums.sumXY += x * y;
      }
      return { ok: true, value: { kind: 'ratio', ...sums } };
    }
  }
}

/** The one value of an ungrouped query, or undefined when it answered nothing. */
function single(groups: Groups | undefined): number | undefined {
  return groups && groups.length === 1 ? groups[0]!.value : undefined;
}

/**
 * The groups of each named query in a v2 scalar answer. A `null` value is a group without data
 * and is dropped; an `errors` text beside the data means some queries failed, so the whole
 * answer is refused rather than read in part.
 */
function scalarGroups(body: unknown, names: readonly string[], label: string, mask: (s: string) => string): CallResult<ReadonlyMap<string, Groups>> {
  const b = body as { data?: { attributes?: { columns?: unknown } }; errors?: unknown } | undefined;
  if (typeof b?.errors === 'string' && b.errors !== '') return { ok: false, kind: 'invalid', error: mask(`${label}: Datadog answered part of the query with an error: ${b.errors.slice(0, 300)}`) };
  const columns = b?.data?.attributes?.columns;
  if (b?.data === undefined) return { ok: true, value: new Map() };
  if (columns !== undefined && !Array.isArray(columns)) return { ok: false, kind: 'invalid', error: `${label}: the answer is not a scalar query result (columns is not a list)` };
  const list = (columns ?? []) as { type?: unknown; name?: unknown; values?: unknown }[];
  const groupColumns = list.filter((c) => c?.type === 'group');
  const numberColumns = list.filter((c) => c?.type === 'number');
  const rowCount = Math.max(0, ...numberColumns.map((c) => (Array.isArray(c.values) ? c.values.length : 0)));
  const tagsOf = (row: number): string[] =>
    groupColumns.flatMap((g) => {
      const cell = Array.isArray(g.values) ? (g.values as unknown[])[row] : undefined;
      const values = Array.isArray(cell) ? cell.filter((v): v is string => typeof v === 'string') : [];
      // The group column's values are the tag values; tags are put back as key:value to read them like v1's tag sets.
      return values.map((v) => (v.includes(':') ? v : `${String(g.name)}:${v}`));
    });
  const out = new Map<string, Groups>();
  for (const [index, name] of names.entries()) {
    const column = numberColumns.find((c) => c.name === name) ?? numberColumns[index];
    if (column === undefined) continue;
    if (!Array.isArray(column.values)) return { ok: false, kind: 'invalid', error: `${label}: column ${String(column.name)} has no values list` };
    const groups: { tags: string[]; value: number }[] = [];
    for (let row = 0; row < Math.min(rowCount, column.values.length); row++) {
      const value = (column.values as unknown[])[row];
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, kind: 'invalid', error: `${label}: column ${String(column.name)} holds ${JSON.stringify(value)}; expected numbers` };
      groups.push({ tags: tagsOf(row), value });
    }
    out.set(name, groups);
  }
  return { ok: true, value: out };
}

/** The groups of a v1 query answer: one per series, its non-null points summed; a series of nothing but nulls is no data. */
function v1Groups(body: unknown, label: string, mask: (s: string) => string): CallResult<Groups> {
  const b = body as { status?: unknown; error?: unknown; series?: unknown } | undefined;
  if (b?.status === 'error' || (typeof b?.error === 'string' && b.error !== '')) return { ok: false, kind: 'invalid', error: mask(`${label}: Datadog answered an error: ${String(b?.error).slice(0, 300)}`) };
  if (b?.series === undefined) return { ok: true, value: [] };
  if (!Array.isArray(b.series)) return { ok: false, kind: 'invalid', error: `${label}: the answer is not a v1 query result (series is not a list)` };
  const groups: { tags: string[]; value: number }[] = [];
  for (const s of b.series as { pointlist?: unknown; tag_set?: unknown; scope?: unknown }[]) {
    const points = Array.isArray(s?.pointlist) ? (s.pointlist as unknown[]) : [];
    let sum = 0;
    let seen = 0;
    for (const point of points) {
      const value = Array.isArray(point) ? (point as unknown[])[1] : undefined;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, kind: 'invalid', error: `${label}: a point holds ${JSON.stringify(value)}; expected a number` };
      sum += value;
      seen++;
    }
    if (seen === 0) continue;
    const tags = Array.isArray(s.tag_set) && s.tag_set.length > 0 ? (s.tag_set as unknown[]).map(String) : typeof s.scope === 'string' ? s.scope.split(',') : [];
    groups.push({ tags, value: sum });
  }
  return { ok: true, value: groups };
}

