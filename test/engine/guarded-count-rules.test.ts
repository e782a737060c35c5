import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardMetricsSource } from '../../src/engine/guarded-metrics.js';
import type { ArmData } from '../../src/core/metrics/arm-data.js';
import type { MetricDefinition } from '../../src/core/model/index.js';
import type { CallResult } from '../../src/ports/call.js';
import type { MetricsAnswer, MetricsQuery, MetricsSource } from '../../src/ports/metrics-source.js';

const metric = (name: string): MetricDefinition => ({ name, source: 'warehouse', type: 'proportion', direction: 'lower-is-better' });
const query: MetricsQuery = { release: 'r', stage: 'canary-5', metrics: [metric('error_rate')], window: { start: new Date('2026-11-20T10:00:00Z'), end: new Date('2026-11-20T11:00:00Z') } };
const answering = (result: CallResult<MetricsAnswer>): MetricsSource => ({ type: 'warehouse', read: async () => result });
const window = { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' };
const answer = (canary: Record<string, ArmData>): CallResult<MetricsAnswer> => ({
  ok: true,
  value: { window, requests: { control: 450_000, canary: 50_000 }, readings: Object.entries(canary).map(([name, data]) => ({ metric: name, ok: true as const, arms: { canary: data }, query: `increase(${name}[1h])` })) },
});
const errors = (trials: number): ArmData => ({ kind: 'counts', successes: 3, trials });

test('any source\'s reading with impossible counts becomes a failed reading naming the source, the field path and the rule', async () => {
  const result = await guardMetricsSource(answering(answer({ error_rate: errors(9_007_199_254_740_991) })), { label: 'warehouse' }).read(query);
  assert.deepEqual(result.ok && result.value.readings, [
    { metric: 'error_rate', ok: false, kind: 'invalid', query: 'increase(error_rate[1h])', error: 'metrics source warehouse: read answered counts that cannot be true: arms.canary.error_rate.trials: 9007199254740991 exceeds requests.canary (50000): a metric counts at most one observation per request its arm served' },
  ]);
  const fine = answer({ error_rate: errors(50_000) });
  assert.deepEqual(await guardMetricsSource(answering(fine), { label: 'warehouse' }).read(query), fine, 'an answer that keeps the rules passes through untouched');
  const down = { ok: false as const, error: 'warehouse timed out' };
  assert.deepEqual(await guardMetricsSource(answering(down as CallResult<MetricsAnswer>), { label: 'warehouse' }).read(query), { ...down, kind: 'unavailable' }, 'a failure keeps its words and gains a kind');
});

test('a reading with impossible counts fails only that metric; the source\'s other readings pass through', async () => {
  const asked = { ...query, metrics: [metric('error_rate'), metric('refusals'), metric('invalid_json')] };
  const source = answering(answer({ error_rate: errors(40_000), refusals: { kind: 'counts', successes: 9, trials: 3 }, invalid_json: errors(50_000) }));
  const result = await guardMetricsSource(source, { label: 'warehouse' }).read(asked);
  if (!result.ok) assert.fail(result.error);
  assert.deepEqual(result.value.readings.map((r) => [r.metric, r.ok]), [['error_rate', true], ['refusals', false], ['invalid_json', true]]);
  const refusals = result.value.readings[1]!;
  assert.equal(!refusals.ok && refusals.kind, 'invalid');
  assert.match(!refusals.ok ? refusals.error : '', /arms\.canary\.refusals\.successes: 9 exceeds trials \(3\)/);
});

test('a metric the source answered no reading for is a failed reading of its own, and readings come back in the order asked', async () => {
  const asked = { ...query, metrics: [metric('p95_latency'), metric('error_rate')] };
  const result = await guardMetricsSource(answering(answer({ error_rate: errors(10) })), { label: 'prom' }).read(asked);
  if (!result.ok) assert.fail(result.error);
  assert.deepEqual(result.value.readings.map((r) => (r.ok ? r.metric : `${r.metric}: ${r.kind}: ${r.error}`)), ['p95_latency: invalid: metrics source prom: read answered no reading for p95_latency', 'error_rate']);
});

test('a metrics reading with a histogram bucket at +Infinity is valid; one with a NaN bucket count is not', async () => {
  const histogram = (count: number): ArmData => ({ kind: 'histogram', buckets: [{ le: 100, count: 5 }, { le: Infinity, count }] });
  const source = (count: number): MetricsSource => ({ type: 'test', read: async () => ({ ok: true, value: { window, readings: [{ metric: 'latency_ms', ok: true, arms: { control: histogram(count) } }] } }) });
  const asked = { ...query, metrics: [metric('latency_ms')] };
  const good = await guardMetricsSource(source(9), { label: 'w' }).read(asked);
  assert.equal(good.ok && good.value.readings[0]!.ok, true);
  const bad = await guardMetricsSource(source(Number.NaN), { label: 'w' }).read(asked);
  assert.deepEqual(bad.ok && bad.value.readings, [
    { metric: 'latency_ms', ok: false, kind: 'invalid', error: 'metrics source w: read answered counts that cannot be true: arms.control.latency_ms.buckets[1].count: NaN must be a whole number from 0 to 9007199254740991' },
  ]);
});
