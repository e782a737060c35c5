import type { Arm, ArmData } from '../../core/metrics/arm-data.js';
import type { MetricDefinition } from '../../core/model/index.js';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailureKind, CallOptions, CallResult } from '../../ports/call.js';
import type { MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../ports/metrics-source.js';
import { limit } from '../http/limit.js';
import { requestJson } from '../http/http-json.js';
import { parseQueryShape, scaleProblem, textProblem, type Parsed } from './query-shape.js';

/**
 * A `prometheus` entry under `spec.metrics.sources` (schema: prometheus.schema.json beside this
 * file). Works with anything that serves the Prometheus HTTP API's instant queries: Prometheus,
 * Thanos, Mimir, VictoriaMetrics, Grafana Cloud.
 */
export interface PrometheusSourceConfig {
  readonly name: string;
  readonly type: 'prometheus';
  readonly description?: string;
  /** Base URL of the HTTP API, without `/api/v1`: `http://prometheus:9090`, `https://mimir.example.com/prometheus`. */
  readonly url: string;
  /** Environment variable holding a bearer token, sent as `Authorization: Bearer …`. */
  readonly bearerTokenEnv?: string;
  /** Requests each arm served over the window (a counter selector or an expression, as in queries): the split check's input. */
  readonly requests?: string;
  /** The variant each arm is served under, filled into `{{variant}}`. */
  readonly variants?: { readonly control?: string; readonly canary?: string };
}

/**
 * What a metric defined on a Prometheus source asks for (its `query`). Each string is either a
 * selector, which the source wraps in `increase(…[window])` and sums, or, when it mentions
 * `{{window}}`, a whole PromQL expression used as written. Templates: `{{arm}}`, `{{variant}}`,
 * `{{window}}`, `{{release}}`.
 */
export type PrometheusMetricQuery =
  /** A proportion: `events` out of `total` (errors out of requests, refusals out of answers). */
  | { readonly kind: 'rate'; readonly events: string; readonly total: string }
  /** A continuous metric from histogram buckets: `buckets` is the `_bucket` series; `scale` multiplies each `le` (1000 turns seconds into ms). */
  | { readonly kind: 'histogram'; readonly buckets: string; readonly scale?: number }
  /** A continuous metric from three counters: the sum of values, their count and the sum of their squares (for the standard deviation). */
  | { readonly kind: 'summary'; readonly sum: string; readonly count: string; readonly sumOfSquares: string };

const TEMPLATES = ['arm', 'variant', 'window', 'release'] as const;
const PROMQL_TEXT = { text: 'a PromQL selector or expression', templates: TEMPLATES };
const DEFAULT_VARIANTS: Readonly<Record<Arm, string>> = { control: 'champion', canary: 'challenger' };
const ARMS: readonly Arm[] = ['control', 'canary'];
/** Enough to keep a handful of metrics quick without queueing a burst on a shared Prometheus. */
const CONCURRENCY = 4;
/** Failures that say the source itself cannot answer, so asking it about other metrics only adds load. */
const SOURCE_WIDE: readonly CallFailureKind[] = ['unavailable', 'timeout', 'unauthorized', 'rate-limited', 'not-found'];

/**
 * Checks a metric's `query` against the Prometheus source's query kinds, as the schema fragment
 * does, plus the templates it may use. Exported so the configuration can be checked when it is
 * loaded, before any rollout reads it.
 */
export function parsePrometheusMetricQuery(value: unknown): Parsed<PrometheusMetricQuery> {
  const shape = parseQueryShape(value, {
    kinds: { rate: { fields: ['events', 'total'], options: [] }, histogram: { fields: ['buckets'], options: ['scale'] }, summary: { fields: ['sum', 'count', 'sumOfSquares'], options: [] } },
    needs: 'a metric on a prometheus source needs a query object: { kind: rate, events, total }, { kind: histogram, buckets } or { kind: summary, sum, count, sumOfSquares }',
    ...PROMQL_TEXT,
  });
  if (!shape.ok) return shape;
  return scaleProblem(shape.value) ?? { ok: true, value: shape.value as unknown as PrometheusMetricQuery };
}

/** The PromQL duration of a window: whole seconds where it has them, else milliseconds. */
export function promDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}

