import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { bedrockModelId, createCloudWatchSource, type CloudWatchSourceConfig } from '../../../src/adapters/metrics/cloudwatch.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import { histogramQuantile } from '../../../src/core/stats/index.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { MetricsQuery } from '../../../src/ports/metrics-source.js';
import { smithyChecker } from '../../support/smithy-check-json10.js';

const checker = smithyChecker('/work/shared/specs/aws/cloudwatch.json');
const KEY_ID = 'AKIAFAKEKEYID0000001';
const SECRET = 'fakeSecretAccessKey/abcdefghijklmnopqrst';
const env = { CW_KEY_ID: KEY_ID, CW_SECRET: SECRET };

interface Query {
  Id: string;
  MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] }; Period: number; Stat: string };
}
interface Body {
  MetricDataQueries: Query[];
  StartTime: number;
  EndTime: number;
  NextToken?: string;
}
type Reply = { status: number; headers?: Record<string, string>; body: unknown };

/** The data the fake CloudWatch holds: `Namespace MetricName{Dim=Value} Stat` → datapoint values over the window. */
let data: Map<string, number[]>;
let requests: { headers: IncomingHttpHeaders; body: Body }[];
let violations: string[];
/** Answers a request instead of the store, when a test wants an error or a status. */
let override: ((body: Body, n: number) => Reply | 'hang' | undefined) | undefined;
/** Results per page: the store answers in pages of this many results, with a NextToken. */
let pageSize: number;
let port = 0;
const hung: (() => void)[] = [];

const key = (q: Query) => `${q.MetricStat.Metric.Namespace} ${q.MetricStat.Metric.MetricName}{${(q.MetricStat.Metric.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',')}} ${q.MetricStat.Stat}`;

function fromStore(body: Body): Reply {
  const start = Number(body.NextToken ?? 0);
  const page = body.MetricDataQueries.slice(start, start + pageSize);
  const next = start + pageSize < body.MetricDataQueries.length ? String(start + pageSize) : undefined;
  return {
    status: 200,
    body: {
      MetricDataResults: page.map((q) => {
        const values = data.get(key(q)) ?? [];
        return { Id: q.Id, Label: q.MetricStat.Metric.MetricName, Timestamps: values.map(() => body.StartTime), Values: values, StatusCode: 'Complete' };
      }),
      Messages: [],
      ...(next ? { NextToken: next } : {}),
    },
  };
}

const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => {
    violations.push(...checker.check({ headers: req.headers, body: raw }, 'GetMetricData'));
    const body = JSON.parse(raw) as Body;
    requests.push({ headers: req.headers, body });
    const reply = override?.(body, requests.length) ?? fromStore(body);
    if (reply === 'hang') return void hung.push(() => res.destroy());
    res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => {
  for (const close of hung) close();
  server.close();
});
beforeEach(() => {
  data = new Map();
  requests = [];
  violations = [];
  override = undefined;
  pageSize = 500;
});

