import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holm } from '../../../src/core/stats/index.js';
import { assertClose, cases, rVersion } from './r-reference.js';

interface HolmCase {
  call: string;
  p: number[];
  adjusted: number[];
}

for (const c of cases<HolmCase>('holm')) {
  test(`holm matches ${c.call} in ${rVersion}`, () => {
    const adjusted = holm(c.p);
    assert.equal(adjusted.length, c.adjusted.length);
    adjusted.forEach((value, i) => assertClose(value, c.adjusted[i]!, 1e-12, `${c.call}[${i + 1}]`));
  });
}

test('holm of no p-values is empty and a non-probability is rejected', () => {
  assert.deepEqual(holm([]), []);
  assert.throws(() => holm([0.2, Number.NaN]), /pValues\[1\] must be a probability/);
});