/** Fills the templates of one arm into a selector or expression, wrapping a selector as `wrap` says. */
function resolve(text: string, values: Readonly<Record<(typeof TEMPLATES)[number], string>>, wrap: (selector: string) => string): string {
  const usedAsWritten = /\{\{\s*window\s*\}\}/.test(text);
  const filled = text.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name: (typeof TEMPLATES)[number]) => values[name]);
  return usedAsWritten ? filled : wrap(filled);
}

const sumIncrease = (w: string) => (selector: string) => `sum(increase(${selector}[${w}]))`;
const bucketIncrease = (w: string) => (selector: string) => `sum by (le) (increase(${selector}[${w}]))`;

interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * The Prometheus metrics source: one instant query per arm and counter at the window's end, over
 * `[window length]`, so both arms cover the same aligned window. Each metric is answered on its
 * own: a query Prometheus rejects, or one that matches no series, fails that metric only.
 */
export function createPrometheusSource(config: PrometheusSourceConfig, deps: AdapterDeps): Built<MetricsSource> {
  let base: URL;
  try {
    base = new URL(config.url);
  } catch {
    return { ok: false, field: ['url'], error: `metrics source ${config.name}: url ${JSON.stringify(config.url)} is not a URL: give the Prometheus base URL, e.g. http://prometheus:9090` };
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    return { ok: false, field: ['url'], error: `metrics source ${config.name}: url must be http or https, not ${base.protocol}` };
  }
  if (base.username !== '' || base.password !== '') {
    return { ok: false, field: ['url'], error: `metrics source ${config.name}: url carries credentials; put a token in an environment variable and name it in bearerTokenEnv` };
  }
  let token: string | undefined;
  if (config.bearerTokenEnv !== undefined) {
    token = deps.env[config.bearerTokenEnv];
    if (token === undefined || token === '') {
      return { ok: false, field: ['bearerTokenEnv'], error: `metrics source ${config.name}: environment variable ${config.bearerTokenEnv} (bearerTokenEnv) is not set: add it to the workflow's env from a secret` };
    }
  }
  if (config.requests !== undefined) {
    const problem = textProblem(config.requests, 'requests', PROMQL_TEXT) ?? (/\{\{\s*(variant|arm)\s*\}\}/.test(config.requests) ? undefined : 'requests counts both arms together: select each arm\'s with {{variant}} or {{arm}}, e.g. {variant="{{variant}}"}');
    if (problem) return { ok: false, field: ['requests'], error: `metrics source ${config.name}: ${problem}` };
  }
  for (const arm of ARMS) {
    const variant = config.variants?.[arm];
    if (variant !== undefined && !/^[A-Za-z0-9._:-]{1,100}$/.test(variant)) {
      return { ok: false, field: ['variants', arm], error: `metrics source ${config.name}: variants.${arm} ${JSON.stringify(variant)} may hold only letters, digits, '.', '_', ':' and '-'` };
    }
  }

  const endpoint = `${base.href.replace(/\/+$/, '')}/api/v1/query`;
  const label = `prometheus source ${config.name}`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // Nothing Prometheus or a proxy in front of it answers may carry the token into a reading or the audit log.
  const mask = (text: string) => (token ? text.split(token).join('***') : text);

  async function instant(expr: string, time: number, signal: AbortSignal | undefined): Promise<CallResult<Series[]>> {
    const url = `${endpoint}?${new URLSearchParams({ query: expr, time: String(time) }).toString()}`;
    const answer = await requestJson<unknown>({ fetch: deps.fetch }, { url, headers }, { label, ...(signal ? { signal } : {}) });
    if (!answer.ok) return { ...answer, error: mask(answer.error) };
    return seriesOf(answer.value.body, label, mask);
  }

  return {
    ok: true,
    value: {
      type: 'prometheus',
      async read(query: MetricsQuery, options?: CallOptions): Promise<CallResult<MetricsAnswer>> {
        const spanMs = query.window.end.getTime() - query.window.start.getTime();
        if (!(spanMs > 0)) return { ok: false, kind: 'invalid', error: `${label}: the window ends before it starts (${query.window.start.toISOString()} to ${query.window.end.toISOString()})` };
        const window = promDuration(spanMs);
        const time = query.window.end.getTime() / 1000;
        const signal = options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
        const variants = { ...DEFAULT_VARIANTS, ...config.variants };
        const valuesFor = (arm: Arm) => ({ arm, variant: variants[arm], window, release: query.release });

        // Each distinct expression is asked once, however many metrics share it (a common `total`).
        const asked = new Map<string, Promise<CallResult<Series[]>>>();
        const queue = limit(CONCURRENCY);
        const ask = (expr: string) => {
          let pending = asked.get(expr);
          if (!pending) {
            pending = queue(() => instant(expr, time, signal));
            asked.set(expr, pending);
          }
          return pending;
        };

        const plans = query.metrics.map((metric) => planMetric(metric, valuesFor, window));
        const requestExprs = config.requests === undefined ? undefined : ARMS.map((arm) => resolve(config.requests!, valuesFor(arm), sumIncrease(window)));
        // One call first: when the server is down or refuses the credential, that is the answer for
        // every metric, without a burst of doomed requests and their retries.
        const first = requestExprs?.[0] ?? plans.find((p) => p.ok)?.exprs[0]?.expr;
        if (first !== undefined) {
          const probe = await ask(first);
          if (!probe.ok && SOURCE_WIDE.includes(probe.kind)) return probe;
        }

        const readings = await Promise.all(plans.map((plan) => (plan.ok ? readMetric(plan, ask) : plan.reading)));
        const answer: { window: MetricsAnswer['window']; requests?: Record<Arm, number>; readings: MetricReading[] } = {
          window: { start: query.window.start.toISOString(), end: query.window.end.toISOString() },
          readings,
        };
        if (requestExprs) {
          const counts = await Promise.all(requestExprs.map(async (expr) => single(await ask(expr), expr)));
          const [control, canary] = counts;
          if (control?.ok && canary?.ok) answer.requests = { control: wholeCount(control.value), canary: wholeCount(canary.value) };
          else deps.logger.warn(`${label}: requests per arm are unknown, so the split check is skipped: ${[control, canary].map((c) => (c && !c.ok ? c.error : '')).filter(Boolean).join('; ')}`);
        }
        return { ok: true, value: answer };
      },
    },
  };
}

