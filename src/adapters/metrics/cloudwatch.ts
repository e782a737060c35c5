import type { Arm, ArmData } from '../../core/metrics/arm-data.js';
import type { MetricDefinition } from '../../core/model/index.js';
import type { AdapterDeps, Built } from '../../ports/adapter-deps.js';
import type { CallFailure, CallOptions, CallResult } from '../../ports/call.js';
import type { MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../ports/metrics-source.js';
import { templatesProblem } from './templates.js';

/**
 * A `cloudwatch` entry under `spec.metrics.sources` (schema: cloudwatch.schema.json beside this
 * file). Reads with `GetMetricData` through `@aws-sdk/client-cloudwatch`; the IAM principal needs
 * `cloudwatch:GetMetricData` and nothing else.
 */
export interface CloudWatchSourceConfig {
  readonly name: string;
  readonly type: 'cloudwatch';
  readonly description?: string;
  /** AWS region of the metrics (`us-east-1`). */
  readonly region: string;
  /** Another endpoint than the region's (a VPC endpoint); tests point it at a fake. */
  readonly endpoint?: string;
  /**
   * Environment variables holding static credentials. Without them the SDK's default provider
   * chain is used (in GitHub Actions: `aws-actions/configure-aws-credentials` with OIDC).
   */
  readonly accessKeyIdEnv?: string;
  readonly secretAccessKeyEnv?: string;
  readonly sessionTokenEnv?: string;
  /** A ready metric pack: `bedrock` reads AWS/Bedrock's per-ModelId metrics for metrics named as in the pack. */
  readonly pack?: 'bedrock';
  /** The variant each arm is served under, filled into `{{variant}}`. */
  readonly variants?: { readonly control?: string; readonly canary?: string };
  /** The model id each arm serves, filled into `{{model}}`; default: the release's champion and challenger models. */
  readonly models?: { readonly control?: string; readonly canary?: string };
  /** Requests each arm served (a Sum): the split check's input. The bedrock pack defaults it to Invocations. */
  readonly requests?: CloudWatchMetricRef;
}

/** One CloudWatch metric and statistic. Dimension values may use the templates. */
export interface CloudWatchMetricRef {
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  /** `Sum`, `SampleCount`, `Average`; percentiles are asked for by a `percentiles` query. Default `Sum`. */
  readonly stat?: string;
  /**
   * Only for a rate's `events`: no datapoint while `total` has data reads as 0 events. Some
   * services publish an error metric only when an error happens.
   */
  readonly absentIsZero?: boolean;
}

/**
 * What a metric on a CloudWatch source reads (its `query`). Templates in dimension values:
 * `{{arm}}`, `{{variant}}`, `{{model}}`, `{{release}}`.
 */
export type CloudWatchMetricQuery =
  /** A proportion: the summed `events` out of `total` (each a Sum). */
  | { readonly kind: 'rate'; readonly events: CloudWatchMetricRef | readonly CloudWatchMetricRef[]; readonly total: CloudWatchMetricRef }
  /** A continuous metric from sufficient statistics: sum, count and, when a metric holds it, the sum of squares (else no sd, so no reading). */
  | { readonly kind: 'summary'; readonly sum: CloudWatchMetricRef; readonly count: CloudWatchMetricRef; readonly sumOfSquares?: CloudWatchMetricRef }
  /**
   * A continuous metric from CloudWatch's percentiles (`p50`, `p95`…) and its SampleCount, read
   * as cumulative histogram bounds: quantile gates at those percentiles are exact, anything else
   * (means, rank tests) only approximate.
   */
  | { readonly kind: 'percentiles'; readonly metric: CloudWatchMetricRef; readonly percentiles?: readonly number[] }
  /** A metric of the source's pack, under another name than the pack's. */
  | { readonly kind: 'pack'; readonly metric: string };

const TEMPLATES = ['arm', 'variant', 'model', 'release'] as const;
type Values = Readonly<Record<(typeof TEMPLATES)[number], string>>;
const ARMS: readonly Arm[] = ['control', 'canary'];
const DEFAULT_VARIANTS: Readonly<Record<Arm, string>> = { control: 'champion', canary: 'challenger' };
const DEFAULT_PERCENTILES = [50, 90, 95, 99] as const;
/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;
const RETRIES = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

const sum = (metric: string, stat = 'Sum', extra: Partial<CloudWatchMetricRef> = {}): CloudWatchMetricRef => ({ namespace: 'AWS/Bedrock', metric, dimensions: { ModelId: '{{model}}' }, stat, ...extra });

/**
 * The Bedrock pack: AWS/Bedrock's runtime metrics by `ModelId`, so a release whose champion and
 * challenger are Bedrock model ids needs no query writing. Bedrock publishes the error metrics
 * only when errors happen, so a missing error series beside counted invocations is 0 errors.
 */
export const BEDROCK_PACK: Readonly<Record<string, CloudWatchMetricQuery>> = {
  error_rate: { kind: 'rate', events: [sum('InvocationClientErrors', 'Sum', { absentIsZero: true }), sum('InvocationServerErrors', 'Sum', { absentIsZero: true })], total: sum('Invocations') },
  server_error_rate: { kind: 'rate', events: sum('InvocationServerErrors', 'Sum', { absentIsZero: true }), total: sum('Invocations') },
  client_error_rate: { kind: 'rate', events: sum('InvocationClientErrors', 'Sum', { absentIsZero: true }), total: sum('Invocations') },
  throttle_rate: { kind: 'rate', events: sum('InvocationThrottles', 'Sum', { absentIsZero: true }), total: sum('Invocations') },
  latency: { kind: 'percentiles', metric: sum('InvocationLatency', 'SampleCount') },
  input_tokens: { kind: 'percentiles', metric: sum('InputTokenCount', 'SampleCount') },
  output_tokens: { kind: 'percentiles', metric: sum('OutputTokenCount', 'SampleCount') },
};
const BEDROCK_REQUESTS = sum('Invocations');

/**
 * The Bedrock `ModelId` dimension value of a bundle's model id: LiteLLM-style routes name the
 * provider first (`bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0`, `bedrock/converse/…`),
 * which CloudWatch never sees; everything else (inference profiles such as `us.anthropic.…`,
 * ARNs) is the ModelId as Bedrock records it.
 */
export function bedrockModelId(model: string): string {
  return model.replace(/^bedrock\/(?:converse\/|invoke\/)?/, '');
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly field: readonly (string | number)[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkRef(value: unknown, field: (string | number)[], eventsRef: boolean): Parsed<CloudWatchMetricRef> {
  const fail = (error: string, at: (string | number)[] = field): Parsed<CloudWatchMetricRef> => ({ ok: false, error, field: at });
  if (!isObject(value)) return fail('expected a metric: { namespace, metric, dimensions, stat }');
  const allowed = ['namespace', 'metric', 'dimensions', 'stat', ...(eventsRef ? ['absentIsZero'] : [])];
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra !== undefined) return fail(`${extra} is not a field of a metric here; it has ${allowed.join(', ')}`, [...field, extra]);
  for (const key of ['namespace', 'metric'] as const) {
    const text = value[key];
    if (typeof text !== 'string' || text.length === 0 || text.length > 255) return fail(`${key} must be a CloudWatch ${key === 'metric' ? 'metric name' : 'namespace'} (1 to 255 characters)`, [...field, key]);
  }
  if (value['stat'] !== undefined && !(typeof value['stat'] === 'string' && /^(Sum|SampleCount|Average|Minimum|Maximum)$/.test(value['stat']))) {
    return fail(`stat is ${JSON.stringify(value['stat'])}; expected Sum, SampleCount, Average, Minimum or Maximum (percentiles: use kind percentiles)`, [...field, 'stat']);
  }
  if (value['absentIsZero'] !== undefined && typeof value['absentIsZero'] !== 'boolean') return fail('absentIsZero must be true or false', [...field, 'absentIsZero']);
  const dims = value['dimensions'];
  if (dims !== undefined) {
    if (!isObject(dims) || Object.keys(dims).length > 30) return fail('dimensions must map up to 30 dimension names to values', [...field, 'dimensions']);
    for (const [name, v] of Object.entries(dims)) {
      if (typeof v !== 'string' || v.length === 0 || v.length > 1024) return fail(`dimension ${name} must be a non-empty value`, [...field, 'dimensions', name]);
      const problem = templatesProblem(v, TEMPLATES);
      if (problem !== undefined) return fail(problem, [...field, 'dimensions', name]);
    }
  }
  return { ok: true, value: value as unknown as CloudWatchMetricRef };
}

/** Checks a metric's `query` as the schema fragment does. Exported so a configuration can be checked when it is loaded. */
export function parseCloudWatchMetricQuery(value: unknown): Parsed<CloudWatchMetricQuery> {
  if (!isObject(value)) return { ok: false, field: [], error: 'a metric on a cloudwatch source needs a query object: { kind: rate, events, total }, { kind: summary, sum, count }, { kind: percentiles, metric } or { kind: pack, metric }' };
  const fields: Record<string, readonly string[]> = { rate: ['events', 'total'], summary: ['sum', 'count', 'sumOfSquares'], percentiles: ['metric', 'percentiles'], pack: ['metric'] };
  const kind = value['kind'];
  const allowed = typeof kind === 'string' ? fields[kind] : undefined;
  if (!allowed) return { ok: false, field: ['kind'], error: `kind is ${JSON.stringify(kind)}; expected rate, summary, percentiles or pack` };
  const extra = Object.keys(value).find((k) => k !== 'kind' && !allowed.includes(k));
  if (extra !== undefined) return { ok: false, field: [extra], error: `${extra} is not a field of a ${String(kind)} query; it has kind, ${allowed.join(', ')}` };
  const refs: [string, boolean][] = kind === 'rate' ? [['total', false]] : kind === 'summary' ? [['sum', false], ['count', false]] : kind === 'percentiles' ? [['metric', false]] : [];
  if (kind === 'summary' && value['sumOfSquares'] !== undefined) refs.push(['sumOfSquares', false]);
  for (const [field] of refs) {
    const r = checkRef(value[field], [field], false);
    if (!r.ok) return r;
  }
  if (kind === 'rate') {
    const events = value['events'];
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0 || list.length > 10) return { ok: false, field: ['events'], error: 'events must be a metric or a list of 1 to 10 metrics, summed' };
    for (const [i, e] of list.entries()) {
      const r = checkRef(e, Array.isArray(events) ? ['events', i] : ['events'], true);
      if (!r.ok) return r;
    }
  }
  if (kind === 'percentiles' && value['percentiles'] !== undefined) {
    const ps = value['percentiles'];
    if (!Array.isArray(ps) || ps.length === 0 || ps.length > 20 || !ps.every((p) => typeof p === 'number' && p > 0 && p < 100)) {
      return { ok: false, field: ['percentiles'], error: 'percentiles must list 1 to 20 numbers between 0 and 100 (50, 95, 99.9)' };
    }
  }
  if (kind === 'pack' && (typeof value['metric'] !== 'string' || !(value['metric'] in BEDROCK_PACK))) {
    return { ok: false, field: ['metric'], error: `metric is ${JSON.stringify(value['metric'])}; the bedrock pack has ${Object.keys(BEDROCK_PACK).join(', ')}` };
  }
  return { ok: true, value: value as unknown as CloudWatchMetricQuery };
}

/** The SDK's client, as much of it as this source uses (so tests and types need not load the SDK). */
interface Client {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<GetMetricDataOutput>;
}
interface DataQuery {
  readonly Id: string;
  readonly MetricStat: { readonly Metric: { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: readonly { Name: string; Value: string }[] }; readonly Period: number; readonly Stat: string };
  readonly ReturnData: true;
}
interface GetMetricDataOutput {
  MetricDataResults?: { Id?: string; Values?: number[]; Timestamps?: Date[]; StatusCode?: string }[];
  NextToken?: string;
  Messages?: { Code?: string; Value?: string }[];
}

/** What one statistic of one metric answered over the window, after every page. */
type StatResult = { readonly ok: true; readonly values: readonly number[] } | { readonly ok: false; readonly error: string };

export type CloudWatchDeps = AdapterDeps & {
  /** Waits between attempts; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
};

/**
 * The CloudWatch metrics source: one `GetMetricData` call (paged) per read holds every statistic
 * of every metric for both arms, with one period spanning the whole window, so both arms cover
 * the same aligned window. Each metric is answered on its own: a statistic with no datapoints, or
 * one CloudWatch could not compute, fails that metric only, never as a zero.
 */
export function createCloudWatchSource(config: CloudWatchSourceConfig, deps: CloudWatchDeps): Built<MetricsSource> {
  const label = `cloudwatch source ${config.name}`;
  if (typeof config.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region)) {
    return { ok: false, field: ['region'], error: `metrics source ${config.name}: region ${JSON.stringify(config.region)} is not an AWS region such as us-east-1` };
  }
  if (config.endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(config.endpoint);
    } catch {
      url = undefined;
    }
    // Not echoed: a URL with user info carries a credential.
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') {
      return { ok: false, field: ['endpoint'], error: `metrics source ${config.name}: endpoint must be an http(s) URL without credentials, e.g. https://monitoring.us-east-1.amazonaws.com (credentials go in environment variables named by accessKeyIdEnv and secretAccessKeyEnv)` };
    }
  }
  const envs = [['accessKeyIdEnv', config.accessKeyIdEnv], ['secretAccessKeyEnv', config.secretAccessKeyEnv], ['sessionTokenEnv', config.sessionTokenEnv]] as const;
  const secrets: string[] = [];
  for (const [field, name] of envs) {
    if (name === undefined) continue;
    const value = deps.env[name];
    if (value === undefined || value === '') return { ok: false, field: [field], error: `metrics source ${config.name}: environment variable ${name} (${field}) is not set: add it to the workflow's env from a secret, or drop the *Env fields to use the default AWS credential chain (OIDC)` };
    secrets.push(value);
  }
  if ((config.accessKeyIdEnv === undefined) !== (config.secretAccessKeyEnv === undefined) || (config.sessionTokenEnv !== undefined && config.accessKeyIdEnv === undefined)) {
    const field = config.accessKeyIdEnv === undefined ? 'accessKeyIdEnv' : 'secretAccessKeyEnv';
    return { ok: false, field: [field], error: `metrics source ${config.name}: accessKeyIdEnv and secretAccessKeyEnv go together (and sessionTokenEnv needs both); name both, or none to use the default credential chain` };
  }
  if (config.requests !== undefined) {
    const r = checkRef(config.requests, ['requests'], false);
    if (!r.ok) return { ok: false, field: r.field, error: `metrics source ${config.name}: ${r.field.join('.')}: ${r.error}` };
  }
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;

  let client: Promise<{ client: Client; command: (input: unknown) => unknown }> | undefined;
  // Loaded on first read: the CLI loads every adapter module at start-up, and the SDK is heavy.
  const clientOnce = () =>
    (client ??= import('@aws-sdk/client-cloudwatch').then((sdk) => {
      const credentials =
        config.accessKeyIdEnv && config.secretAccessKeyEnv
          ? { accessKeyId: deps.env[config.accessKeyIdEnv]!, secretAccessKey: deps.env[config.secretAccessKeyEnv]!, ...(config.sessionTokenEnv ? { sessionToken: deps.env[config.sessionTokenEnv]! } : {}) }
          : undefined;
      // Retries are ours (with the injected sleep and the call's deadline), not the SDK's.
      const c = new sdk.CloudWatchClient({ region: config.region, maxAttempts: 1, ...(config.endpoint ? { endpoint: config.endpoint } : {}), ...(credentials ? { credentials } : {}) });
      return { client: c as unknown as Client, command: (input: unknown) => new sdk.GetMetricDataCommand(input as never) };
    }));

  async function call(input: Record<string, unknown>, signal: AbortSignal): Promise<CallResult<GetMetricDataOutput>> {
    let loaded: Awaited<ReturnType<typeof clientOnce>>;
    try {
      loaded = await clientOnce();
    } catch (error) {
      client = undefined;
      return { ok: false, kind: 'unavailable', error: `${label}: @aws-sdk/client-cloudwatch could not be loaded (${(error as Error).message})` };
    }
    for (let attempt = 0; ; attempt += 1) {
      if (signal.aborted) return { ok: false, kind: 'timeout', error: `${label}: GetMetricData: the call's deadline passed` };
      let failure: CallFailure;
      try {
        return { ok: true, value: await loaded.client.send(loaded.command(input), { abortSignal: signal }) };
      } catch (error) {
        failure = classify(error, label, signal, mask);
      }
      const retryable = failure.kind === 'rate-limited' || failure.kind === 'unavailable';
      if (!retryable || attempt >= RETRIES || signal.aborted) return failure;
      const wait = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt * (0.5 + random()));
      await sleep(Math.round(wait));
    }
  }

  return {
    ok: true,
    value: {
      type: 'cloudwatch',
      async read(query: MetricsQuery, options?: CallOptions): Promise<CallResult<MetricsAnswer>> {
        const spanMs = query.window.end.getTime() - query.window.start.getTime();
        if (!(spanMs > 0)) return { ok: false, kind: 'invalid', error: `${label}: the window ends before it starts (${query.window.start.toISOString()} to ${query.window.end.toISOString()})` };
        // One period over the whole window, in the whole minutes CloudWatch's standard resolution keeps.
        const period = Math.max(60, Math.ceil(spanMs / 60_000) * 60);
        const signal = options?.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
        const variants = { ...DEFAULT_VARIANTS, ...config.variants };
        const valuesFor = (arm: Arm): Values => ({ arm, variant: variants[arm], model: bedrockModelId(config.models?.[arm] ?? query.models?.[arm] ?? ''), release: query.release });

        const stats = new StatTable(period);
        const plans = query.metrics.map((metric) => planMetric(metric, config, valuesFor, stats));
        const requestsRef = config.requests ?? (config.pack === 'bedrock' ? BEDROCK_REQUESTS : undefined);
        const requestIds = requestsRef && ARMS.every((arm) => fill(requestsRef, valuesFor(arm)).ok)
          ? ARMS.map((arm) => stats.add((fill(requestsRef, valuesFor(arm)) as { ok: true; value: CloudWatchMetricRef }).value, 'Sum'))
          : undefined;

        const results = new Map<string, StatResult>();
        const queries = stats.queries();
        for (let i = 0; i < queries.length; i += QUERIES_PER_CALL) {
          const got = await fetchAll(queries.slice(i, i + QUERIES_PER_CALL), query.window, signal);
          if (!got.ok) return got;
          for (const [id, r] of got.value) results.set(id, r);
        }

        const readings = plans.map((plan) => (plan.ok ? readMetric(plan, results) : plan.reading));
        const answer: { window: MetricsAnswer['window']; requests?: Record<Arm, number>; readings: MetricReading[] } = {
          window: { start: query.window.start.toISOString(), end: query.window.end.toISOString() },
          readings,
        };
        if (requestIds) {
          const [control, canary] = requestIds.map((id) => total(results.get(id)));
          if (control !== undefined && canary !== undefined) answer.requests = { control: Math.round(control), canary: Math.round(canary) };
          else deps.logger.warn(`${label}: requests per arm are unknown (no ${requestsRef!.metric} datapoints for an arm), so the split check is skipped`);
        }
        return { ok: true, value: answer };
      },
    },
  };

  /** Every page of one GetMetricData call, each statistic's values gathered across pages. */
  async function fetchAll(queries: readonly DataQuery[], window: MetricsQuery['window'], signal: AbortSignal): Promise<CallResult<Map<string, StatResult>>> {
    const values = new Map<string, number[]>(queries.map((q) => [q.Id, []]));
    const status = new Map<string, string>();
    let nextToken: string | undefined;
    for (let page = 0; ; page += 1) {
      if (page >= 1000) return { ok: false, kind: 'invalid', error: `${label}: GetMetricData kept answering a NextToken after 1000 pages` };
      const input = { MetricDataQueries: queries, StartTime: window.start, EndTime: window.end, ScanBy: 'TimestampAscending', ...(nextToken ? { NextToken: nextToken } : {}) };
      const got = await call(input, signal);
      if (!got.ok) return got;
      for (const r of got.value.MetricDataResults ?? []) {
        if (!r.Id || !values.has(r.Id)) continue;
        values.get(r.Id)!.push(...(r.Values ?? []));
        // A later page's status is the newer word on the statistic; an error on any page stays.
        const before = status.get(r.Id);
        if (before !== 'InternalError' && before !== 'Forbidden') status.set(r.Id, r.StatusCode ?? 'Complete');
      }
      nextToken = got.value.NextToken;
      if (!nextToken) break;
    }
    const out = new Map<string, StatResult>();
    for (const [id, vals] of values) {
      const s = status.get(id);
      if (s === 'InternalError' || s === 'Forbidden') out.set(id, { ok: false, error: `CloudWatch answered ${s} for it` });
      else if (s === 'PartialData') out.set(id, { ok: false, error: 'CloudWatch answered PartialData with no further page, so the counts are incomplete' });
      else if (vals.length === 0 || vals.some((v) => !Number.isFinite(v))) out.set(id, { ok: false, error: 'no datapoints in the window' });
      else out.set(id, { ok: true, values: vals });
    }
    return { ok: true, value: out };
  }
}

