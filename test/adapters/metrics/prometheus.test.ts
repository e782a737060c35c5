import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createPrometheusSource, type PrometheusSourceConfig } from '../../../src/adapters/metrics/prometheus.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import type { ArmData } from '../../../src/core/metrics/arm-data.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../../src/ports/metrics-source.js';
import { DATA_START, LATENCY_BUCKETS, STEP_MS, startPrometheus, stepAt, type ArmSeries, type PrometheusServer, type ReleaseName } from '../../support/prometheus-server.js';
import { applyOverrides, type Overrides } from '../../support/overrides.js';

let server: PrometheusServer;
before(async () => {
  server = await startPrometheus();
  // Start-up cost of the real server (backfill included), for the report; not asserted.
  process.stderr.write(`prometheus ready in ${server.startupMs} ms\n`);
});
after(() => server?.stop());

/** The last hour of the data: 09:00 to 10:00 on the data's day, on sample times. */
const window = { start: new Date(DATA_START + 240 * STEP_MS), end: new Date(DATA_START + 480 * STEP_MS) };

function deps(over: Partial<AdapterDeps> = {}): AdapterDeps {
  return { root: '/nowhere', env: {}, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(window.end), signal: new AbortController().signal, ...over };
}

function source(over: Overrides<PrometheusSourceConfig> = {}, d: AdapterDeps = deps()): MetricsSource {
  const built = createPrometheusSource(applyOverrides<PrometheusSourceConfig>({ name: 'prom', type: 'prometheus', url: server.url, requests: 'llm_requests_total{release="{{release}}",variant="{{variant}}"}' }, over), d);
  if (!built.ok) assert.fail(built.error);
  return built.value;
}

/** A metric whose query is the Prometheus source's typed object (the policy schema types `query` per source at merge). */
function metric(name: string, type: MetricDefinition['type'], query: unknown): MetricDefinition {
  return { name, source: 'prom', type, direction: 'lower-is-better', query } as unknown as MetricDefinition;
}

const errorRate = metric('error_rate', 'proportion', { kind: 'rate', events: 'llm_errors_total{release="{{release}}",variant="{{variant}}"}', total: 'llm_requests_total{release="{{release}}",variant="{{variant}}"}' });
const latency = metric('latency_ms', 'continuous', { kind: 'histogram', buckets: 'llm_latency_seconds_bucket{release="{{release}}",variant="{{variant}}"}', scale: 1000 });
const tokens = metric('output_tokens', 'continuous', { kind: 'summary', sum: 'llm_output_tokens_total{release="{{release}}",variant="{{variant}}"}', count: 'llm_requests_total{release="{{release}}",variant="{{variant}}"}', sumOfSquares: 'llm_output_tokens_squared_total{release="{{release}}",variant="{{variant}}"}' });

function ask(release: ReleaseName, metrics: readonly MetricDefinition[]): MetricsQuery {
  return { release, stage: 'canary-5', metrics, window };
}

async function answer(reader: MetricsSource, query: MetricsQuery): Promise<MetricsAnswer> {
  const result = await reader.read(query);
  if (!result.ok) assert.fail(`${result.kind}: ${result.error}`);
  return result.value;
}

function reading(a: MetricsAnswer, name: string): MetricReading {
  const found = a.readings.find((r) => r.metric === name);
  assert.ok(found, `no reading for ${name}`);
  return found;
}

/** What a counter gained over the window: Prometheus's increase() over a range whose both ends are samples. */
const gained = (values: readonly number[]) => values[stepAt(window.end)]! - values[stepAt(window.start)]!;
const arms = (release: ReleaseName) => server.data[release];

