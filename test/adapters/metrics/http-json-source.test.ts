import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createHttpJsonSource, parseJsonPath, readJsonPath, type HttpJsonSourceConfig } from '../../../src/adapters/metrics/http-json-source.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';
import type { AdapterDeps } from '../../../src/ports/adapter-deps.js';
import { fixedClock } from '../../../src/ports/clock.js';
import { silentLogger } from '../../../src/ports/logger.js';
import type { MetricReading, MetricsAnswer, MetricsQuery, MetricsSource } from '../../../src/ports/metrics-source.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const window = { start: new Date('2026-03-02T09:00:00Z'), end: new Date('2026-03-02T10:00:00Z') };

/** A metrics service on loopback: it answers what the test sets, per path, and records every request. Without the right token it answers 401 and echoes what it got. */
let server: Server;
let base = '';
const seen: { url: string; authorization: string | undefined }[] = [];
let answers: Record<string, { status: number; body: unknown; headers?: Record<string, string> }[]> = {};

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `bad credential ${req.headers.authorization ?? ''}` }));
      return;
    }
    const queue = answers[url.pathname] ?? [];
    const next = queue.length > 1 ? queue.shift()! : queue[0];
    if (!next) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'no such rollout' }));
      return;
    }
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function reset(next: typeof answers): void {
  answers = next;
  seen.length = 0;
}

function source(config: Partial<HttpJsonSourceConfig> = {}, env: Record<string, string> = { METRICS_TOKEN: TOKEN }, waits: number[] = []): MetricsSource {
  const deps: AdapterDeps & { sleep: (ms: number) => Promise<void> } = {
    root: '/nowhere',
    env,
    fetch: globalThis.fetch,
    logger: silentLogger,
    clock: fixedClock(window.end),
    signal: new AbortController().signal,
    sleep: async (ms) => void waits.push(ms),
  };
  const built = createHttpJsonSource({ name: 'svc', type: 'http-json', url: `${base}/rollouts/{{release}}?from={{start}}&to={{end}}&window={{window}}`, headers: { Authorization: { env: 'METRICS_TOKEN', prefix: 'Bearer ' } }, ...config }, deps);
  if (!built.ok) assert.fail(built.error);
  return built.value;
}

function metric(name: string, type: MetricDefinition['type'], query: unknown): MetricDefinition {
  return { name, source: 'svc', type, direction: 'lower-is-better', query } as unknown as MetricDefinition;
}

const errorRate = metric('error_rate', 'proportion', { kind: 'rate', events: '$.arms.{{arm}}.errors', total: '$.arms.{{arm}}.requests' });
const cost = metric('cost_usd', 'continuous', { kind: 'summary', n: '$.arms.{{arm}}.cost.n', mean: '$.arms.{{arm}}.cost.mean', sd: "$.arms.{{arm}}['cost']['sd']" });
const ttft = metric('ttft_ms', 'continuous', { kind: 'samples', values: '$.arms.{{arm}}.ttft_ms' });
const latency = metric('latency_ms', 'continuous', { kind: 'histogram', buckets: '$.arms.{{arm}}.latency_buckets', scale: 1000 });

const document = {
  arms: {
    control: { requests: 1000, errors: 12, cost: { n: 1000, mean: 0.031, sd: 0.01 }, ttft_ms: [210, 250, 190], latency_buckets: [{ le: 0.5, count: 700 }, { le: 1, count: 950 }, { le: '+Inf', count: 1000 }] },
    canary: { requests: 980, errors: 15, cost: { n: 980, mean: 0.036, sd: 0.012 }, ttft_ms: [230, 260], latency_buckets: [{ le: 0.5, count: 650 }, { le: 1, count: 930 }, { le: '+Inf', count: 980 }] },
  },
};

function ask(metrics: readonly MetricDefinition[]): MetricsQuery {
  return { release: 'support-assistant', stage: 'canary-5', metrics, window };
}

async function answer(s: MetricsSource, metrics: readonly MetricDefinition[]): Promise<MetricsAnswer> {
  const result = await s.read(ask(metrics));
  if (!result.ok) assert.fail(`${result.kind}: ${result.error}`);
  return result.value;
}

function reading(a: MetricsAnswer, name: string): MetricReading {
  const found = a.readings.find((r) => r.metric === name);
  assert.ok(found, `no reading for ${name}`);
  return found;
}

