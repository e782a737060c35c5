import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDatadogSource, datadogRetryAfterMs, GROUP_LIMIT, type DatadogSourceConfig } from '../../../src/adapters/metrics/datadog.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger, type Logger } from '../../../src/ports/logger.js';
import type { MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../../src/ports/metrics-source.js';
import { datadogFake, type DatadogFake } from '../../support/datadog-fake.js';

const API_KEY = 'dd-api-0123456789abcdef0123';
const APP_KEY = 'dd-app-fedcba9876543210fedc';
const START = Date.parse('2026-03-02T09:00:00Z');
const END = Date.parse('2026-03-02T10:00:00Z');
const window = { start: new Date(START), end: new Date(END) };
const MINUTE = 60_000;

function metric(name: string, type: MetricDefinition['type'], query: unknown): MetricDefinition {
  return { name, source: 'dd', type, direction: 'lower-is-better', query } as unknown as MetricDefinition;
}

const errorRate = metric('error_rate', 'proportion', { kind: 'rate', events: 'sum:llm.errors{release:{{release}},variant:{{variant}}}.as_count()', total: 'sum:llm.requests{release:{{release}},variant:{{variant}}}.as_count()' });
const refusalRate = metric('refusal_rate', 'proportion', { kind: 'rate', events: 'sum:llm.refusals{variant:{{variant}}}.as_count()', total: 'sum:llm.requests{release:{{release}},variant:{{variant}}}.as_count()' });
const latency = metric('latency_ms', 'continuous', { kind: 'histogram', buckets: 'sum:llm.latency.bucket{variant:{{variant}}} by {upper_bound}.as_count()' });
const cost = metric('cost_usd', 'continuous', { kind: 'summary', sum: 'sum:llm.cost{variant:{{variant}}}.as_count()', count: 'sum:llm.requests{release:{{release}},variant:{{variant}}}.as_count()', sumOfSquares: 'sum:llm.cost.squared{variant:{{variant}}}.as_count()' });

interface Harness {
  readonly fake: DatadogFake;
  readonly source: MetricsSource;
  readonly waits: number[];
  readonly warnings: string[];
}

function harness(config: Partial<DatadogSourceConfig> = {}, over: { env?: Record<string, string>; signal?: AbortSignal; host?: string } = {}): Harness {
  const fake = datadogFake({ apiKey: API_KEY, appKey: APP_KEY }, over.host);
  const waits: number[] = [];
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  const deps: AdapterDeps & { sleep: (ms: number) => Promise<void> } = {
    root: '/nowhere',
    env: over.env ?? { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY },
    fetch: fake.fetch,
    logger,
    clock: fixedClock(window.end),
    signal: over.signal ?? new AbortController().signal,
    sleep: async (ms) => void waits.push(ms),
  };
  const built = createDatadogSource({ name: 'dd', type: 'datadog', apiKeyEnv: 'DD_API_KEY', appKeyEnv: 'DD_APP_KEY', variants: { control: 'gpt-4o', canary: 'gpt-4-1' }, ...config }, deps);
  if (!built.ok) assert.fail(built.error);
  return { fake, source: built.value, waits, warnings };
}

/** An hour of traffic: 100 requests a minute per arm; the canary errs more, is slower and costs more. Points outside the window must not count. */
function seed(fake: DatadogFake): void {
  for (const [variant, errors, refusals, costCents] of [['gpt-4o', 2, 1, 3], ['gpt-4-1', 5, 0, 4]] as const) {
    for (let at = START - 10 * MINUTE; at < END + 10 * MINUTE; at += MINUTE) {
      fake.point('llm.requests', { release: 'support-assistant', variant }, at, 100);
      fake.point('llm.errors', { release: 'support-assistant', variant }, at, errors);
      if (refusals > 0) fake.point('llm.refusals', { variant }, at, refusals);
      fake.point('llm.cost', { variant }, at, (100 * costCents) / 100);
      fake.point('llm.cost.squared', { variant }, at, 100 * (costCents / 100) ** 2 + 0.01);
      // Per-bucket (non-cumulative) counts, as the OpenTelemetry exporter writes them in counters mode.
      const slow = variant === 'gpt-4-1' ? 10 : 0;
      fake.point('llm.latency.bucket', { variant, upper_bound: '0.5' }, at, 60 - slow);
      fake.point('llm.latency.bucket', { variant, upper_bound: '1' }, at, 30);
      fake.point('llm.latency.bucket', { variant, upper_bound: 'inf' }, at, 10 + slow);
    }
  }
}

function ask(metrics: readonly MetricDefinition[]): MetricsQuery {
  return { release: 'support-assistant', stage: 'canary-5', metrics, window };
}

async function answer(source: MetricsSource, metrics: readonly MetricDefinition[]): Promise<MetricsAnswer> {
  const result = await source.read(ask(metrics));
  if (!result.ok) assert.fail(`${result.kind}: ${result.error}`);
  return result.value;
}

function reading(a: MetricsAnswer, name: string): MetricReading {
  const found = a.readings.find((r) => r.metric === name);
  assert.ok(found, `no reading for ${name}`);
  return found;
}

test('the v2 scalar API gives counts, bucket histograms and summaries for both arms over the same hour, and every request follows the v2 spec with both keys', async () => {
  const { fake, source } = harness({ requests: 'sum:llm.requests{release:{{release}},variant:{{variant}}}.as_count()' });
  seed(fake);
  const a = await answer(source, [errorRate, latency, cost]);

  assert.deepEqual(a.window, { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z' });
  assert.deepEqual(a.requests, { control: 6000, canary: 6000 });
  assert.deepEqual(reading(a, 'error_rate'), {
    metric: 'error_rate',
    ok: true,
    arms: { control: { kind: 'counts', successes: 120, trials: 6000 }, canary: { kind: 'counts', successes: 300, trials: 6000 } },
    query: [
      'control events: sum:llm.errors{release:support-assistant,variant:gpt-4o}.as_count()',
      'control total: sum:llm.requests{release:support-assistant,variant:gpt-4o}.as_count()',
      'canary events: sum:llm.errors{release:support-assistant,variant:gpt-4-1}.as_count()',
      'canary total: sum:llm.requests{release:support-assistant,variant:gpt-4-1}.as_count()',
    ].join('\n'),
  });
  const lat = reading(a, 'latency_ms');
  assert.ok(lat.ok);
  assert.deepEqual(lat.arms.control, { kind: 'histogram', buckets: [{ le: 0.5, count: 3600 }, { le: 1, count: 5400 }, { le: Infinity, count: 6000 }] });
  assert.deepEqual(lat.arms.canary, { kind: 'histogram', buckets: [{ le: 0.5, count: 3000 }, { le: 1, count: 4800 }, { le: Infinity, count: 6000 }] });
  const c = reading(a, 'cost_usd');
  assert.ok(c.ok && c.arms.control?.kind === 'summary' && c.arms.canary?.kind === 'summary');
  assert.equal(c.arms.control.n, 6000);
  assert.ok(Math.abs(c.arms.control.mean - 0.03) < 1e-9 && Math.abs(c.arms.canary.mean - 0.04) < 1e-9);
  // Σx² exceeds n·mean² by 60 × 0.01 = 0.6, so sd = √(0.6 / 5999).
  assert.ok(Math.abs(c.arms.control.sd - Math.sqrt(0.6 / 5999)) < 1e-6, String(c.arms.control.sd));

  assert.deepEqual(fake.violations, []);
  assert.ok(fake.requests.every((r) => r.method === 'POST' && r.url === 'https://api.datadoghq.com/api/v2/query/scalar'));
  const bodies = fake.requests.map((r) => r.body as { data: { attributes: { from: number; to: number } } });
  assert.ok(bodies.every((b) => b.data.attributes.from === START && b.data.attributes.to === END), 'both arms of every metric are asked over the same window');
  assert.equal(fake.requests.length, 4, 'one request per metric holds both arms, plus one for the requests per arm');
});

test('the v1 fallback reads the same numbers through GET /api/v1/query, skipping gaps, and every request follows the v1 spec', async () => {
  const { fake, source } = harness({ api: 'v1' });
  seed(fake);
  const a = await answer(source, [errorRate, latency]);
  const rate = reading(a, 'error_rate');
  assert.ok(rate.ok);
  assert.deepEqual(rate.arms, { control: { kind: 'counts', successes: 120, trials: 6000 }, canary: { kind: 'counts', successes: 300, trials: 6000 } });
  const lat = reading(a, 'latency_ms');
  assert.ok(lat.ok);
  assert.deepEqual(lat.arms.canary, { kind: 'histogram', buckets: [{ le: 0.5, count: 3000 }, { le: 1, count: 4800 }, { le: Infinity, count: 6000 }] });
  assert.deepEqual(fake.violations, []);
  const first = new URL(fake.requests[0]!.url);
  assert.equal(first.pathname, '/api/v1/query');
  assert.equal(first.searchParams.get('from'), String(START / 1000));
  assert.equal(first.searchParams.get('to'), String(END / 1000));
});

test('the site chooses the API host: datadoghq.eu is asked at api.datadoghq.eu', async () => {
  const { fake, source } = harness({ site: 'datadoghq.eu' }, { host: 'api.datadoghq.eu' });
  seed(fake);
  const a = await answer(source, [errorRate]);
  assert.equal(reading(a, 'error_rate').ok, true);
  assert.deepEqual(fake.violations, []);
});

test('a 429 with X-RateLimit-Reset and no Retry-After is waited out for the seconds Datadog names, then asked again', async () => {
  const { fake, source, waits } = harness();
  seed(fake);
  fake.queue({ status: 429, headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-period': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7', 'x-ratelimit-name': 'query_scalar' }, body: { errors: ['Too many requests'] } });
  const a = await answer(source, [errorRate]);
  assert.equal(reading(a, 'error_rate').ok, true);
  assert.deepEqual(waits, [7000]);
  assert.deepEqual(fake.violations, []);
});

test('a 429 whose reset is past the client\'s longest wait holds the whole source as rate-limited with the wait, without asking about the other metrics', async () => {
  const { fake, source } = harness();
  seed(fake);
  fake.queue({ status: 429, headers: { 'x-ratelimit-period': '3600', 'x-ratelimit-reset': '1800' }, body: { errors: ['Too many requests'] } });
  const result = await source.read(ask([errorRate, latency, cost]));
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.kind === 'rate-limited' && result.retryAfterMs === 1_800_000, JSON.stringify(result));
  assert.equal(fake.requests.length, 1);
});

test('a Retry-After header wins over X-RateLimit-Reset, and a reset in fractions of a second rounds up', () => {
  assert.equal(datadogRetryAfterMs(new Headers({ 'retry-after': '3', 'x-ratelimit-reset': '50' })), 3000);
  assert.equal(datadogRetryAfterMs(new Headers({ 'x-ratelimit-reset': '0.2' })), 200);
  assert.equal(datadogRetryAfterMs(new Headers({ 'x-ratelimit-period': '60' })), undefined);
});

test('an arm whose error count is missing while its request count is there is a failed reading, never zero errors', async () => {
  const { fake, source } = harness();
  seed(fake);
  const a = await answer(source, [refusalRate]);
  const r = reading(a, 'refusal_rate');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.kind === 'invalid' && /canary: no data for events .*never zero/.test(r.error), JSON.stringify(r));
  assert.match(r.query ?? '', /canary events: sum:llm\.refusals\{variant:gpt-4-1\}/);
});