function total(r: StatResult | undefined): number | undefined {
  return r?.ok ? r.values.reduce((a, b) => a + b, 0) : undefined;
}

/** The statistics a read asks for, each distinct (metric, dimensions, stat) once, with the ids GetMetricData ties answers to. */
class StatTable {
  private readonly byKey = new Map<string, DataQuery>();
  constructor(private readonly period: number) {}
  add(ref: CloudWatchMetricRef, stat: string): string {
    const dims = Object.entries(ref.dimensions ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([Name, Value]) => ({ Name, Value }));
    const key = JSON.stringify([ref.namespace, ref.metric, dims, stat]);
    let q = this.byKey.get(key);
    if (!q) {
      q = { Id: `q${this.byKey.size}`, MetricStat: { Metric: { Namespace: ref.namespace, MetricName: ref.metric, Dimensions: dims }, Period: this.period, Stat: stat }, ReturnData: true };
      this.byKey.set(key, q);
    }
    return q.Id;
  }
  describe(id: string): string {
    const q = [...this.byKey.values()].find((x) => x.Id === id)!;
    const m = q.MetricStat.Metric;
    return `${m.Namespace} ${m.MetricName}{${m.Dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}} ${q.MetricStat.Stat}`;
  }
  queries(): DataQuery[] {
    return [...this.byKey.values()];
  }
}