test('one GET with the token from the environment and the window in the URL gives counts, summaries, samples and buckets for both arms', async () => {
  reset({ '/rollouts/support-assistant': [{ status: 200, body: document }] });
  const a = await answer(source({ requests: '$.arms.{{arm}}.requests' }), [errorRate, cost, ttft, latency]);
  assert.equal(seen.length, 1);
  const url = new URL(seen[0]!.url, 'http://x');
  assert.deepEqual([url.searchParams.get('from'), url.searchParams.get('to'), url.searchParams.get('window')], ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z', '3600']);
  assert.equal(seen[0]!.authorization, `Bearer ${TOKEN}`);
  assert.deepEqual(a.requests, { control: 1000, canary: 980 });
  assert.deepEqual(reading(a, 'error_rate'), {
    metric: 'error_rate',
    ok: true,
    arms: { control: { kind: 'counts', successes: 12, trials: 1000 }, canary: { kind: 'counts', successes: 15, trials: 980 } },
    query: 'control events: $.arms.control.errors\ncontrol total: $.arms.control.requests\ncanary events: $.arms.canary.errors\ncanary total: $.arms.canary.requests',
  });
  const c = reading(a, 'cost_usd');
  assert.deepEqual(c.ok && c.arms.canary, { kind: 'summary', n: 980, mean: 0.036, sd: 0.012 });
  const t = reading(a, 'ttft_ms');
  assert.deepEqual(t.ok && t.arms.control, { kind: 'samples', values: [210, 250, 190] });
  const l = reading(a, 'latency_ms');
  assert.deepEqual(l.ok && l.arms.control, { kind: 'histogram', buckets: [{ le: 500, count: 700 }, { le: 1000, count: 950 }, { le: Infinity, count: 1000 }] });
});

test('a URL that names the arm is asked once per arm, and each arm is read from its own answer', async () => {
  reset({
    '/arms/gpt-4o': [{ status: 200, body: { errors: 3, requests: 300 } }],
    '/arms/gpt-4.1': [{ status: 200, body: { errors: 9, requests: 310 } }],
  });
  const perArm = metric('error_rate', 'proportion', { kind: 'rate', events: '$.errors', total: '$.requests' });
  const a = await answer(source({ url: `${base}/arms/{{variant}}`, variants: { control: 'gpt-4o', canary: 'gpt-4.1' } }), [perArm]);
  assert.deepEqual(seen.map((s) => s.url), ['/arms/gpt-4o', '/arms/gpt-4.1']);
  const r = reading(a, 'error_rate');
  assert.deepEqual(r.ok && r.arms, { control: { kind: 'counts', successes: 3, trials: 300 }, canary: { kind: 'counts', successes: 9, trials: 310 } });
});

test('a ratio of per-user sums and the users per arm are read for the delta method and the split check on units', async () => {
  const stats = (users: number, x: number, y: number) => ({ users, requests: y, errors: { units: users, sumX: x, sumY: y, sumXX: x * 3, sumYY: y * 25, sumXY: x * 9 } });
  reset({ '/rollouts/support-assistant': [{ status: 200, body: { arms: { control: stats(400, 30, 8000), canary: stats(40, 5, 790) } } }] });
  const byUser = metric('error_rate', 'proportion', { kind: 'ratio', units: '$.arms.{{arm}}.errors.units', sumX: '$.arms.{{arm}}.errors.sumX', sumY: '$.arms.{{arm}}.errors.sumY', sumXX: '$.arms.{{arm}}.errors.sumXX', sumYY: '$.arms.{{arm}}.errors.sumYY', sumXY: '$.arms.{{arm}}.errors.sumXY' });
  const a = await answer(source({ requests: '$.arms.{{arm}}.requests', units: '$.arms.{{arm}}.users' }), [byUser]);
  assert.deepEqual(a.units, { control: 400, canary: 40 });
  assert.deepEqual(a.requests, { control: 8000, canary: 790 });
  const r = reading(a, 'error_rate');
  assert.deepEqual(r.ok && r.arms.canary, { kind: 'ratio', units: 40, sumX: 5, sumY: 790, sumXX: 15, sumYY: 19750, sumXY: 45 });
});

test('a value missing or null for one arm while the rest of the arm is there is a failed reading, never zero', async () => {
  reset({ '/rollouts/support-assistant': [{ status: 200, body: { arms: { control: { requests: 1000, errors: 4 }, canary: { requests: 900, errors: null } } } }] });
  const r = reading(await answer(source(), [errorRate]), 'error_rate');
  assert.ok(!r.ok && r.kind === 'invalid' && /canary: nothing at \$\.arms\.canary\.errors .*never zero/.test(r.error), JSON.stringify(r));
});

test('an arm the answer does not mention is left out, and a metric it does not mention at all is no data for that metric alone', async () => {
  reset({ '/rollouts/support-assistant': [{ status: 200, body: { arms: { canary: { requests: 900, errors: 2 } } } }] });
  const refusals = metric('refusal_rate', 'proportion', { kind: 'rate', events: '$.arms.{{arm}}.refusals', total: '$.arms.{{arm}}.answers' });
  const a = await answer(source(), [errorRate, refusals]);
  const r = reading(a, 'error_rate');
  assert.deepEqual(r.ok && r.arms, { canary: { kind: 'counts', successes: 2, trials: 900 } });
  const missing = reading(a, 'refusal_rate');
  assert.ok(!missing.ok && missing.kind === 'not-found', JSON.stringify(missing));
});

test('a value of the wrong type fails its own metric and the others are still read', async () => {
  reset({ '/rollouts/support-assistant': [{ status: 200, body: { arms: { control: { requests: 1000, errors: 'many', ttft_ms: [1, 2] }, canary: { requests: 900, errors: '7', ttft_ms: [3] } } } }] });
  const a = await answer(source(), [errorRate, ttft]);
  const r = reading(a, 'error_rate');
  assert.ok(!r.ok && r.kind === 'invalid' && /control: \$\.arms\.control\.errors is "many"; expected a number/.test(r.error), JSON.stringify(r));
  assert.equal(reading(a, 'ttft_ms').ok, true);
});

test('a refused token is unauthorized for the whole source, and the token never shows even when the service echoes it', async () => {
  reset({});
  const result = await source({}, { METRICS_TOKEN: 'wrong-token-abcdefgh12345' }).read(ask([errorRate]));
  assert.ok(!result.ok && result.kind === 'unauthorized', JSON.stringify(result));
  assert.ok(!result.ok && !result.error.includes('wrong-token-abcdefgh12345'), result.ok ? '' : result.error);
});

test('an outage is retried, then fails the whole source; a 429 with Retry-After is waited out', async () => {
  reset({ '/rollouts/support-assistant': [{ status: 503, body: { message: 'down' } }] });
  const waits: number[] = [];
  const down = await source({}, undefined, waits).read(ask([errorRate]));
  assert.ok(!down.ok && down.kind === 'unavailable' && /http-json source svc: GET \/rollouts\/support-assistant answered 503/.test(down.error), JSON.stringify(down));
  assert.equal(seen.length, 4);

  reset({ '/rollouts/support-assistant': [{ status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '2' } }, { status: 200, body: document }] });
  const throttled: number[] = [];
  const a = await answer(source({}, undefined, throttled), [errorRate]);
  assert.equal(reading(a, 'error_rate').ok, true);
  assert.deepEqual(throttled, [2000]);
});