test('counts for both arms over the same window match the data written', async () => {
  const urls: URL[] = [];
  const recording: typeof fetch = (input, init) => { urls.push(new URL(String(input))); return globalThis.fetch(input, init); };
  const a = await answer(source({}, deps({ fetch: recording })), ask('regressed', [errorRate]));
  const r = reading(a, 'error_rate');
  if (!r.ok) assert.fail(r.error);
  const data = arms('regressed');
  assert.deepEqual(r.arms.control, { kind: 'counts', successes: gained(data.control.errors), trials: gained(data.control.requests) });
  assert.deepEqual(r.arms.canary, { kind: 'counts', successes: gained(data.canary.errors), trials: gained(data.canary.requests) });
  assert.ok(r.arms.canary.kind === 'counts' && r.arms.canary.successes / r.arms.canary.trials > 0.08, 'the regressed canary errs clearly more');
  assert.deepEqual(a.requests, { control: gained(data.control.requests), canary: gained(data.canary.requests) });
  assert.deepEqual(a.window, { start: '2025-01-15T09:00:00.000Z', end: '2025-01-15T10:00:00.000Z' });
  assert.deepEqual(new Set(urls.map((u) => u.searchParams.get('time'))), new Set([String(window.end.getTime() / 1000)]), 'every query is at the window end');
  assert.ok(urls.every((u) => u.searchParams.get('query')!.includes('[3600s]')), 'every query covers the window length');
});

test('histogram buckets come back cumulative and match the data written, bounds scaled to milliseconds', async () => {
  const a = await answer(source(), ask('regressed', [latency]));
  const r = reading(a, 'latency_ms');
  if (!r.ok) assert.fail(r.error);
  for (const arm of ['control', 'canary'] as const) {
    const expected = [...LATENCY_BUCKETS.map((le) => le * 1000), Infinity].map((le, b) => ({ le, count: gained(arms('regressed')[arm].buckets[b]!) }));
    assert.deepEqual(r.arms[arm], { kind: 'histogram', buckets: expected });
    const counts = expected.map((b) => b.count);
    assert.deepEqual(counts, [...counts].sort((x, y) => x - y), 'cumulative: each bucket holds the ones below it');
    assert.equal(counts.at(-1), gained(arms('regressed')[arm].requests), 'the +Inf bucket counts every request');
  }
});

test('a summary from sum, count and sum-of-squares counters gives the mean and sample standard deviation of the values written', async () => {
  const a = await answer(source(), ask('steady', [tokens]));
  const r = reading(a, 'output_tokens');
  if (!r.ok) assert.fail(r.error);
  for (const arm of ['control', 'canary'] as const) {
    const values = valuesIn(arms('steady')[arm]);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const got: ArmData | undefined = r.arms[arm];
    if (got?.kind !== 'summary') assert.fail(`${arm} is ${got?.kind}, not a summary`);
    assert.equal(got.n, values.length);
    assert.ok(Math.abs(got.mean - mean) < 1e-9 * mean, `mean ${got.mean} vs ${mean}`);
    assert.ok(Math.abs(got.sd - sd) < 1e-6 * sd, `sd ${got.sd} vs ${sd}`);
  }
});

function valuesIn(series: ArmSeries): number[] {
  return series.tokensByStep.slice(stepAt(window.start) + 1, stepAt(window.end) + 1).flat();
}

test('an unknown metric name yields a failed reading for that metric only while others succeed', async () => {
  const missing = metric('refusal_rate', 'proportion', { kind: 'rate', events: 'llm_refusals_total{variant="{{variant}}"}', total: 'llm_requests_total{release="{{release}}",variant="{{variant}}"}' });
  const a = await answer(source(), ask('steady', [errorRate, missing, latency]));
  assert.equal(a.readings.length, 3);
  const failed = reading(a, 'refusal_rate');
  assert.ok(!failed.ok);
  assert.equal(failed.kind, 'invalid');
  assert.match(failed.error, /^metric refusal_rate, control events: no data: sum\(increase\(llm_refusals_total\{variant="champion"\}\[3600s\]\)\) matched no series/);
  assert.match(failed.query ?? '', /llm_refusals_total\{variant="champion"\}/, 'the failed reading keeps the query it ran');
  assert.ok(reading(a, 'error_rate').ok && reading(a, 'latency_ms').ok, 'the other metrics are read');
});

