import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupedSuperiority, superiority } from '../../../src/core/gates/superiority.js';
import { mannWhitneyTest } from '../../../src/core/stats/index.js';
import { lognormalSamples, toHistogram } from './fixtures.js';

const bounds = Array.from({ length: 90 }, (_, k) => 100 * 1.03 ** k);

test('grouped ranks on fine buckets agree with exact ranks on the raw values', () => {
  const control = lognormalSamples(1, 4_000, 800, 0.5);
  const canary = lognormalSamples(2, 2_000, 880, 0.5);
  if (control.kind !== 'samples' || canary.kind !== 'samples') throw new Error('samples expected');
  const exact = mannWhitneyTest(control.values, canary.values);
  const grouped = superiority(toHistogram(control, bounds), toHistogram(canary, bounds))!;
  assert.ok(Math.abs(grouped.theta - exact.estimate) < 0.003, `θ ${grouped.theta} vs ${exact.estimate}`);
  assert.ok(Math.abs(grouped.standardError / exact.standardError - 1) < 0.02, `SE ${grouped.standardError} vs ${exact.standardError}`);
  assert.deepEqual(grouped.n, { control: 4_000, canary: 2_000 });
});

test('identical histograms give θ = ½', () => {
  const h = toHistogram(lognormalSamples(3, 1_000, 500), bounds);
  if (h.kind !== 'histogram') throw new Error('histogram expected');
  assert.ok(Math.abs(groupedSuperiority(h.buckets, h.buckets).theta - 0.5) < 1e-12);
});

test('scaling the canary moves θ as scaling its raw values does', () => {
  const control = lognormalSamples(4, 3_000, 800, 0.5);
  const canary = lognormalSamples(5, 3_000, 800 * 1.1, 0.5);
  const onSamples = superiority(control, canary, 1 / 1.1)!;
  const onBuckets = superiority(toHistogram(control, bounds), toHistogram(canary, bounds), 1 / 1.1)!;
  const mixed = superiority(toHistogram(control, bounds), canary, 1 / 1.1)!;
  assert.ok(Math.abs(onSamples.theta - 0.5) < 0.02, 'a 10% slower canary divided by 1.1 is like control');
  assert.ok(Math.abs(onBuckets.theta - onSamples.theta) < 0.005);
  assert.ok(Math.abs(mixed.theta - onSamples.theta) < 0.005, 'samples facing a histogram are binned on its bounds');
});

test('observations in the +Inf bucket tie with each other and beat everything finite', () => {
  const control = [{ le: 100, count: 10 }, { le: Infinity, count: 10 }];
  const canary = [{ le: 100, count: 0 }, { le: Infinity, count: 10 }];
  assert.equal(groupedSuperiority(control, canary).theta, 1);
  assert.equal(groupedSuperiority(canary, canary).theta, 0.5);
});

test('counts and summaries have no ranks', () => {
  assert.equal(superiority({ kind: 'summary', n: 10, mean: 1, sd: 1 }, { kind: 'samples', values: [1, 2] }), undefined);
});
