import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mannWhitneyTest, type Alternative } from '../../../src/core/stats/index.js';
import { createRandom } from '../../support/random.js';
import { assertClose, cases, dataset, rVersion } from './r-reference.js';

interface MannWhitneyCase {
  data: string;
  call: string;
  delong: string;
  alternative: Alternative;
  mu: number;
  statistic: number;
  pValue: number;
  superiority: number;
  superioritySe: number;
}

for (const c of cases<MannWhitneyCase>('mannWhitney')) {
  test(`mannWhitneyTest matches ${c.call} on data set ${c.data} in ${rVersion}`, () => {
    const r = mannWhitneyTest(dataset(c.data, 'control'), dataset(c.data, 'canary'), { alternative: c.alternative, mu: c.mu });
    assertClose(r.statistic, c.statistic, 1e-12, `${c.call}: W`);
    assertClose(r.pValue, c.pValue, 1e-9, `${c.call}: p-value`);
  });
  test(`the probability of superiority and its DeLong standard error match R's ${c.delong} on data set ${c.data} in ${rVersion}`, () => {
    const r = mannWhitneyTest(dataset(c.data, 'control'), dataset(c.data, 'canary'), { alternative: c.alternative, mu: c.mu });
    assertClose(r.estimate, c.superiority, 1e-12, `${c.delong}: mean(v10)`);
    assertClose(r.standardError, c.superioritySe, 1e-9, `${c.delong}: DeLong SE`);
  });
}

test('the superiority interval is the Wald interval on the DeLong standard error, clipped to [0, 1]', () => {
  const r = mannWhitneyTest([2, 4, 6, 8, 10, 12], [1, 3, 5, 7, 9, 11, 13]);
  assertClose(r.interval[1] - r.estimate, 1.959963984540054 * r.standardError, 1e-12, 'upper half-width');
  assert.ok(r.interval[0] >= 0 && r.interval[1] <= 1);
  const separated = mannWhitneyTest([1, 2, 3], [10, 11, 12]);
  assert.equal(separated.estimate, 1);
  assert.deepEqual(separated.interval, [1, 1]);
});

test('data that are all tied give no evidence where R would answer NaN', () => {
  const r = mannWhitneyTest([5, 5, 5], [5, 5]);
  assert.equal(r.pValue, 1);
  assert.equal(r.estimate, 0.5);
  assert.match(r.degenerate ?? '', /all observations are tied/);
});

test('an empty arm gives no evidence', () => {
  const r = mannWhitneyTest([], [1, 2, 3]);
  assert.equal(r.pValue, 1);
  assert.match(r.degenerate ?? '', /control arm has no observations/);
});

test('typed arrays of a million values per arm give the same answer as the same values in plain arrays', () => {
  const random = createRandom(7);
  const control = new Float64Array(200_000).map(() => Math.round(random.lognormal(6.7, 0.5)));
  const canary = new Float64Array(100_000).map(() => Math.round(random.lognormal(6.72, 0.5)));
  const typed = mannWhitneyTest(control, canary);
  const plain = mannWhitneyTest(Array.from(control), Array.from(canary));
  assert.deepEqual(typed, plain);
  assert.ok(typed.estimate > 0.5, 'a larger log-mean shows up as superiority above ½');
});