test('a PromQL syntax error is an invalid reading carrying Prometheus\'s message', async () => {
  const broken = metric('error_rate', 'proportion', { kind: 'rate', events: 'sum(rate(llm_errors_total{variant="{{variant}}"}[{{window}}]', total: 'llm_requests_total{release="{{release}}",variant="{{variant}}"}' });
  const a = await answer(source(), ask('steady', [broken, latency]));
  const r = reading(a, 'error_rate');
  assert.ok(!r.ok);
  assert.equal(r.kind, 'invalid');
  assert.match(r.error, /^metric error_rate, control events: prometheus source prom: GET \/api\/v1\/query answered 400 Bad Request: invalid parameter "query": 1:\d+: parse error: unclosed left parenthesis$/);
  assert.ok(reading(a, 'latency_ms').ok);
});

test('an unreachable server fails the read as unavailable, naming the source, after one query\'s attempts rather than one per metric', async () => {
  const closed = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as AddressInfo; s.close(() => resolve(port)); });
  });
  const asked: string[] = [];
  const counting: typeof fetch = (input, init) => { asked.push(new URL(String(input)).searchParams.get('query')!); return globalThis.fetch(input, init); };
  const result = await source({ url: `http://127.0.0.1:${closed}` }, deps({ fetch: counting })).read(ask('steady', [errorRate, latency, tokens]));
  assert.ok(!result.ok);
  assert.equal(result.kind, 'unavailable');
  assert.match(result.error, /^prometheus source prom: GET \/api\/v1\/query: no answer \(ECONNREFUSED\)/);
  assert.deepEqual(new Set(asked), new Set([asked[0]]), 'only the first query is tried (with its retries), not one per metric');
});

test('templates are filled per arm, the resolved query is in the reading, and an expression naming {{window}} is used as written', async () => {
  const written = metric('error_rate', 'proportion', {
    kind: 'rate',
    events: 'sum(increase(llm_errors_total{release="{{release}}",variant="{{variant}}"}[{{window}}])) + 0 * count(up{arm="{{arm}}"} or vector(1))',
    total: 'llm_requests_total{release="{{ release }}",variant="{{variant}}"}',
  });
  const a = await answer(source({ variants: { control: 'champion', canary: 'challenger' } }), ask('regressed', [written]));
  const r = reading(a, 'error_rate');
  if (!r.ok) assert.fail(r.error);
  assert.equal(r.query, [
    'control events: sum(increase(llm_errors_total{release="regressed",variant="champion"}[3600s])) + 0 * count(up{arm="control"} or vector(1))',
    'control total: sum(increase(llm_requests_total{release="regressed",variant="champion"}[3600s]))',
    'canary events: sum(increase(llm_errors_total{release="regressed",variant="challenger"}[3600s])) + 0 * count(up{arm="canary"} or vector(1))',
    'canary total: sum(increase(llm_requests_total{release="regressed",variant="challenger"}[3600s]))',
  ].join('\n'));
  assert.deepEqual(r.arms.canary, { kind: 'counts', successes: gained(arms('regressed').canary.errors), trials: gained(arms('regressed').canary.requests) });
});

test('requests that match no series leave the answer without request counts and say why, while the metrics are read', async () => {
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
  const a = await answer(source({ requests: 'llm_served_total{variant="{{variant}}"}' }, deps({ logger })), ask('steady', [errorRate]));
  assert.equal(a.requests, undefined);
  assert.ok(reading(a, 'error_rate').ok);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^prometheus source prom: requests per arm are unknown, so the split check is skipped: no data: sum\(increase\(llm_served_total\{variant="champion"\}\[3600s\]\)\) matched no series/);
});

test('variant names from the source entry replace the defaults in {{variant}}', async () => {
  const a = await answer(source({ variants: { control: 'gpt-4o', canary: 'gpt-4.1' } }), ask('steady', [errorRate]));
  const r = reading(a, 'error_rate');
  assert.ok(!r.ok, 'no series carries these variant names');
  assert.match(r.query ?? '', /variant="gpt-4o"[\s\S]*variant="gpt-4\.1"/);
});