type Values = Readonly<Record<(typeof TEMPLATES)[number], string>>;
type Ask = (expr: string) => Promise<CallResult<Series[]>>;

interface MetricPlan {
  readonly ok: true;
  readonly metric: MetricDefinition;
  readonly spec: PrometheusMetricQuery;
  /** Every expression this metric runs, per arm and field, templates filled. */
  readonly exprs: readonly { readonly arm: Arm; readonly field: string; readonly expr: string }[];
}

function planMetric(metric: MetricDefinition, valuesFor: (arm: Arm) => Values, window: string): MetricPlan | { readonly ok: false; readonly reading: MetricReading } {
  const parsed = parsePrometheusMetricQuery((metric as { readonly query?: unknown }).query);
  const fail = (error: string): { ok: false; reading: MetricReading } => ({ ok: false, reading: { metric: metric.name, ok: false, kind: 'invalid', error: `metric ${metric.name}: ${error}` } });
  if (!parsed.ok) return fail(`query${parsed.field.map((f) => `.${f}`).join('')}: ${parsed.error}`);
  const spec = parsed.value;
  const expected = metric.type === 'proportion' ? ['rate'] : ['histogram', 'summary'];
  if (!expected.includes(spec.kind)) return fail(`a ${metric.type} metric is read with a ${expected.join(' or ')} query, not ${spec.kind}`);
  const fields: readonly [string, string, (w: string) => (s: string) => string][] =
    spec.kind === 'rate' ? [['events', spec.events, sumIncrease], ['total', spec.total, sumIncrease]]
    : spec.kind === 'histogram' ? [['buckets', spec.buckets, bucketIncrease]]
    : [['sum', spec.sum, sumIncrease], ['count', spec.count, sumIncrease], ['sumOfSquares', spec.sumOfSquares, sumIncrease]];
  const exprs = ARMS.flatMap((arm) => fields.map(([field, text, wrap]) => ({ arm, field, expr: resolve(text, valuesFor(arm), wrap(window)) })));
  const shared = fields.find(([field]) => exprs.filter((e) => e.field === field).every((e, _, all) => e.expr === all[0]!.expr));
  if (shared) return fail(`query.${shared[0]} reads the same series for both arms: select each arm's with {{variant}} or {{arm}}, e.g. {variant="{{variant}}"}`);
  return { ok: true, metric, spec, exprs };
}