test('with noEventsIsZero, an arm that never counted an event reads as zero events out of its requests', async () => {
  const { fake, source } = harness();
  seed(fake);
  const zero = metric('refusal_rate', 'proportion', { ...(refusalRate as unknown as { query: object }).query, noEventsIsZero: true });
  const r = reading(await answer(source, [zero]), 'refusal_rate');
  assert.ok(r.ok);
  assert.deepEqual(r.arms.canary, { kind: 'counts', successes: 0, trials: 6000 });
  assert.deepEqual(r.arms.control, { kind: 'counts', successes: 60, trials: 6000 });
});

test('an arm with no series at all is left out, so a canary serving alone is still read', async () => {
  const { fake, source } = harness();
  for (let at = START; at < END; at += MINUTE) {
    fake.point('llm.requests', { release: 'support-assistant', variant: 'gpt-4-1' }, at, 50);
    fake.point('llm.errors', { release: 'support-assistant', variant: 'gpt-4-1' }, at, 1);
  }
  const r = reading(await answer(source, [errorRate]), 'error_rate');
  assert.deepEqual(r.ok && r.arms, { canary: { kind: 'counts', successes: 60, trials: 3000 } });
});

test('a metric with no series in either arm is no data for that metric alone, and the others are still read', async () => {
  const { fake, source } = harness();
  seed(fake);
  const misspelt = metric('valid_json_rate', 'proportion', { kind: 'rate', events: 'sum:llm.json_valid{variant:{{variant}}}.as_count()', total: 'sum:llm.json_checked{variant:{{variant}}}.as_count()' });
  const a = await answer(source, [misspelt, errorRate]);
  const r = reading(a, 'valid_json_rate');
  assert.ok(!r.ok && r.kind === 'not-found' && /no data/.test(r.error), JSON.stringify(r));
  assert.equal(reading(a, 'error_rate').ok, true);
});

