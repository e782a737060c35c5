import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardMetricsSource } from '../../src/engine/guarded-port.js';
import type { MetricsSnapshot } from '../../src/core/metrics/arm-data.js';
import type { MetricsQuery, MetricsResult, MetricsSource } from '../../src/ports/metrics-source.js';

const query: MetricsQuery = { release: 'r', stage: 'canary-5', metrics: [], window: { start: new Date('2026-11-20T10:00:00Z'), end: new Date('2026-11-20T11:00:00Z') } };
const answering = (result: MetricsResult): MetricsSource => ({ type: 'warehouse', query: async () => result });
const snapshot = (trials: number): MetricsSnapshot => ({
  window: { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' },
  requests: { control: 450_000, canary: 50_000 },
  arms: { control: {}, canary: { error_rate: { kind: 'counts', successes: 3, trials } } },
});

test('any source\'s snapshot with impossible counts becomes a failed measurement naming the source, the field path and the rule', async () => {
  const result = await guardMetricsSource(answering({ ok: true, snapshot: snapshot(9_007_199_254_740_991) }), { label: 'warehouse' }).query(query);
  assert.deepEqual(result, { ok: false, kind: 'invalid', error: 'metrics source warehouse: query answered counts that cannot be true: arms.canary.error_rate.trials: 9007199254740991 exceeds requests.canary (50000): a metric counts at most one observation per request its arm served' });
  const fine = { ok: true as const, snapshot: snapshot(50_000) };
  assert.deepEqual(await guardMetricsSource(answering(fine), { label: 'warehouse' }).query(query), fine, 'a snapshot that keeps the rules passes through untouched');
  const down = { ok: false as const, error: 'warehouse timed out' };
  assert.deepEqual(await guardMetricsSource(answering(down), { label: 'warehouse' }).query(query), { ...down, kind: 'unavailable' }, 'a failure keeps its words and gains a kind');
});
