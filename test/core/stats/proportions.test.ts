import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Alternative, type Counts } from '../../../src/core/stats/index.js';
import { proportionsTest } from '../../support/oracles/index.js';
import { assertClose, cases, rVersion, type HTestCase } from './r-reference.js';

interface PropCase extends HTestCase {
  control: Counts;
  canary: Counts;
  alternative: Alternative;
  confLevel: number;
  estimate: number;
}

for (const c of cases<PropCase>('proportions')) {
  if (Number.isNaN(c.statistic)) continue;
  test(`proportionsTest matches ${c.call} in ${rVersion}`, () => {
    const result = proportionsTest(c.control, c.canary, { alternative: c.alternative, confLevel: c.confLevel });
    assertClose(result.statistic, c.statistic, 1e-9, `${c.call}: X-squared`);
    assert.equal(result.parameter, c.parameter, `${c.call}: df`);
    assertClose(result.pValue, c.pValue, 1e-9, `${c.call}: p-value`);
    assertClose(result.estimate, c.estimate, 1e-9, `${c.call}: canary − control`);
    assertClose(result.interval[0], c.interval[0], 1e-9, `${c.call}: conf.int[1]`);
    assertClose(result.interval[1], c.interval[1], 1e-9, `${c.call}: conf.int[2]`);
    assert.equal(result.degenerate, undefined);
  });
}

test(`where prop.test answers NaN (both arms without events) we answer no evidence: p-value 1 (${rVersion})`, () => {
  const nan = cases<PropCase>('proportions').find((c) => Number.isNaN(c.statistic));
  assert.ok(nan, 'the fixture holds the zero-event case');
  assert.ok(Number.isNaN(nan.pValue), `${nan.call} gives NaN in R`);
  const result = proportionsTest(nan.control, nan.canary);
  assert.equal(result.pValue, 1);
  assert.equal(result.statistic, 0);
  assert.deepEqual(result.interval, [-1, 1]);
  assert.match(result.degenerate ?? '', /no events/);
});

test('an arm without trials gives no evidence rather than an exception', () => {
  const result = proportionsTest({ successes: 3, trials: 100 }, { successes: 0, trials: 0 });
  assert.equal(result.pValue, 1);
  assert.match(result.degenerate ?? '', /canary arm has no trials/);
});

test('impossible counts are rejected with a message naming the field', () => {
  assert.throws(() => proportionsTest({ successes: 5, trials: 4 }, { successes: 1, trials: 10 }), /control\.successes \(5\) exceeds control\.trials \(4\)/);
  assert.throws(() => proportionsTest({ successes: 1, trials: 10 }, { successes: -1, trials: 10 }), /canary\.successes must be a non-negative integer/);
});