function fill(ref: CloudWatchMetricRef, values: Values): Parsed<CloudWatchMetricRef> {
  const dims: Record<string, string> = {};
  for (const [name, v] of Object.entries(ref.dimensions ?? {})) {
    const filled = v.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, n: keyof Values) => values[n]);
    if (filled === '') {
      const missing = /\{\{\s*model\s*\}\}/.test(v) ? `the ${values.arm} arm's model id is unknown: the release names none, so set models.${values.arm} on the source` : 'it is empty once filled';
      return { ok: false, field: ['dimensions', name], error: `dimension ${name}: ${missing}` };
    }
    dims[name] = filled;
  }
  return { ok: true, value: { ...ref, dimensions: dims } };
}

/** Where each part of one metric's answer lies in the statistic table, per arm. */
interface MetricPlan {
  readonly ok: true;
  readonly metric: MetricDefinition;
  readonly spec: Exclude<CloudWatchMetricQuery, { kind: 'pack' }>;
  readonly ids: Readonly<Record<Arm, Readonly<Record<string, readonly { readonly id: string; readonly absentIsZero: boolean }[]>>>>;
  readonly describe: (id: string) => string;
}

function planMetric(metric: MetricDefinition, config: CloudWatchSourceConfig, valuesFor: (arm: Arm) => Values, stats: StatTable): MetricPlan | { readonly ok: false; readonly reading: MetricReading } {
  const fail = (error: string): { ok: false; reading: MetricReading } => ({ ok: false, reading: { metric: metric.name, ok: false, kind: 'invalid', error: `metric ${metric.name}: ${error}` } });
  const raw = (metric as { readonly query?: unknown }).query;
  let spec: CloudWatchMetricQuery;
  if (raw === undefined && config.pack === 'bedrock' && metric.name in BEDROCK_PACK) spec = BEDROCK_PACK[metric.name]!;
  else {
    const parsed = parseCloudWatchMetricQuery(raw);
    if (!parsed.ok) return fail(`query${parsed.field.map((f) => `.${f}`).join('')}: ${parsed.error}`);
    spec = parsed.value;
  }
  if (spec.kind === 'pack') {
    if (config.pack !== 'bedrock') return fail('query names a pack metric, but the source has no pack: add pack: bedrock to it');
    spec = BEDROCK_PACK[spec.metric]!;
  }
  return planResolved(metric, spec as MetricPlan['spec'], valuesFor, stats, fail);
}

