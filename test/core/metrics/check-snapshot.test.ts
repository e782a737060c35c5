import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ArmMetrics, MetricsSnapshot } from '../../../src/core/metrics/arm-data.js';
import { checkArmData, checkSnapshot } from '../../../src/core/metrics/check-snapshot.js';

const WINDOW = { start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' };
const counts = (successes: number, trials: number) => ({ kind: 'counts' as const, successes, trials });
const histogram = (...buckets: [number, number][]) => ({ kind: 'histogram' as const, buckets: buckets.map(([le, count]) => ({ le, count })) });

function snapshot(canary: ArmMetrics, extra: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return { window: WINDOW, requests: { control: 1_000, canary: 50_000 }, arms: { control: { e: counts(10, 1_000) }, canary }, ...extra };
}

test('a snapshot that keeps every rule has no violations, whatever shape its metrics take', () => {
  const good = snapshot(
    { e: counts(0, 50_000), c: { kind: 'summary', n: 50_000, mean: 0.01, sd: 0 }, l: { kind: 'samples', values: [1, 2.5] }, h: histogram([100, 3], [500, 3], [Infinity, 50_000]) },
    { segments: { tenant: { acme: { control: { e: counts(1, 1_000) }, canary: { e: counts(2, 50_000) } } } } },
  );
  assert.deepEqual(checkSnapshot(good), []);
});

const cases: { name: string; snapshot: MetricsSnapshot; path: string; rule: RegExp }[] = [
  { name: 'the issue\'s canary: 2^53 − 1 trials out of 50000 requests', snapshot: snapshot({ error_rate: counts(3, 9_007_199_254_740_991) }), path: 'arms.canary.error_rate.trials', rule: /^9007199254740991 exceeds requests\.canary \(50000\): a metric counts at most one observation per request its arm served$/ },
  { name: 'trials beyond the safe integers', snapshot: snapshot({ e: counts(1, 2 ** 53) }), path: 'arms.canary.e.trials', rule: /^9007199254740992 must be a whole number from 0 to 9007199254740991$/ },
  { name: 'fractional trials', snapshot: snapshot({ e: counts(1, 2.5) }), path: 'arms.canary.e.trials', rule: /^2\.5 must be a whole number/ },
  { name: 'infinite trials', snapshot: snapshot({ e: counts(1, Infinity) }), path: 'arms.canary.e.trials', rule: /^Infinity must be a whole number/ },
  { name: 'negative successes', snapshot: snapshot({ e: counts(-1, 5) }), path: 'arms.canary.e.successes', rule: /^-1 must be a whole number from 0/ },
  { name: 'NaN successes', snapshot: snapshot({ e: counts(Number.NaN, 5) }), path: 'arms.canary.e.successes', rule: /^NaN must be a whole number/ },
  { name: 'more successes than trials', snapshot: snapshot({ e: counts(6, 5) }), path: 'arms.canary.e.successes', rule: /^6 exceeds trials \(5\): successes count the trials that had the event$/ },
  { name: 'a summary with more observations than requests', snapshot: snapshot({ c: { kind: 'summary', n: 50_001, mean: 1, sd: 1 } }), path: 'arms.canary.c.n', rule: /^50001 exceeds requests\.canary \(50000\)/ },
  { name: 'a summary with a fractional n', snapshot: snapshot({ c: { kind: 'summary', n: 1.5, mean: 1, sd: 1 } }), path: 'arms.canary.c.n', rule: /^1\.5 must be a whole number/ },
  { name: 'a summary with a NaN mean', snapshot: snapshot({ c: { kind: 'summary', n: 3, mean: Number.NaN, sd: 1 } }), path: 'arms.canary.c.mean', rule: /^NaN must be a finite number$/ },
  { name: 'a summary with a negative sd', snapshot: snapshot({ c: { kind: 'summary', n: 3, mean: 1, sd: -1 } }), path: 'arms.canary.c.sd', rule: /^-1 must be ≥ 0/ },
  { name: 'more raw samples than requests', snapshot: { ...snapshot({ l: { kind: 'samples', values: [1, 2, 3] } }), requests: { control: 1_000, canary: 2 } }, path: 'arms.canary.l.samples', rule: /^3 values exceed requests\.canary \(2\)/ },
  { name: 'a raw sample that is not finite', snapshot: snapshot({ l: { kind: 'samples', values: [1, Infinity, 3] } }), path: 'arms.canary.l.samples[1]', rule: /^Infinity must be a finite number$/ },
  { name: 'a histogram whose total exceeds the requests', snapshot: snapshot({ h: histogram([100, 10], [Infinity, 50_001]) }), path: 'arms.canary.h.buckets[1].count', rule: /^50001 exceeds requests\.canary \(50000\)/ },
  { name: 'histogram counts that are not cumulative', snapshot: snapshot({ h: histogram([100, 10], [Infinity, 9]) }), path: 'arms.canary.h.buckets[1].count', rule: /^9 is less than buckets\[0\]\.count \(10\): buckets are cumulative/ },
  { name: 'histogram bounds out of order', snapshot: snapshot({ h: histogram([100, 1], [50, 2]) }), path: 'arms.canary.h.buckets[1].le', rule: /^50 must be greater than buckets\[0\]\.le \(100\)/ },
  { name: 'a histogram count that is not whole', snapshot: snapshot({ h: histogram([100, 0.5]) }), path: 'arms.canary.h.buckets[0].count', rule: /^0\.5 must be a whole number/ },
  { name: 'requests that are not whole', snapshot: { ...snapshot({}), requests: { control: 10.5, canary: 1 } }, path: 'requests.control', rule: /^10\.5 must be a whole number/ },
  { name: 'a segment with more trials than its arm served requests', snapshot: snapshot({}, { segments: { tenant: { 'acme corp': { control: {}, canary: { e: counts(1, 50_001) } } } } }), path: 'segments.tenant."acme corp".canary.e.trials', rule: /^50001 exceeds requests\.canary \(50000\)/ },
  { name: 'a segment with more successes than trials', snapshot: snapshot({}, { segments: { tenant: { acme: { control: { e: counts(3, 2) }, canary: {} } } } }), path: 'segments.tenant.acme.control.e.successes', rule: /^3 exceeds trials \(2\)/ },
];

for (const c of cases) {
  test(`${c.name} is a violation at ${c.path}`, () => {
    const found = checkSnapshot(c.snapshot);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]!.path, c.path);
    assert.match(found[0]!.rule, c.rule);
  });
}