const window = { start: new Date('2026-01-01T09:00:00Z'), end: new Date('2026-01-01T10:00:00Z') };
const waits: number[] = [];
function source(extra: Partial<CloudWatchSourceConfig> = {}, deps: { env?: Record<string, string> } = {}) {
  const built = createCloudWatchSource(
    { name: 'cw', type: 'cloudwatch', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyIdEnv: 'CW_KEY_ID', secretAccessKeyEnv: 'CW_SECRET', ...extra },
    { root: '/', env: deps.env ?? env, fetch, logger: silentLogger, clock: fixedClock(window.end), signal: new AbortController().signal, sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
  );
  if (!built.ok) assert.fail(built.error);
  return built.value;
}

const dim = (value: string) => ({ Variant: value });
const app = (metric: string, stat = 'Sum') => ({ namespace: 'MyApp/LLM', metric, dimensions: { Variant: '{{variant}}' }, stat });
const errorRate = { name: 'error_rate', source: 'cw', type: 'proportion', direction: 'lower-is-better', query: { kind: 'rate', events: app('Errors'), total: app('Requests') } } as unknown as MetricDefinition;
const cost = { name: 'cost', source: 'cw', type: 'continuous', direction: 'lower-is-better', query: { kind: 'summary', sum: app('Cost'), count: app('Cost', 'SampleCount'), sumOfSquares: app('CostSquared') } } as unknown as MetricDefinition;
const set = (metric: string, variant: string, stat: string, values: number[], ns = 'MyApp/LLM', d: Record<string, string> = dim(variant)) =>
  data.set(`${ns} ${metric}{${Object.entries(d).map(([k, v]) => `${k}=${v}`).join(',')}} ${stat}`, values);
const read = (metrics: MetricDefinition[], s = source(), extra: Partial<MetricsQuery> = {}) => s.read({ release: 'support-bot', stage: 'canary-5', metrics, window, ...extra });

test('counts for both arms over the same window come back from one GetMetricData call that conforms to the CloudWatch model', async () => {
  set('Errors', 'champion', 'Sum', [12, 3]);
  set('Requests', 'champion', 'Sum', [900, 100]);
  set('Errors', 'challenger', 'Sum', [4]);
  set('Requests', 'challenger', 'Sum', [50]);
  const result = await read([errorRate]);
  if (!result.ok) assert.fail(result.error);
  assert.deepEqual(result.value.readings[0], {
    metric: 'error_rate',
    ok: true,
    arms: { control: { kind: 'counts', successes: 15, trials: 1000 }, canary: { kind: 'counts', successes: 4, trials: 50 } },
    query: result.value.readings[0]!.query,
  });
  assert.match(String(result.value.readings[0]!.query), /control events: MyApp\/LLM Errors\{Variant=champion\} Sum/);
  assert.equal(requests.length, 1);
  const body = requests[0]!.body;
  assert.equal(body.StartTime, window.start.getTime() / 1000);
  assert.equal(body.EndTime, window.end.getTime() / 1000);
  assert.ok(body.MetricDataQueries.every((q) => q.MetricStat.Period === 3600), 'one period spans the window for every query');
  assert.deepEqual(violations, []);
  assert.equal(requests[0]!.headers['x-amz-target'], 'GraniteServiceVersion20100801.GetMetricData');
});

test('results spread over several pages are gathered by following NextToken', async () => {
  pageSize = 2;
  for (const v of ['champion', 'challenger']) {
    set('Errors', v, 'Sum', [1]);
    set('Requests', v, 'Sum', [10]);
    set('Cost', v, 'Sum', [6]);
    set('Cost', v, 'SampleCount', [3]);
    set('CostSquared', v, 'Sum', [14]);
  }
  const result = await read([errorRate, cost]);
  if (!result.ok) assert.fail(result.error);
  assert.equal(requests.length, 5, '10 statistics in pages of 2');
  assert.deepEqual(requests.map((r) => r.body.NextToken), [undefined, '2', '4', '6', '8']);
  assert.ok(result.value.readings.every((r) => r.ok), JSON.stringify(result.value.readings));
  const c = result.value.readings[1]!;
  assert.ok(c.ok && c.arms.canary?.kind === 'summary');
  assert.deepEqual(c.arms.canary, { kind: 'summary', n: 3, mean: 2, sd: 1 });
  assert.deepEqual(violations, []);
});

test('a PartialData status keeps paging, and the values of every page are summed', async () => {
  set('Errors', 'champion', 'Sum', [1]);
  set('Errors', 'challenger', 'Sum', [2]);
  set('Requests', 'champion', 'Sum', [10]);
  set('Requests', 'challenger', 'Sum', [20]);
  override = (body) => {
    const { NextToken: _next, ...first } = body;
    const full = fromStore(first).body as { MetricDataResults: { StatusCode: string; Values: number[] }[] };
    if (body.NextToken === undefined) return { status: 200, body: { MetricDataResults: full.MetricDataResults.map((r) => ({ ...r, StatusCode: 'PartialData' })), NextToken: 'more' } };
    return { status: 200, body: { MetricDataResults: full.MetricDataResults.map((r) => ({ ...r, Values: r.Values.map((v) => v * 2) })) } };
  };
  const result = await read([errorRate]);
  if (!result.ok) assert.fail(result.error);
  assert.equal(requests.length, 2);
  assert.equal(requests[1]!.body.NextToken, 'more');
  assert.deepEqual(result.value.readings[0]!.ok && result.value.readings[0]!.arms.canary, { kind: 'counts', successes: 6, trials: 60 }, JSON.stringify(result.value.readings));
  assert.deepEqual(violations, []);
});

test('a statistic with no datapoints, or one CloudWatch answers InternalError for, is no data for its metric alone, never a zero', async () => {
  set('Errors', 'champion', 'Sum', [1]);
  set('Errors', 'challenger', 'Sum', [2]);
  set('Requests', 'champion', 'Sum', [10]);
  // The challenger's Requests has no datapoints.
  for (const v of ['champion', 'challenger']) {
    set('Cost', v, 'Sum', [6]);
    set('Cost', v, 'SampleCount', [3]);
    set('CostSquared', v, 'Sum', [14]);
  }
  const first = await read([errorRate, cost]);
  if (!first.ok) assert.fail(first.error);
  const [rate, summary] = first.value.readings;
  assert.ok(rate && !rate.ok && rate.kind === 'invalid');
  assert.match(rate.error, /error_rate, canary total: no data: MyApp\/LLM Requests\{Variant=challenger\} Sum: no datapoints/);
  assert.ok(summary?.ok, 'the other metric is still read');

  set('Requests', 'challenger', 'Sum', [20]);
  override = (body) => {
    const reply = fromStore(body) as { status: number; body: { MetricDataResults: { Id: string; StatusCode: string }[] } };
    const bad = body.MetricDataQueries.find((q) => q.MetricStat.Metric.MetricName === 'CostSquared')!.Id;
    for (const r of reply.body.MetricDataResults) if (r.Id === bad) r.StatusCode = 'InternalError';
    return reply;
  };
  const second = await read([errorRate, cost]);
  if (!second.ok) assert.fail(second.error);
  assert.ok(second.value.readings[0]!.ok);
  const c = second.value.readings[1]!;
  assert.ok(!c.ok && /InternalError/.test(c.error), JSON.stringify(c));
});

test('throttling is retried with backoff and, when it persists, fails the read as rate-limited', async () => {
  set('Errors', 'champion', 'Sum', [1]);
  set('Errors', 'challenger', 'Sum', [2]);
  set('Requests', 'champion', 'Sum', [10]);
  set('Requests', 'challenger', 'Sum', [20]);
  const throttled: Reply = { status: 400, headers: { 'x-amzn-query-error': 'Throttling;Sender' }, body: { __type: 'com.amazonaws.cloudwatch#Throttling', message: 'Rate exceeded' } };
  waits.length = 0;
  override = (_, n) => (n <= 2 ? throttled : undefined);
  const recovered = await read([errorRate]);
  assert.ok(recovered.ok && recovered.value.readings[0]!.ok, JSON.stringify(recovered));
  assert.deepEqual(waits, [500, 1000]);

  requests = [];
  override = () => throttled;
  const failed = await read([errorRate]);
  assert.ok(!failed.ok);
  assert.equal(failed.kind, 'rate-limited');
  assert.match(failed.error, /cloudwatch source cw: GetMetricData: throttled \(Throttling\)/);
  assert.equal(requests.length, 4, 'the first attempt and three retries');
  assert.deepEqual(violations, []);
});

test('access denied fails the read as unauthorized naming the IAM action cloudwatch:GetMetricData, and a 5xx as unavailable', async () => {
  override = () => ({ status: 403, headers: { 'x-amzn-query-error': 'AccessDenied;Sender' }, body: { __type: 'com.amazonaws.cloudwatch#AccessDeniedException', message: 'User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: cloudwatch:GetMetricData' } });
  const denied = await read([errorRate]);
  assert.ok(!denied.ok);
  assert.equal(denied.kind, 'unauthorized');
  assert.match(denied.error, /needs the IAM permission cloudwatch:GetMetricData/);
  assert.equal(requests.length, 1, 'a refused credential is not retried');

  override = () => ({ status: 503, body: { __type: 'com.amazonaws.cloudwatch#ServiceUnavailable', message: 'try later' } });
  const down = await read([errorRate]);
  assert.ok(!down.ok && down.kind === 'unavailable', JSON.stringify(down));
});

test('a call that gets no answer before its deadline fails the read as a time-out, and is not retried past the deadline', async () => {
  override = () => 'hang';
  const deadline = new AbortController();
  const pending = source().read({ release: 'support-bot', stage: 'canary-5', metrics: [errorRate], window }, { signal: deadline.signal });
  while (requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
  deadline.abort();
  const result = await pending;
  assert.ok(!result.ok && result.kind === 'timeout', JSON.stringify(result));
  assert.match(result.error, /cloudwatch source cw: GetMetricData: no answer before the call's deadline/);
  assert.equal(requests.length, 1);
});

test('credentials never appear in an error, even when the service echoes them', async () => {
  override = () => ({ status: 403, headers: { 'x-amzn-query-error': 'InvalidClientTokenId;Sender' }, body: { __type: 'InvalidClientTokenId', message: `The security token ${KEY_ID} with secret ${SECRET} is invalid` } });
  const result = await read([errorRate]);
  assert.ok(!result.ok && result.kind === 'unauthorized');
  assert.ok(!result.error.includes(KEY_ID) && !result.error.includes(SECRET), result.error);
  assert.match(result.error, /\*\*\*/);
  const missing = createCloudWatchSource({ name: 'cw', type: 'cloudwatch', region: 'us-east-1', accessKeyIdEnv: 'CW_KEY_ID', secretAccessKeyEnv: 'CW_SECRET' }, { root: '/', env: { CW_KEY_ID: KEY_ID }, fetch, logger: silentLogger, clock: fixedClock(window.end), signal: new AbortController().signal });
  assert.ok(!missing.ok && missing.field?.[0] === 'secretAccessKeyEnv' && !missing.error.includes(KEY_ID), JSON.stringify(missing));
});

test('the Bedrock pack reads per-ModelId metrics for both arms from the release\'s model ids, with no query written', async () => {
  const champion = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
  const challenger = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
  const bedrock = (metric: string, model: string, stat: string, values: number[]) => set(metric, model, stat, values, 'AWS/Bedrock', { ModelId: model });
  bedrock('Invocations', champion, 'Sum', [1000]);
  bedrock('InvocationClientErrors', champion, 'Sum', [7]);
  bedrock('InvocationServerErrors', champion, 'Sum', [3]);
  bedrock('Invocations', challenger, 'Sum', [100]);
  bedrock('InvocationServerErrors', challenger, 'Sum', [2]);
  // No InvocationClientErrors series for the challenger: Bedrock publishes none when none happened.
  for (const [model, scale] of [[champion, 1], [challenger, 2]] as const) {
    bedrock('InvocationLatency', model, 'SampleCount', [model === champion ? 1000 : 100]);
    for (const [p, v] of [[50, 400], [90, 900], [95, 1200], [99, 2500]]) bedrock('InvocationLatency', model, `p${p}`, [v! * scale]);
  }
  const metrics = [
    { name: 'error_rate', source: 'bedrock', type: 'proportion', direction: 'lower-is-better' },
    { name: 'latency', source: 'bedrock', type: 'continuous', direction: 'lower-is-better', unit: 'ms' },
  ] as MetricDefinition[];
  const result = await read(metrics, source({ pack: 'bedrock' }), { models: { control: champion, canary: `bedrock/${challenger}` } });
  if (!result.ok) assert.fail(result.error);
  const [rate, latency] = result.value.readings;
  assert.deepEqual(rate!.ok && rate!.arms, { control: { kind: 'counts', successes: 10, trials: 1000 }, canary: { kind: 'counts', successes: 2, trials: 100 } });
  assert.deepEqual(latency!.ok && latency!.arms.canary, { kind: 'histogram', buckets: [{ le: 800, count: 50 }, { le: 1800, count: 90 }, { le: 2400, count: 95 }, { le: 5000, count: 99 }, { le: Infinity, count: 100 }] });
  assert.equal(histogramQuantile(latency!.ok && latency!.arms.canary?.kind === 'histogram' ? latency!.arms.canary.buckets : [], 0.95), 2400, 'a quantile gate at a listed percentile reads it back');
  assert.deepEqual(result.value.requests, { control: 1000, canary: 100 });
  const models = new Set(requests.flatMap((r) => r.body.MetricDataQueries.map((q) => `${q.MetricStat.Metric.Namespace}:${q.MetricStat.Metric.Dimensions?.map((d) => `${d.Name}=${d.Value}`).join()}`)));
  assert.deepEqual([...models].sort(), [`AWS/Bedrock:ModelId=${champion}`, `AWS/Bedrock:ModelId=${challenger}`].sort());
  assert.deepEqual(violations, []);
});

test('the Bedrock pack without a model id for an arm fails each pack metric naming models on the source, and a summary without a sum of squares says it cannot give a standard deviation', async () => {
  const result = await read([{ name: 'error_rate', source: 'bedrock', type: 'proportion', direction: 'lower-is-better' } as MetricDefinition], source({ pack: 'bedrock' }));
  if (!result.ok) assert.fail(result.error);
  const r = result.value.readings[0]!;
  assert.ok(!r.ok && /model id is unknown.*models\.control/.test(r.error), JSON.stringify(r));

  const noSquares = { ...cost, query: { kind: 'summary', sum: app('Cost'), count: app('Cost', 'SampleCount') } } as unknown as MetricDefinition;
  const s = await read([noSquares]);
  assert.ok(s.ok && !s.value.readings[0]!.ok && /standard deviation .* is unknown/.test(s.value.readings[0]!.error), JSON.stringify(s));
});

test('a provider prefix is stripped from a Bedrock model id, and other ids are kept as Bedrock records them', () => {
  assert.equal(bedrockModelId('bedrock/anthropic.claude-3-haiku-20240307-v1:0'), 'anthropic.claude-3-haiku-20240307-v1:0');
  assert.equal(bedrockModelId('bedrock/converse/meta.llama3-70b-instruct-v1:0'), 'meta.llama3-70b-instruct-v1:0');
  assert.equal(bedrockModelId('us.amazon.nova-pro-v1:0'), 'us.amazon.nova-pro-v1:0');
});

test('a source entry with a region that is not one, an endpoint carrying credentials, or half a key pair is a configuration error naming the field', () => {
  const deps = { root: '/', env, fetch, logger: silentLogger, clock: fixedClock(window.end), signal: new AbortController().signal };
  const base = { name: 'cw', type: 'cloudwatch', region: 'us-east-1' } as const;
  const cases: [Partial<CloudWatchSourceConfig>, string][] = [
    [{ region: 'Virginia' }, 'region'],
    [{ endpoint: `https://${KEY_ID}:${SECRET}@monitoring.example.com` }, 'endpoint'],
    [{ accessKeyIdEnv: 'CW_KEY_ID' }, 'secretAccessKeyEnv'],
    [{ sessionTokenEnv: 'CW_SECRET' }, 'accessKeyIdEnv'],
    [{ requests: { namespace: 'N', metric: 'Requests', dimensions: { Stage: '{{stage}}' } } }, 'requests'],
  ];
  for (const [extra, field] of cases) {
    const built = createCloudWatchSource({ ...base, ...extra }, deps);
    assert.ok(!built.ok && built.field?.[0] === field, `${JSON.stringify(extra)}: ${JSON.stringify(built)}`);
    assert.ok(!built.error.includes(SECRET));
  }
  assert.ok(createCloudWatchSource({ ...base, pack: 'bedrock' }, deps).ok, 'no credential fields: the default chain');
});
