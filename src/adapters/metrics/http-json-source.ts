import type { Arm, ArmData } from '../../core/metrics/arm-data.js';
import type { MetricDefinition } from '../../core/model/index.js';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallOptions, CallResult } from '../../ports/call.js';
import type { ArmPair, MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../ports/metrics-source.js';
import { requestJson, type HttpDeps } from '../http/http-json.js';
import { templatesProblem, unknownTemplates } from './templates.js';

/**
 * An `http-json` entry under `spec.metrics.sources` (schema: http-json.schema.json beside
 * this file): any HTTP endpoint that answers JSON (an internal metrics service, a warehouse
 * proxy, an eval service). The source GETs `url` once per read (once per arm when the URL names
 * the arm) and each metric picks its numbers out of the answer by path.
 */
export interface HttpJsonSourceConfig {
  readonly name: string;
  readonly type: 'http-json';
  readonly description?: string;
  /**
   * The URL to GET. Templates, URL-encoded when filled: `{{release}}`, `{{stage}}`, `{{start}}`
   * and `{{end}}` (ISO times of the window), `{{window}}` (its length in seconds), and
   * `{{arm}}` / `{{variant}}`, which make it one request per arm.
   */
  readonly url: string;
  /** Headers to send: a credential from an environment variable (`{ env: METRICS_TOKEN, prefix: 'Bearer ' }`), or a constant that is not one (`{ value: 'application/json' }`). */
  readonly headers?: Readonly<Record<string, HeaderSource>>;
  /** Path to the requests each arm served, for the split check: `$.arms.{{arm}}.requests`. */
  readonly requests?: string;
  /** Path to the randomisation units (users) each arm held: the split check counts these instead when present. */
  readonly units?: string;
  /** The variant each arm is served under, filled into `{{variant}}` (default `champion` and `challenger`). */
  readonly variants?: { readonly control?: string; readonly canary?: string };
}

export type HeaderSource = { readonly env: string; readonly prefix?: string } | { readonly value: string };

/**
 * What a metric on an http-json source reads (its `query`): paths into the answer, in a small,
 * safe subset of JSONPath (`$`, `.name`, `['name']`, `[0]`), with templates `{{arm}}`,
 * `{{variant}}`, `{{release}}`.
 */
export type HttpJsonMetricQuery =
  /** A proportion: the numbers at `events` and `total`. */
  | { readonly kind: 'rate'; readonly events: string; readonly total: string }
  /** A continuous metric's sufficient statistics: count, mean and sample standard deviation. */
  | { readonly kind: 'summary'; readonly n: string; readonly mean: string; readonly sd: string }
  /** A continuous metric's raw values: a list of numbers. */
  | { readonly kind: 'samples'; readonly values: string }
  /** A continuous metric's cumulative buckets: a list of `{ le, count }` (`le` may be `"+Inf"`); `scale` multiplies each bound. */
  | { readonly kind: 'histogram'; readonly buckets: string; readonly scale?: number }
  /** A ratio of per-unit sums (errors per request over users): the number of units and Σx, Σy, Σx², Σy², Σxy over them (decision 0012). */
  | { readonly kind: 'ratio'; readonly units: string; readonly sumX: string; readonly sumY: string; readonly sumXX: string; readonly sumYY: string; readonly sumXY: string };

type Template = 'arm' | 'variant' | 'release';
const PATH_TEMPLATES: readonly string[] = ['arm', 'variant', 'release'];
const URL_TEMPLATES: readonly string[] = ['arm', 'variant', 'release', 'stage', 'start', 'end', 'window'];
const DEFAULT_VARIANTS: Readonly<Record<Arm, string>> = { control: 'champion', canary: 'challenger' };
const ARMS: readonly Arm[] = ['control', 'canary'];
const FIELDS: Readonly<Record<HttpJsonMetricQuery['kind'], readonly string[]>> = {
  rate: ['events', 'total'],
  summary: ['n', 'mean', 'sd'],
  samples: ['values'],
  histogram: ['buckets'],
  ratio: ['units', 'sumX', 'sumY', 'sumXX', 'sumYY', 'sumXY'],
};
/** Header names that carry credentials: their values must come from the environment, never from glidepath.yaml. */
const SECRET_HEADER = /authorization|cookie|token|key|secret|signature|password/i;

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly field: readonly (string | number)[] };