test('an answer that carries Datadog\'s errors text beside its data fails that metric and is not read in part', async () => {
  const { fake, source } = harness();
  seed(fake);
  fake.failQueriesContaining('llm.latency.bucket');
  const a = await answer(source, [errorRate, latency]);
  const r = reading(a, 'latency_ms');
  assert.ok(!r.ok && r.kind === 'invalid' && /part of the query with an error/.test(r.error), JSON.stringify(r));
  assert.equal(reading(a, 'error_rate').ok, true);
});

test('a query Datadog rejects with 400 fails only its own metric', async () => {
  const { fake, source } = harness();
  seed(fake);
  const odd = metric('tool_call_error_rate', 'proportion', { kind: 'rate', events: 'avg:llm.tool_errors{variant:{{variant}}}', total: 'sum:llm.requests{release:{{release}},variant:{{variant}}}.as_count()' });
  const a = await answer(source, [errorRate, odd]);
  assert.equal(reading(a, 'error_rate').ok, true);
  const r = reading(a, 'tool_call_error_rate');
  assert.ok(!r.ok && r.kind === 'invalid' && /400/.test(r.error), JSON.stringify(r));
});

test('an outage (503 on every attempt) fails the whole source after the retries, naming the source', async () => {
  const { fake, source, waits } = harness();
  seed(fake);
  const down = { status: 503, body: { errors: ['Service Unavailable'] } };
  fake.queue(down, down, down, down);
  const result = await source.read(ask([errorRate, latency]));
  assert.ok(!result.ok && result.kind === 'unavailable' && /datadog source dd: POST \/api\/v2\/query\/scalar answered 503/.test(result.error), JSON.stringify(result));
  assert.equal(waits.length, 3);
  assert.equal(fake.requests.length, 4, 'the other metric is not asked once the first call shows the outage');
});