test('counts are held against the requests only when the source states them', () => {
  const withoutRequests: MetricsSnapshot = { window: WINDOW, arms: { control: { e: counts(1, 10 ** 15) }, canary: {} } };
  assert.deepEqual(checkSnapshot(withoutRequests), []);
  assert.deepEqual(checkSnapshot({ ...withoutRequests, requests: { control: 10 ** 15 - 1, canary: 0 } }).map((v) => v.path), ['arms.control.e.trials']);
});

test('a violation names its arm, metric, segment and field for sources that locate data otherwise', () => {
  const [found] = checkSnapshot(snapshot({}, { segments: { tenant: { acme: { control: {}, canary: { e: counts(1, 50_001) } } } } }));
  assert.deepEqual({ ...found, rule: undefined }, { path: 'segments.tenant.acme.canary.e.trials', arm: 'canary', metric: 'e', segment: { attribute: 'tenant', value: 'acme' }, field: 'trials', rule: undefined });
});

test('a metric whose own fields break a rule is not also held against the requests', () => {
  assert.deepEqual(checkArmData(counts(60_000, 50_001)).map((v) => v.field), ['successes']);
  assert.deepEqual(checkSnapshot(snapshot({ e: counts(60_000, 50_001) })).map((v) => v.path), ['arms.canary.e.successes']);
});