/** One step of a path: a member name or an array index. */
export type PathStep = string | number;

/**
 * Parses the JSONPath subset the source reads: `$` followed by `.name`, `['name']`, `["name"]`
 * or `[index]`. Anything else (wildcards, filters, slices, recursive descent, scripts) is refused,
 * so a path can only ever name one value.
 */
export function parseJsonPath(path: string): Parsed<readonly PathStep[]> {
  if (!path.startsWith('$')) return { ok: false, field: [], error: `path ${JSON.stringify(path)} must start with $, e.g. $.arms.control.errors` };
  const steps: PathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const member = /^\.([A-Za-z_$][\w$-]*)/.exec(rest);
    const quoted = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest);
    const index = /^\[\s*(\d{1,9})\s*\]/.exec(rest);
    if (member) steps.push(member[1]!);
    else if (quoted) steps.push((quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1'));
    else if (index) steps.push(Number(index[1]));
    else return { ok: false, field: [], error: `path ${JSON.stringify(path)} is not understood at ${JSON.stringify(rest.slice(0, 20))}: use .name, ['name'] or [index] (no wildcards, filters or ..)` };
    rest = rest.slice((member ?? quoted ?? index)![0].length);
  }
  return { ok: true, value: steps };
}

/** The value at a parsed path, reading own members only (a path can never reach a prototype); undefined when absent. */
export function readJsonPath(document: unknown, steps: readonly PathStep[]): unknown {
  let at: unknown = document;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) return undefined;
      at = at[step];
    } else {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}

/** A path with sample values in its templates must parse: checked once, when the entry is built or the query is read. */
function checkPath(value: unknown, field: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `${field} must be a path such as $.arms.{{arm}}.errors`;
  const unknown = unknownTemplates(value, PATH_TEMPLATES);
  if (unknown.length > 0) return `${field} uses ${unknown.map((n) => `{{${n}}}`).join(', ')}; paths may use {{arm}}, {{variant}}, {{release}}`;
  const parsed = parseJsonPath(value.replace(/\{\{\s*[a-z]+\s*\}\}/g, 'x'));
  return parsed.ok ? undefined : `${field}: ${parsed.error}`;
}

/** Checks a metric's `query` as the schema fragment does, plus the paths' syntax; exported so configuration can be checked on load. */
export function parseHttpJsonMetricQuery(value: unknown): Parsed<HttpJsonMetricQuery> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, field: [], error: 'a metric on an http-json source needs a query object: { kind: rate, events, total }, { kind: summary, n, mean, sd }, { kind: samples, values }, { kind: histogram, buckets } or { kind: ratio, units, sumX, sumY, sumXX, sumYY, sumXY }' };
  }
  const q = value as Record<string, unknown>;
  const kind = q['kind'];
  if (kind !== 'rate' && kind !== 'summary' && kind !== 'samples' && kind !== 'histogram' && kind !== 'ratio') return { ok: false, field: ['kind'], error: `kind is ${JSON.stringify(kind)}; expected rate, summary, samples, histogram or ratio` };
  const allowed = ['kind', ...FIELDS[kind], ...(kind === 'histogram' ? ['scale'] : [])];
  const extra = Object.keys(q).find((k) => !allowed.includes(k));
  if (extra !== undefined) return { ok: false, field: [extra], error: `${extra} is not a field of a ${kind} query; it has ${allowed.join(', ')}` };
  for (const field of FIELDS[kind]) {
    const problem = checkPath(q[field], field);
    if (problem) return { ok: false, field: [field], error: problem };
  }
  if (q['scale'] !== undefined && !(typeof q['scale'] === 'number' && Number.isFinite(q['scale']) && q['scale'] > 0)) {
    return { ok: false, field: ['scale'], error: `scale is ${JSON.stringify(q['scale'])}; expected a positive number (1000 turns seconds into milliseconds)` };
  }
  return { ok: true, value: q as unknown as HttpJsonMetricQuery };
}