async function readMetric(plan: MetricPlan, ask: Ask): Promise<MetricReading> {
  const name = plan.metric.name;
  const query = plan.exprs.map((e) => `${e.arm} ${e.field}: ${e.expr}`).join('\n');
  const results = await Promise.all(plan.exprs.map(async (e) => ({ ...e, result: await ask(e.expr) })));
  const arms: Partial<Record<Arm, ArmData>> = {};
  for (const arm of ARMS) {
    const mine = results.filter((r) => r.arm === arm);
    const failure = mine.find((r) => !r.result.ok);
    if (failure && !failure.result.ok) {
      const { kind, error, retryAfterMs } = failure.result;
      return { metric: name, ok: false, kind, error: `metric ${name}, ${arm} ${failure.field}: ${error}`, query, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    const byField = new Map(mine.map((r) => [r.field, { expr: r.expr, series: (r.result as { value: Series[] }).value }]));
    const data = armData(plan.spec, byField);
    if (!data.ok) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm} ${data.field}: ${data.error}`, query };
    arms[arm] = data.value;
  }
  return { metric: name, ok: true, arms: { control: arms.control!, canary: arms.canary! }, query };
}

type FieldData = ReadonlyMap<string, { readonly expr: string; readonly series: Series[] }>;
type ArmResult = { readonly ok: true; readonly value: ArmData } | { readonly ok: false; readonly field: string; readonly error: string };

function armData(spec: PrometheusMetricQuery, fields: FieldData): ArmResult {
  const number = (field: string): { ok: true; value: number } | { ok: false; field: string; error: string } => {
    const got = fields.get(field)!;
    const one = single({ ok: true, value: got.series }, got.expr);
    return one.ok ? one : { ok: false, field, error: one.error };
  };
  switch (spec.kind) {
    case 'rate': {
      const events = number('events');
      if (!events.ok) return events;
      const total = number('total');
      if (!total.ok) return total;
      // increase() extrapolates to the window's edges, so counts come back fractional; the judge counts whole requests.
      return { ok: true, value: { kind: 'counts', successes: wholeCount(events.value), trials: wholeCount(total.value) } };
    }
    case 'summary': {
      const sum = number('sum');
      if (!sum.ok) return sum;
      const count = number('count');
      if (!count.ok) return count;
      const squares = number('sumOfSquares');
      if (!squares.ok) return squares;
      const n = wholeCount(count.value);
      if (n === 0) return { ok: false, field: 'count', error: 'no observations in the window (count is 0)' };
      const mean = sum.value / n;
      // Clamped at 0: the subtraction of two large, nearly equal sums can dip below it by rounding.
      const variance = n < 2 ? 0 : Math.max(0, (squares.value - n * mean * mean) / (n - 1));
      return { ok: true, value: { kind: 'summary', n, mean, sd: Math.sqrt(variance) } };
    }
    case 'histogram': {
      const got = fields.get('buckets')!;
      if (got.series.length === 0) return { ok: false, field: 'buckets', error: noSeries(got.expr) };
      const scale = spec.scale ?? 1;
      const buckets: { le: number; count: number }[] = [];
      for (const s of got.series) {
        const raw = s.labels['le'];
        const le = raw === '+Inf' ? Infinity : Number(raw);
        if (raw === undefined || Number.isNaN(le)) return { ok: false, field: 'buckets', error: `a series without a numeric le label came back (${labelsText(s.labels)}): the expression must keep le, e.g. sum by (le) (…)` };
        if (!Number.isFinite(s.value) || s.value < 0) return { ok: false, field: 'buckets', error: `bucket le=${raw} is ${s.value}; expected a count` };
        buckets.push({ le: le * scale, count: Math.round(s.value) });
      }
      buckets.sort((a, b) => a.le - b.le);
      const dup = buckets.find((b, i) => i > 0 && buckets[i - 1]!.le === b.le);
      if (dup) return { ok: false, field: 'buckets', error: `le=${dup.le / scale} came back more than once: aggregate by le, e.g. sum by (le) (…)` };
      return { ok: true, value: { kind: 'histogram', buckets } };
    }
  }
}

function wholeCount(n: number): number {
  return Math.round(n);
}

/** The one number an expression must answer: no series is no data, more than one is an expression that forgot to aggregate. */
function single(result: CallResult<Series[]>, expr: string): CallResult<number> {
  if (!result.ok) return result;
  const series = result.value;
  if (series.length === 0) return { ok: false, kind: 'invalid', error: noSeries(expr) };
  if (series.length > 1) return { ok: false, kind: 'invalid', error: `${expr} answered ${series.length} series (${series.slice(0, 2).map((s) => labelsText(s.labels)).join(', ')}…); expected one: aggregate it, e.g. sum(…)` };
  const value = series[0]!.value;
  if (!Number.isFinite(value) || value < 0) return { ok: false, kind: 'invalid', error: `${expr} answered ${value}; expected a count` };
  return { ok: true, value };
}

function noSeries(expr: string): string {
  return `no data: ${expr} matched no series in the window (a misspelt metric or label, or nothing recorded yet; a counter that is never incremented should be initialised at 0)`;
}

function labelsText(labels: Readonly<Record<string, string>>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** The series of an instant-query answer, for a vector or a scalar result. */
function seriesOf(body: unknown, label: string, mask: (s: string) => string): CallResult<Series[]> {
  const b = body as { status?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown } } | undefined;
  if (b?.status === 'error') return { ok: false, kind: 'invalid', error: mask(`${label}: ${String(b.error)}`) };
  if (b?.status !== 'success' || typeof b.data !== 'object' || b.data === null) return { ok: false, kind: 'invalid', error: `${label}: the answer is not a Prometheus query result` };
  const { resultType, result } = b.data;
  const parse = (pair: unknown): number | undefined => (Array.isArray(pair) && typeof pair[1] === 'string' ? Number(pair[1]) : undefined);
  if (resultType === 'scalar') {
    const value = parse(result);
    return value === undefined ? { ok: false, kind: 'invalid', error: `${label}: a malformed scalar came back` } : { ok: true, value: [{ labels: {}, value }] };
  }
  if (resultType !== 'vector' || !Array.isArray(result)) return { ok: false, kind: 'invalid', error: `${label}: the query answered a ${String(resultType)}; an instant query over the window must answer a vector or a scalar` };
  const series: Series[] = [];
  for (const item of result as { metric?: Record<string, string>; value?: unknown }[]) {
    const value = parse(item?.value);
    if (value === undefined) return { ok: false, kind: 'invalid', error: `${label}: a malformed sample came back` };
    series.push({ labels: item.metric ?? {}, value });
  }
  return { ok: true, value: series };
}

