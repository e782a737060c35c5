import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSplit } from '../../../src/core/gates/check-split.js';

const base = { srmAlpha: 0.001 };

test('a split close to the configured weight is ok, with its chi-square p-value', () => {
  const r = checkSplit({ ...base, stage: { name: 'c', weight: 5 }, canaryWeight: 5, requests: { control: 95_100, canary: 4_900 } });
  assert.equal(r.verdict, 'ok');
  // (4900 − 5000)²/5000 + (95100 − 95000)²/95000 = 2 + 0.105 = 2.105
  assert.ok(Math.abs(r.statistic! - 2.1052631578947367) < 1e-9);
  assert.ok(r.pValue! > 0.1);
});

test('a split far from the configured weight is a mismatch that tells what to check', () => {
  const r = checkSplit({ ...base, stage: { name: 'c', weight: 25 }, canaryWeight: 25, requests: { control: 80_000, canary: 20_000 } });
  assert.equal(r.verdict, 'mismatch');
  assert.match(r.reason!, /the canary received 20% of requests \(20,000 of 100,000\), expected 25%/);
  assert.match(r.reason!, /bucketing key is sticky/);
});

test('rings, 100% and no requests have no split to check', () => {
  assert.match(checkSplit({ ...base, stage: { name: 'ring', weight: 5, segment: { attribute: 'tenant', values: ['acme'] } }, canaryWeight: 5, requests: { control: 1, canary: 1 } }).reason!, /ring stage/);
  assert.equal(checkSplit({ ...base, stage: { name: 'full', weight: 100 }, canaryWeight: 100, requests: { control: 0, canary: 10 } }).verdict, 'not-applicable');
  assert.match(checkSplit({ ...base, stage: { name: 'c', weight: 5 }, canaryWeight: 5, requests: { control: 0, canary: 0 } }).reason!, /no requests yet/);
  assert.match(checkSplit({ ...base, stage: { name: 'c' }, canaryWeight: undefined, requests: { control: 5, canary: 5 } }).reason!, /no configured weight/);
});