/**
 * The http-json metrics source. The answer is read once per window (per arm when the URL names
 * the arm) and every metric is picked out of it: a value that is absent or null is no data,
 * never zero; an arm with some of its values and not others fails the metric.
 */
export function createHttpJsonSource(config: HttpJsonSourceConfig, deps: AdapterDeps & { readonly sleep?: HttpDeps['sleep'] }): Built<MetricsSource> {
  const at = (...field: (string | number)[]) => field;
  const urlProblem = templatesProblem(config.url, URL_TEMPLATES);
  if (urlProblem !== undefined) return { ok: false, field: at('url'), error: `metrics source ${config.name}: url ${urlProblem}` };
  let sample: URL;
  try {
    sample = new URL(config.url.replace(/\{\{\s*[a-z]+\s*\}\}/g, 'x'));
  } catch {
    return { ok: false, field: at('url'), error: `metrics source ${config.name}: url ${JSON.stringify(config.url)} is not a URL: give the full address, e.g. https://metrics.example.com/rollouts/{{release}}?from={{start}}&to={{end}}` };
  }
  if (sample.protocol !== 'http:' && sample.protocol !== 'https:') return { ok: false, field: at('url'), error: `metrics source ${config.name}: url must be http or https, not ${sample.protocol}` };
  if (sample.username !== '' || sample.password !== '') return { ok: false, field: at('url'), error: `metrics source ${config.name}: url carries credentials; send them in a header whose value comes from an environment variable (headers: { Authorization: { env: METRICS_TOKEN, prefix: 'Bearer ' } })` };

  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [name, source] of Object.entries(config.headers ?? {})) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return { ok: false, field: at('headers', name), error: `metrics source ${config.name}: ${JSON.stringify(name)} is not a header name` };
    if ('env' in source) {
      const value = deps.env[source.env];
      if (value === undefined || value === '') return { ok: false, field: at('headers', name, 'env'), error: `metrics source ${config.name}: environment variable ${source.env} (headers.${name}.env) is not set: add it to the workflow's env from a secret` };
      headers[name] = `${source.prefix ?? ''}${value}`;
      secrets.push(value);
    } else {
      if (SECRET_HEADER.test(name)) return { ok: false, field: at('headers', name, 'value'), error: `metrics source ${config.name}: header ${name} looks like a credential: take it from an environment variable ({ env: METRICS_TOKEN, prefix: 'Bearer ' }) instead of writing it in glidepath.yaml` };
      headers[name] = source.value;
    }
  }
  for (const field of ['requests', 'units'] as const) {
    const path = config[field];
    if (path === undefined) continue;
    const problem = checkPath(path, field) ?? (/\{\{\s*(variant|arm)\s*\}\}/.test(path + config.url) ? undefined : `${field} reads one number for both arms: name the arm, e.g. $.arms.{{arm}}.${field}`);
    if (problem) return { ok: false, field: at(field), error: `metrics source ${config.name}: ${problem}` };
  }
  for (const arm of ARMS) {
    const variant = config.variants?.[arm];
    if (variant !== undefined && !/^[A-Za-z0-9._:/-]{1,100}$/.test(variant)) {
      return { ok: false, field: at('variants', arm), error: `metrics source ${config.name}: variants.${arm} ${JSON.stringify(variant)} may hold only letters, digits, '.', '_', ':', '/' and '-'` };
    }
  }

  const label = `http-json source ${config.name}`;
  const perArm = /\{\{\s*(arm|variant)\s*\}\}/.test(config.url);
  const http: HttpDeps = { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}) };
  // A secret in a header, or in a query string a template filled, must not reach a reading or the audit log.
  const mask = (text: string) => secrets.filter((s) => s.length >= 4).reduce((out, s) => out.split(s).join('***'), text);

  return {
    ok: true,
    value: {
      type: 'http-json',
      async read(query: MetricsQuery, options?: CallOptions): Promise<CallResult<MetricsAnswer>> {
        const fromMs = query.window.start.getTime();
        const toMs = query.window.end.getTime();
        if (!(toMs > fromMs)) return { ok: false, kind: 'invalid', error: `${label}: the window ends before it starts (${query.window.start.toISOString()} to ${query.window.end.toISOString()})` };
        const signal = options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
        const variants = { ...DEFAULT_VARIANTS, ...config.variants };
        const urlValues = (arm: Arm): Record<string, string> => ({
          arm,
          variant: variants[arm],
          release: query.release,
          stage: query.stage,
          start: query.window.start.toISOString(),
          end: query.window.end.toISOString(),
          window: String(Math.round((toMs - fromMs) / 1000)),
        });
        const urlFor = (arm: Arm) => config.url.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name: string) => encodeURIComponent(urlValues(arm)[name] ?? ''));

        const documents = new Map<Arm, unknown>();
        for (const arm of perArm ? ARMS : ARMS.slice(0, 1)) {
          const answer = await requestJson<unknown>(http, { url: urlFor(arm), headers }, { label, signal });
          if (!answer.ok) return { ...answer, error: mask(answer.error) };
          documents.set(arm, answer.value.body);
        }
        const documentOf = (arm: Arm) => (perArm ? documents.get(arm) : documents.get('control'));
        const fill = (text: string, arm: Arm) => text.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name: Template) => ({ arm, variant: variants[arm], release: query.release })[name]);
        const where = perArm ? (arm: Arm) => ` (answer for ${arm})` : () => '';

        const readings = query.metrics.map((metric) => readMetric(metric, fill, documentOf, where));
        const perArmCount = (field: 'requests' | 'units'): Record<Arm, number> | undefined => {
          const path = config[field];
          if (path === undefined) return undefined;
          const counts = ARMS.map((arm) => readJsonPath(documentOf(arm), parsePath(fill(path, arm))));
          if (counts.every((c) => typeof c === 'number' && Number.isFinite(c) && c >= 0)) return { control: Math.round(counts[0] as number), canary: Math.round(counts[1] as number) };
          deps.logger.warn(`${label}: ${field} per arm are unknown, so the split check cannot count them: ${path} is not a count for both arms`);
          return undefined;
        };
        const requests = perArmCount('requests');
        const units = perArmCount('units');
        return { ok: true, value: { window: { start: query.window.start.toISOString(), end: query.window.end.toISOString() }, ...(requests ? { requests } : {}), ...(units ? { units } : {}), readings } };
      },
    },
  };
}