test('an unknown template, or a query that reads the same series for both arms, is a configuration error: in the source entry when it is built, in a metric\'s query as that metric\'s failed reading', async () => {
  const built = createPrometheusSource({ name: 'prom', type: 'prometheus', url: server.url, requests: 'llm_requests_total{stage="{{stage}}"}' }, deps());
  assert.ok(!built.ok);
  assert.deepEqual(built.field, ['requests']);
  assert.match(built.error, /requests uses \{\{stage\}\}; the templates are \{\{arm\}\}, \{\{variant\}\}, \{\{window\}\}, \{\{release\}\}/);

  const typo = metric('error_rate', 'proportion', { kind: 'rate', events: 'llm_errors_total{variant="{{varaint}}"}', total: 'llm_requests_total' });
  const wrongKind = metric('latency_ms', 'continuous', { kind: 'rate', events: 'a', total: 'b' });
  const bothArms = metric('refusal_rate', 'proportion', { kind: 'rate', events: 'llm_errors_total{variant="{{variant}}"}', total: 'llm_requests_total{release="{{release}}"}' });
  const a = await answer(source(), ask('steady', [typo, wrongKind, bothArms, tokens]));
  const first = reading(a, 'error_rate');
  assert.ok(!first.ok && first.kind === 'invalid');
  assert.match(first.error, /metric error_rate: query\.events: events uses \{\{varaint\}\}/);
  const second = reading(a, 'latency_ms');
  assert.ok(!second.ok && /a continuous metric is read with a histogram or summary query, not rate/.test(second.error));
  const third = reading(a, 'refusal_rate');
  assert.ok(!third.ok && /query\.total reads the same series for both arms: select each arm's with \{\{variant\}\} or \{\{arm\}\}/.test(third.error));
  assert.ok(reading(a, 'output_tokens').ok);
  const unsplit = createPrometheusSource({ name: 'prom', type: 'prometheus', url: server.url, requests: 'llm_requests_total' }, deps());
  assert.ok(!unsplit.ok && /requests counts both arms together/.test(unsplit.error));
});

test('a bearer token is sent but never appears in an error, even when the server echoes it', async () => {
  const token = 's3cret-token-value';
  const seen: IncomingHttpHeaders[] = [];
  const echo = createServer((req, res) => {
    seen.push(req.headers);
    const status = new URL(req.url!, 'http://x').searchParams.get('query')!.includes('llm_errors') ? 400 : 401;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `rejected ${req.headers.authorization}` }));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const reader = source({ url, bearerTokenEnv: 'PROM_TOKEN', requests: undefined }, deps({ env: { PROM_TOKEN: token } }));
    const refused = await reader.read(ask('steady', [metric('x', 'continuous', { kind: 'histogram', buckets: 'llm_latency_seconds_bucket{variant="{{variant}}"}' })]));
    assert.ok(!refused.ok);
    assert.equal(refused.kind, 'unauthorized');
    assert.match(refused.error, /^prometheus source prom: GET \/api\/v1\/query answered 401 Unauthorized: rejected \*\*\*/);
    const partly = await reader.read(ask('steady', [metric('error_rate', 'proportion', { kind: 'rate', events: 'llm_errors_total{variant="{{variant}}"}', total: 'llm_requests_total{variant="{{variant}}"}' })]));
    assert.ok(partly.ok);
    const r = reading(partly.value, 'error_rate');
    assert.ok(!r.ok);
    assert.equal(r.kind, 'invalid');
    assert.equal(r.error, 'metric error_rate, control events: prometheus source prom: GET /api/v1/query answered 400 Bad Request: rejected ***');
    assert.equal(seen[0]?.authorization, `Bearer ${token}`);
    assert.ok(!JSON.stringify([refused, partly]).includes(token));
  } finally {
    await new Promise((resolve) => echo.close(resolve));
  }
  const unset = createPrometheusSource({ name: 'prom', type: 'prometheus', url: server.url, bearerTokenEnv: 'PROM_TOKEN' }, deps());
  assert.deepEqual(unset, { ok: false, field: ['bearerTokenEnv'], error: "metrics source prom: environment variable PROM_TOKEN (bearerTokenEnv) is not set: add it to the workflow's env from a secret" });
});