test('a key Datadog refuses is unauthorized for the whole source, and neither key appears in the error even when Datadog echoes it', async () => {
  const { fake, source } = harness({}, { env: { DD_API_KEY: 'dd-api-wrong-key-123456789', DD_APP_KEY: APP_KEY } });
  seed(fake);
  const result = await source.read(ask([errorRate]));
  assert.ok(!result.ok && result.kind === 'unauthorized', JSON.stringify(result));
  assert.ok(!result.ok && !result.error.includes('dd-api-wrong-key-123456789') && !result.error.includes(APP_KEY), result.ok ? '' : result.error);
});

test('a deadline that has passed answers a time-out, not a guess', async () => {
  const controller = new AbortController();
  controller.abort();
  const { fake, source } = harness({}, { signal: controller.signal });
  seed(fake);
  const result = await source.read(ask([errorRate]));
  assert.ok(!result.ok && result.kind === 'timeout', JSON.stringify(result));
});

test('missing key variables, an unknown site and a requests query without an arm are configuration errors naming the field', () => {
  const deps = (env: Record<string, string>): AdapterDeps => ({ root: '/', env, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(window.end), signal: new AbortController().signal });
  const base: DatadogSourceConfig = { name: 'dd', type: 'datadog', apiKeyEnv: 'DD_API_KEY', appKeyEnv: 'DD_APP_KEY' };
  const noApp = createDatadogSource(base, deps({ DD_API_KEY: API_KEY }));
  assert.ok(!noApp.ok && noApp.field?.[0] === 'appKeyEnv' && /DD_APP_KEY \(appKeyEnv\) is not set/.test(noApp.error));
  const site = createDatadogSource({ ...base, site: 'datadoghq.evil.example' }, deps({ DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY }));
  assert.ok(!site.ok && site.field?.[0] === 'site');
  const requests = createDatadogSource({ ...base, requests: 'sum:llm.requests{*}.as_count()' }, deps({ DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY }));
  assert.ok(!requests.ok && requests.field?.[0] === 'requests');
});