/** A path already checked when its entry or query was: parsing it again cannot fail, except after a release name filled in breaks it. */
function parsePath(path: string): readonly PathStep[] {
  const parsed = parseJsonPath(path);
  return parsed.ok ? parsed.value : [];
}

function readMetric(metric: MetricDefinition, fill: (text: string, arm: Arm) => string, documentOf: (arm: Arm) => unknown, where: (arm: Arm) => string): MetricReading {
  const name = metric.name;
  const parsed = parseHttpJsonMetricQuery((metric as { readonly query?: unknown }).query);
  if (!parsed.ok) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}: query${parsed.field.map((f) => `.${f}`).join('')}: ${parsed.error}` };
  const spec = parsed.value;
  // A ratio of per-unit sums stands for either type: errors per request is a proportion, cost per request a continuous mean.
  const expected = metric.type === 'proportion' ? ['rate', 'ratio'] : ['summary', 'samples', 'histogram', 'ratio'];
  if (!expected.includes(spec.kind)) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}: a ${metric.type} metric is read with a ${expected.join(', ')} query, not ${spec.kind}` };
  const texts = spec as unknown as Readonly<Record<string, string>>;
  const paths = ARMS.flatMap((arm) => FIELDS[spec.kind].map((field) => ({ arm, field, path: fill(texts[field]!, arm) })));
  const query = paths.map((p) => `${p.arm} ${p.field}: ${p.path}`).join('\n');
  const arms: { control?: ArmData; canary?: ArmData } = {};
  for (const arm of ARMS) {
    const mine = paths.filter((p) => p.arm === arm).map((p) => ({ ...p, value: readJsonPath(documentOf(arm), parsePath(p.path)) }));
    const missing = mine.filter((p) => p.value === undefined || p.value === null);
    if (missing.length === mine.length) continue;
    if (missing.length > 0) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm}: nothing at ${missing.map((p) => p.path).join(', ')}${where(arm)} while the rest of the arm is there: a partial answer is no data, never zero`, query };
    const data = armData(spec, new Map(mine.map((p) => [p.field, { path: p.path, value: p.value }])));
    if (!data.ok) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm}: ${data.error}${where(arm)}`, query };
    arms[arm] = data.value;
  }
  if (!arms.control && !arms.canary) return { metric: name, ok: false, kind: 'not-found', error: `metric ${name}: no data: nothing at ${paths.map((p) => p.path).join(', ')} in the answer`, query };
  return { metric: name, ok: true, arms: arms as ArmPair, query };
}