test('a missing token variable, a credential written in glidepath.yaml and a URL with a password are configuration errors naming the field', () => {
  const deps = (env: Record<string, string>): AdapterDeps => ({ root: '/', env, fetch: globalThis.fetch, logger: silentLogger, clock: fixedClock(window.end), signal: new AbortController().signal });
  const baseConfig: HttpJsonSourceConfig = { name: 'svc', type: 'http-json', url: 'https://metrics.example.com/r', headers: { Authorization: { env: 'METRICS_TOKEN', prefix: 'Bearer ' } } };
  const noToken = createHttpJsonSource(baseConfig, deps({}));
  assert.ok(!noToken.ok && noToken.field?.join('.') === 'headers.Authorization.env' && /METRICS_TOKEN \(headers\.Authorization\.env\) is not set/.test(noToken.error));
  const literal = createHttpJsonSource({ ...baseConfig, headers: { 'X-Api-Key': { value: 'abc123' } } }, deps({}));
  assert.ok(!literal.ok && literal.field?.join('.') === 'headers.X-Api-Key.value');
  assert.ok(createHttpJsonSource({ ...baseConfig, headers: { Accept: { value: 'application/json' } } }, deps({})).ok);
  const password = createHttpJsonSource({ ...baseConfig, url: 'https://u:p@metrics.example.com/r' }, deps({ METRICS_TOKEN: TOKEN }));
  assert.ok(!password.ok && password.field?.[0] === 'url');
  const template = createHttpJsonSource({ ...baseConfig, url: 'https://metrics.example.com/{{owner}}' }, deps({ METRICS_TOKEN: TOKEN }));
  assert.ok(!template.ok && /\{\{owner\}\}/.test(template.error));
});

test('paths take members, quoted members and indexes, and refuse wildcards, filters and recursive descent', () => {
  assert.deepEqual(parseJsonPath("$.arms['canary'][\"p-95\"][2]"), { ok: true, value: ['arms', 'canary', 'p-95', 2] });
  assert.deepEqual(parseJsonPath('$'), { ok: true, value: [] });
  for (const bad of ['arms.control', '$.arms[*]', '$..errors', '$.arms[?(@.x)]', '$.arms[0:2]', '$.arms.', "$['a"]) {
    assert.equal(parseJsonPath(bad).ok, false, bad);
  }
});

test('a path reads own members only, so it cannot reach an object\'s prototype', () => {
  const doc = JSON.parse('{"a":{"b":[10,20]},"__proto__":{"x":1}}') as unknown;
  assert.equal(readJsonPath(doc, ['a', 'b', 1]), 20);
  assert.equal(readJsonPath(doc, ['a', 'constructor']), undefined);
  assert.equal(readJsonPath(doc, ['a', 'b', 'length']), undefined);
  assert.equal(readJsonPath(doc, ['a', 'b', 5]), undefined);
  assert.deepEqual(readJsonPath(doc, ['__proto__']), { x: 1 });
});