function planResolved(metric: MetricDefinition, spec: MetricPlan['spec'], valuesFor: (arm: Arm) => Values, stats: StatTable, fail: (error: string) => { ok: false; reading: MetricReading }): MetricPlan | { readonly ok: false; readonly reading: MetricReading } {
  const expected = metric.type === 'proportion' ? ['rate'] : ['summary', 'percentiles'];
  if (!expected.includes(spec.kind)) return fail(`a ${metric.type} metric is read with a ${expected.join(' or ')} query, not ${spec.kind}`);
  if (spec.kind === 'summary' && spec.sumOfSquares === undefined) {
    return fail(`CloudWatch keeps no sum of squares of ${spec.sum.metric}, so its standard deviation (which comparing means needs) is unknown: publish a metric of the squared values and name it in sumOfSquares, or read it with kind: percentiles for quantile gates`);
  }
  const parts: [string, readonly CloudWatchMetricRef[], string | undefined][] =
    spec.kind === 'rate' ? [['events', Array.isArray(spec.events) ? spec.events : [spec.events as CloudWatchMetricRef], 'Sum'], ['total', [spec.total], 'Sum']]
    : spec.kind === 'summary' ? [['sum', [spec.sum], 'Sum'], ['count', [spec.count], 'SampleCount'], ['sumOfSquares', [spec.sumOfSquares!], 'Sum']]
    : [['count', [spec.metric], 'SampleCount'], ...(spec.percentiles ?? DEFAULT_PERCENTILES).map((p): [string, CloudWatchMetricRef[], string] => [`p${p}`, [spec.metric], `p${p}`])];
  const ids = {} as Record<Arm, Record<string, { id: string; absentIsZero: boolean }[]>>;
  for (const arm of ARMS) {
    ids[arm] = {};
    for (const [field, refs, defaultStat] of parts) {
      ids[arm][field] = [];
      for (const ref of refs) {
        const filled = fill(ref, valuesFor(arm));
        if (!filled.ok) return fail(`${field}: ${filled.error}`);
        // A percentile part is always that percentile; a rate's and a summary's count take the ref's own stat when it names one.
        const stat = field.startsWith('p') ? defaultStat! : (ref.stat ?? defaultStat!);
        ids[arm][field].push({ id: stats.add(filled.value, stat), absentIsZero: ref.absentIsZero === true });
      }
    }
  }
  const same = parts.find(([field]) => ids.control[field]!.map((x) => x.id).join() === ids.canary[field]!.map((x) => x.id).join());
  if (same) return fail(`query.${same[0]} reads the same series for both arms: tell them apart by a dimension valued {{model}}, {{variant}} or {{arm}}`);
  return { ok: true, metric, spec, ids, describe: (id) => stats.describe(id) };
}

