import assert from 'node:assert/strict';
import { test } from 'node:test';
import { srmTest } from '../../../src/core/stats/index.js';
import { assertClose, cases, rVersion } from './r-reference.js';

interface SrmCase {
  call: string;
  counts: number[];
  weights: number[];
  statistic: number;
  parameter: number;
  pValue: number;
}

for (const c of cases<SrmCase>('srm')) {
  test(`srmTest matches ${c.call} in ${rVersion}`, () => {
    const r = srmTest(c.counts, c.weights);
    assertClose(r.statistic, c.statistic, 1e-12, `${c.call}: X-squared`);
    assert.equal(r.parameter, c.parameter, `${c.call}: df`);
    assertClose(r.pValue, c.pValue, 1e-9, `${c.call}: p-value`);
  });
}

test('a 5/95 split that delivers 5.5 % to the canary is flagged decisively', () => {
  const r = srmTest([5500, 94500], [5, 95]);
  assert.ok(r.pValue < 1e-10);
  assertClose(r.observedShares[0]!, 0.055, 1e-12, 'observed canary share');
  assertClose(r.expectedShares[0]!, 0.05, 1e-12, 'configured canary share');
});

test('traffic in an arm configured at weight 0 is a mismatch; an empty zero-weight arm is ignored', () => {
  assert.equal(srmTest([10, 990, 3], [5, 95, 0]).pValue, 0);
  const ignored = srmTest([50, 950, 0], [5, 95, 0]);
  assert.equal(ignored.parameter, 1);
  assert.equal(ignored.pValue, 1);
});

test('no traffic at all gives no evidence of a mismatch', () => {
  const r = srmTest([0, 0], [5, 95]);
  assert.equal(r.pValue, 1);
  assert.ok(r.degenerate);
});

test('mismatched lengths and negative weights are configuration errors', () => {
  assert.throws(() => srmTest([1, 2], [1]), /one weight per count/);
  assert.throws(() => srmTest([1, 2], [1, -1]), /weights\[1\] must be a finite non-negative number/);
});