test('a query that reads the same series for both arms, or the wrong kind for its metric type, fails that metric before any call', async () => {
  const { fake, source } = harness();
  const same = metric('error_rate', 'proportion', { kind: 'rate', events: 'sum:llm.errors{*}.as_count()', total: 'sum:llm.requests{variant:{{variant}}}.as_count()' });
  const wrongKind = metric('latency_ms', 'proportion', { kind: 'histogram', buckets: 'sum:llm.latency.bucket{variant:{{variant}}} by {upper_bound}.as_count()' });
  const a = await answer(source, [same, wrongKind]);
  assert.ok(a.readings.every((r) => !r.ok && r.kind === 'invalid'));
  assert.equal(fake.requests.length, 0);
});

test('when the requests query has no data for an arm, the split check is skipped with a warning and the metrics are still read', async () => {
  const { fake, source, warnings } = harness({ requests: 'sum:llm.sessions{variant:{{variant}}}.as_count()' });
  seed(fake);
  const a = await answer(source, [errorRate]);
  assert.equal(a.requests, undefined);
  assert.equal(reading(a, 'error_rate').ok, true);
  assert.match(warnings.join('\n'), /requests per arm are unknown/);
});

test('the fake\'s spec check is live: it flags a scalar query without its aggregator and a v1 query without its time range', async () => {
  const { fake } = harness();
  await fake.fetch('https://api.datadoghq.com/api/v2/query/scalar', {
    method: 'POST',
    headers: { 'DD-API-KEY': API_KEY, 'DD-APPLICATION-KEY': APP_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { type: 'scalar_request', attributes: { from: START, to: END, queries: [{ data_source: 'metrics', name: 'a', query: 'sum:llm.requests{*}.as_count()' }] } } }),
  });
  await fake.fetch('https://api.datadoghq.com/api/v1/query?query=sum%3Allm.requests%7B*%7D.as_count()&from=soon', { headers: { 'DD-API-KEY': API_KEY, 'DD-APPLICATION-KEY': APP_KEY } });
  assert.ok(fake.violations.some((v) => v.startsWith('POST /api/v2/query/scalar: body/data/attributes/queries/0')), fake.violations.join('\n'));
  assert.ok(fake.violations.includes('GET /api/v1/query: query parameter from must be an integer, not soon'), fake.violations.join('\n'));
  assert.ok(fake.violations.includes('GET /api/v1/query: query parameter to is required'), fake.violations.join('\n'));
});