type ArmResult = { readonly ok: true; readonly value: ArmData } | { readonly ok: false; readonly error: string };

function armData(spec: HttpJsonMetricQuery, fields: ReadonlyMap<string, { readonly path: string; readonly value: unknown }>): ArmResult {
  const number = (field: string): { ok: true; value: number } | { ok: false; error: string } => {
    const got = fields.get(field)!;
    // Some services send counts as strings (big numbers, decimal types): a numeric string is read, anything else refused.
    const value = typeof got.value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(got.value.trim()) ? Number(got.value) : got.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, error: `${got.path} is ${JSON.stringify(got.value).slice(0, 80)}; expected a number` };
    return { ok: true, value };
  };
  switch (spec.kind) {
    case 'rate': {
      const events = number('events');
      if (!events.ok) return events;
      const total = number('total');
      if (!total.ok) return total;
      return { ok: true, value: { kind: 'counts', successes: events.value, trials: total.value } };
    }
    case 'summary': {
      const n = number('n');
      if (!n.ok) return n;
      const mean = number('mean');
      if (!mean.ok) return mean;
      const sd = number('sd');
      if (!sd.ok) return sd;
      return { ok: true, value: { kind: 'summary', n: n.value, mean: mean.value, sd: sd.value } };
    }
    case 'samples': {
      const got = fields.get('values')!;
      if (!Array.isArray(got.value) || !got.value.every((v) => typeof v === 'number' && Number.isFinite(v))) return { ok: false, error: `${got.path} is not a list of numbers` };
      return { ok: true, value: { kind: 'samples', values: got.value as number[] } };
    }
    case 'histogram': {
      const got = fields.get('buckets')!;
      const scale = spec.scale ?? 1;
      if (!Array.isArray(got.value)) return { ok: false, error: `${got.path} is not a list of { le, count } buckets` };
      const buckets: { le: number; count: number }[] = [];
      for (const bucket of got.value as unknown[]) {
        const b = bucket as { le?: unknown; count?: unknown } | null;
        const le = typeof b?.le === 'number' ? b.le : typeof b?.le === 'string' && /^\+?inf(inity)?$/i.test(b.le) ? Infinity : typeof b?.le === 'string' ? Number(b.le) : Number.NaN;
        if (Number.isNaN(le) || typeof b?.count !== 'number' || !Number.isFinite(b.count)) return { ok: false, error: `${got.path} holds ${JSON.stringify(bucket).slice(0, 80)}; each bucket is { le: number or "+Inf", count: number }` };
        buckets.push({ le: le * scale, count: b.count });
      }
      return { ok: true, value: { kind: 'histogram', buckets } };
    }
    case 'ratio': {
      const sums: Record<string, number> = {};
      for (const field of FIELDS.ratio) {
        const got = number(field);
        if (!got.ok) return got;
        sums[field] = got.value;
      }
      return { ok: true, value: { kind: 'ratio', units: sums['units']!, sumX: sums['sumX']!, sumY: sums['sumY']!, sumXX: sums['sumXX']!, sumYY: sums['sumYY']!, sumXY: sums['sumXY']! } };
    }
  }
}
