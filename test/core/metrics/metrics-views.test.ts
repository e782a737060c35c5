import assert from 'node:assert/strict';
import { test } from 'node:test';
import { armRequests } from '../../../src/core/metrics/arm-requests.js';
import { distributionView, summaryOf } from '../../../src/core/metrics/distribution-view.js';
import { fileKey, selectMetrics } from '../../../src/core/metrics/select-metrics.js';
import type { MetricsSnapshot } from '../../../src/core/metrics/arm-data.js';
import type { MetricDefinition } from '../../../src/core/model/index.js';

const window = { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' };

test('metrics are renamed from their file keys and the rest dropped', () => {
  const definitions: MetricDefinition[] = [
    { name: 'error_rate', source: 'w', type: 'proportion', direction: 'lower-is-better', query: 'errors_total' },
    { name: 'latency_ms', source: 'w', type: 'continuous', direction: 'lower-is-better' },
  ];
  const snapshot: MetricsSnapshot = {
    window,
    arms: {
      control: { errors_total: { kind: 'counts', successes: 1, trials: 10 }, latency_ms: { kind: 'samples', values: [1] }, unrelated: { kind: 'samples', values: [2] } },
      canary: { errors_total: { kind: 'counts', successes: 2, trials: 10 } },
    },
    segments: { tenant: { acme: { control: { errors_total: { kind: 'counts', successes: 0, trials: 1 } }, canary: {} } } },
    requests: { control: 10, canary: 10 },
  };
  const selected = selectMetrics(snapshot, definitions);
  assert.deepEqual(Object.keys(selected.arms.control).sort(), ['error_rate', 'latency_ms']);
  assert.deepEqual(selected.arms.canary, { error_rate: { kind: 'counts', successes: 2, trials: 10 } });
  assert.deepEqual(selected.segments!['tenant']!['acme']!.control, { error_rate: { kind: 'counts', successes: 0, trials: 1 } });
  assert.deepEqual(selected.requests, { control: 10, canary: 10 });
  assert.equal(fileKey(definitions[1]!), 'latency_ms');
});

test('request counts are the stated ones, else the largest observation count per arm', () => {
  const snapshot: MetricsSnapshot = {
    window,
    arms: {
      control: { error_rate: { kind: 'counts', successes: 1, trials: 900 }, latency_ms: { kind: 'histogram', buckets: [{ le: 1, count: 400 }, { le: Infinity, count: 950 }] } },
      canary: { cost: { kind: 'summary', n: 40, mean: 1, sd: 1 } },
    },
  };
  assert.deepEqual(armRequests(snapshot), { control: 950, canary: 40 });
  assert.deepEqual(armRequests({ ...snapshot, requests: { control: 1, canary: 2 } }), { control: 1, canary: 2 });
});

test('a histogram reads as uniform within each bucket, starting at 0', () => {
  const view = distributionView({ kind: 'histogram', buckets: [{ le: 100, count: 10 }, { le: 200, count: 30 }, { le: Infinity, count: 40 }] })!;
  assert.equal(view.n, 40);
  assert.equal(view.cdf(50), 5 / 40);
  assert.equal(view.cdf(150), 20 / 40);
  assert.equal(view.cdf(1_000), 30 / 40, 'nothing is known above the last finite bound');
  assert.equal(view.quantile(0.5), 150);
});

test('samples give R type-7 quantiles and the share at or below a value', () => {
  const view = distributionView({ kind: 'samples', values: [5, 1, 3, 2, 4] })!;
  assert.equal(view.quantile(0.5), 3);
  assert.equal(view.quantile(0.9), 4.6);
  assert.equal(view.cdf(3), 0.6);
  assert.deepEqual(view.buckets().at(-1), { le: 5, count: 5 });
  assert.equal(distributionView({ kind: 'counts', successes: 1, trials: 2 }), undefined);
});

test('summaries come from samples, histograms and summaries alike, and not from counts', () => {
  assert.deepEqual(summaryOf({ kind: 'samples', values: [1, 2, 3] }), { n: 3, mean: 2, sd: 1 });
  assert.deepEqual(summaryOf({ kind: 'summary', n: 3, mean: 2, sd: 1 }), { n: 3, mean: 2, sd: 1 });
  assert.equal(summaryOf({ kind: 'histogram', buckets: [{ le: 2, count: 2 }] })!.mean, 1);
  assert.equal(summaryOf({ kind: 'counts', successes: 1, trials: 2 }), undefined);
});