function readMetric(plan: MetricPlan, results: ReadonlyMap<string, StatResult>): MetricReading {
  const name = plan.metric.name;
  const query = ARMS.flatMap((arm) => Object.entries(plan.ids[arm]).map(([field, list]) => `${arm} ${field}: ${list.map((x) => plan.describe(x.id)).join(' + ')}`)).join('\n');
  const arms: Partial<Record<Arm, ArmData>> = {};
  for (const arm of ARMS) {
    const totals: Record<string, number> = {};
    const missing: { field: string; id: string; error: string; absentIsZero: boolean }[] = [];
    for (const [field, list] of Object.entries(plan.ids[arm])) {
      let acc = 0;
      for (const { id, absentIsZero } of list) {
        const r = results.get(id);
        if (r?.ok) acc += plan.spec.kind === 'percentiles' && field !== 'count' ? percentileOf(r.values) : r.values.reduce((a, b) => a + b, 0);
        else missing.push({ field, id, error: r && !r.ok ? r.error : 'no answer', absentIsZero });
      }
      totals[field] = acc;
    }
    const totalKnown = !missing.some((m) => m.field === 'total');
    const fatal = missing.find((m) => !(m.absentIsZero && m.error === 'no datapoints in the window' && totalKnown));
    if (fatal) return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm} ${fatal.field}: no data: ${plan.describe(fatal.id)}: ${fatal.error}`, query };
    const data = armData(plan.spec, totals);
    if (typeof data === 'string') return { metric: name, ok: false, kind: 'invalid', error: `metric ${name}, ${arm}: ${data}`, query };
    arms[arm] = data;
  }
  return { metric: name, ok: true, arms: { control: arms.control!, canary: arms.canary! }, query };
}

/** A percentile over a window of one period is one datapoint; several cannot be merged into a percentile. */
function percentileOf(values: readonly number[]): number {
  return values.length === 1 ? values[0]! : NaN;
}

function armData(spec: MetricPlan['spec'], t: Readonly<Record<string, number>>): ArmData | string {
  switch (spec.kind) {
    case 'rate': {
      const successes = Math.round(t['events']!);
      const trials = Math.round(t['total']!);
      if (successes > trials) return `${successes} events out of ${trials} requests: events must be a subset of total`;
      return { kind: 'counts', successes, trials };
    }
    case 'summary': {
      const n = Math.round(t['count']!);
      if (n === 0) return 'no observations in the window (count is 0)';
      const mean = t['sum']! / n;
      const variance = n < 2 ? 0 : Math.max(0, (t['sumOfSquares']! - n * mean * mean) / (n - 1));
      return { kind: 'summary', n, mean, sd: Math.sqrt(variance) };
    }
    case 'percentiles': {
      const n = Math.round(t['count']!);
      if (n === 0) return 'no observations in the window (SampleCount is 0)';
      const ps = [...(spec.percentiles ?? DEFAULT_PERCENTILES)].sort((a, b) => a - b);
      const buckets: { le: number; count: number }[] = [];
      for (const p of ps) {
        const le = t[`p${p}`]!;
        if (!Number.isFinite(le)) return `p${p} came back as several datapoints, which cannot be merged into one percentile: use a window of whole minutes`;
        const count = Math.round((p / 100) * n);
        const last = buckets[buckets.length - 1];
        // Tied percentiles (few samples) share a bound: the higher rank holds it.
        if (last && le <= last.le) last.count = count;
        else buckets.push({ le, count });
      }
      buckets.push({ le: Infinity, count: n });
      return { kind: 'histogram', buckets };
    }
  }
}

const RATE_LIMITED = /^(Throttling|ThrottlingException|ThrottledException|LimitExceeded|LimitExceededException|RequestLimitExceeded|TooManyRequestsException)$/;
const UNAUTHORIZED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature|ExpiredToken|ExpiredTokenException|MissingAuthenticationToken|CredentialsProviderError)$/;

/** The kind of an SDK failure and one line a person can act on, credentials masked. */
function classify(error: unknown, label: string, signal: AbortSignal, mask: (s: string) => string): CallFailure {
  const e = error as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const code = e?.Code ?? e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  const message = mask(String(e?.message ?? error).split('\n')[0]!.slice(0, 300));
  const where = `${label}: GetMetricData`;
  if (signal.aborted || code === 'AbortError' || code === 'TimeoutError') return { ok: false, kind: 'timeout', error: `${where}: no answer before the call's deadline` };
  if (RATE_LIMITED.test(code) || e?.$retryable?.throttling === true || status === 429) {
    return { ok: false, kind: 'rate-limited', error: `${where}: throttled (${code}) after ${RETRIES + 1} attempts: ${message}; raise the account's GetMetricData quota or read less often` };
  }
  if (UNAUTHORIZED.test(code) || code === 'CredentialsProviderError' || status === 401 || status === 403) {
    return { ok: false, kind: 'unauthorized', error: `${where}: ${code}: ${message}; the role or user needs the IAM permission cloudwatch:GetMetricData (and, without static credentials, a working default credential chain, e.g. OIDC via aws-actions/configure-aws-credentials)` };
  }
  if (status !== undefined && status >= 500) return { ok: false, kind: 'unavailable', error: `${where}: ${code} (HTTP ${status}): ${message}` };
  if (status === undefined) return { ok: false, kind: 'unavailable', error: `${where}: ${code}: ${message}` };
  return { ok: false, kind: 'invalid', error: `${where}: ${code} (HTTP ${status}): ${message}` };
}
