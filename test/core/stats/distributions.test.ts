import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chiSquareTails,
  logGamma,
  normalQuantile,
  normalTails,
} from '../../../src/core/stats/index.js';
import { binomialQuantile, binomialTails, logBeta, studentTQuantile, studentTTails } from '../../support/oracles/index.js';
import { assertClose, cases, rVersion } from './r-reference.js';

interface DistributionCase {
  fn: string;
  args: number[];
  call: string;
  value: number;
}

const tail = (tails: { lower: number; upper: number }, lower: number) => (lower === 1 ? tails.lower : tails.upper);

// Each R function, and how to compute it from the case's arguments.
const implementations: Record<string, (args: number[]) => number> = {
  pnorm: ([z, lower]) => tail(normalTails(z!), lower!),
  qnorm: ([p, lower]) => normalQuantile(p!, lower === 1),
  pt: ([t, df, lower]) => tail(studentTTails(t!, df!), lower!),
  qt: ([p, df, lower]) => studentTQuantile(p!, df!, lower === 1),
  pchisq: ([x, df, lower]) => tail(chiSquareTails(x!, df!), lower!),
  pbinom: ([k, n, p, lower]) => tail(binomialTails(k!, n!, p!), lower!),
  qbinom: ([prob, n, p]) => binomialQuantile(prob!, n!, p!),
  lgamma: ([x]) => logGamma(x!),
  lbeta: ([a, b]) => logBeta(a!, b!),
};

const all = cases<DistributionCase>('distributions');
for (const fn of Object.keys(implementations)) {
  const grid = all.filter((c) => c.fn === fn);
  test(`${fn} agrees with R's ${fn} to 1e-9 relative at all ${grid.length} reference points (${rVersion})`, () => {
    assert.ok(grid.length > 0);
    // The median of t is 0; R's qt(0.5, 0.5) answers 2.6e-16, so quantiles get an absolute floor.
    const absolute = fn.startsWith('q') ? 1e-15 : 1e-300;
    for (const c of grid) assertClose(implementations[fn]!(c.args), c.value, 1e-9, c.call, absolute);
  });
}

test('every R function in the distribution fixture has an implementation under test', () => {
  const untested = [...new Set(all.map((c) => c.fn))].filter((fn) => !(fn in implementations));
  assert.deepEqual(untested, []);
});

test('the normal upper tail keeps full precision down to 1e-300 instead of rounding 1 − Φ', () => {
  const z = normalQuantile(1e-300, false);
  assertClose(normalTails(z).upper, 1e-300, 1e-12, 'pnorm(qnorm(1e-300, lower.tail = FALSE), lower.tail = FALSE)');
  assert.equal(normalTails(-z).lower, normalTails(z).upper);
});

test('Student t with infinite degrees of freedom is the standard normal', () => {
  for (const t of [-4, -1, 0, 0.5, 3]) assert.deepEqual(studentTTails(t, Infinity), normalTails(t));
});

test('the t quantile inverts the t distribution function for fractional Welch degrees of freedom', () => {
  for (const df of [1.3, 7.77, 123.4, 5e4, 3e5]) {
    for (const p of [1e-9, 0.01, 0.2, 0.6, 0.999]) {
      const t = studentTQuantile(p, df);
      assertClose(studentTTails(t, df).lower, p, 1e-11, `pt(qt(${p}, ${df}), ${df})`);
    }
  }
});

test('distribution functions reject impossible parameters with NaN, as R does', () => {
  assert.ok(Number.isNaN(studentTTails(1, 0).lower));
  assert.ok(Number.isNaN(chiSquareTails(1, -1).upper));
  assert.ok(Number.isNaN(normalQuantile(1.5)));
  assert.ok(Number.isNaN(binomialQuantile(0.5, 10, 2)));
});