/** Users with their own levels: in each arm, user i sends 10 + i requests an hour and errs on every (i % 4)-th minute's call; users 0 and 4 never err. */
function seedUsers(fake: DatadogFake, users: number): { control: number[][]; canary: number[][] } {
  const perArm: { control: number[][]; canary: number[][] } = { control: [], canary: [] };
  for (const [arm, variant] of [['control', 'gpt-4o'], ['canary', 'gpt-4-1']] as const) {
    for (let i = 0; i < users; i++) {
      const requests = 10 + i;
      const errors = i % 4 === 0 ? 0 : (i % 4) + (arm === 'canary' ? 1 : 0);
      fake.point('llm.requests', { variant, 'usr.id': `u${i}` }, START + i * MINUTE, requests);
      if (errors > 0) fake.point('llm.errors', { variant, 'usr.id': `u${i}` }, START + i * MINUTE, errors);
      perArm[arm].push([errors, requests]);
    }
  }
  return perArm;
}

const sumsOf = (units: number[][]) => ({
  kind: 'ratio',
  units: units.length,
  sumX: units.reduce((a, [x]) => a + x!, 0),
  sumY: units.reduce((a, [, y]) => a + y!, 0),
  sumXX: units.reduce((a, [x]) => a + x! * x!, 0),
  sumYY: units.reduce((a, [, y]) => a + y! * y!, 0),
  sumXY: units.reduce((a, [x, y]) => a + x! * y!, 0),
});

const errorsByUser = metric('error_rate', 'proportion', { kind: 'ratio', x: 'sum:llm.errors{variant:{{variant}}} by {usr.id}.as_count()', y: 'sum:llm.requests{variant:{{variant}}} by {usr.id}.as_count()' });

for (const api of ['v2', 'v1'] as const) {
  test(`a ratio grouped by user gives the units and their five sums, counting a user without an error series as zero errors (${api})`, async () => {
    const { fake, source } = harness({ api, units: 'sum:llm.requests{variant:{{variant}}} by {usr.id}.as_count()' });
    const truth = seedUsers(fake, 30);
    const a = await answer(source, [errorsByUser]);
    assert.deepEqual(a.units, { control: 30, canary: 30 });
    const r = reading(a, 'error_rate');
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.arms.control, sumsOf(truth.control));
    assert.deepEqual(r.arms.canary, sumsOf(truth.canary));
    assert.deepEqual(fake.violations, []);
  });
}

test('a ratio whose error query has no group at all in an arm is no data, not zero, unless noEventsIsZero says so', async () => {
  const { fake, source } = harness();
  for (let i = 0; i < 5; i++) for (const variant of ['gpt-4o', 'gpt-4-1']) fake.point('llm.requests', { variant, 'usr.id': `u${i}` }, START, 10);
  const r = reading(await answer(source, [errorsByUser]), 'error_rate');
  assert.ok(!r.ok && r.kind === 'invalid' && /no data for x/.test(r.error), JSON.stringify(r));
  const zero = metric('error_rate', 'proportion', { ...(errorsByUser as unknown as { query: object }).query, noEventsIsZero: true });
  const z = reading(await answer(source, [zero]), 'error_rate');
  assert.deepEqual(z.ok && z.arms.canary, { kind: 'ratio', units: 5, sumX: 0, sumY: 50, sumXX: 0, sumYY: 500, sumXY: 0 });
});

test('a ratio whose answer fills Datadog\'s group limit is refused as possibly cut, never read in part', async () => {
  const { fake, source } = harness();
  const users = GROUP_LIMIT;
  for (let i = 0; i < users; i++) fake.point('llm.requests', { variant: 'gpt-4-1', 'usr.id': `u${i}` }, START, 1);
  fake.point('llm.errors', { variant: 'gpt-4-1', 'usr.id': 'u1' }, START, 1);
  const r = reading(await answer(source, [errorsByUser]), 'error_rate');
  assert.ok(!r.ok && r.kind === 'invalid' && /limit for one answer/.test(r.error), JSON.stringify(r));
});
