// Fixed-horizon tests and distributions the judge does not run, kept as oracles: each matches
// R (test/core/stats/*.test.ts compare them with test/fixtures/r/reference.json), so tests and
// benchmarks can check the production path against them.
export { studentTCdf, studentTUpperTail, studentTTails, studentTDensity, studentTQuantile } from './student-t.js';
export { binomialCdf, binomialTails, binomialQuantile } from './binomial.js';
export { regularizedBeta, logBeta } from './incomplete-beta.js';
export { proportionsTest, type ProportionsOptions, type ProportionsTestResult } from './proportions.js';
export { welchTest, type WelchOptions, type WelchTestResult } from './welch.js';
export { quantileEstimate, quantileBoundTest, orderStatisticBounds, countBelowBounds, type QuantileEstimate, type QuantileBoundResult } from './quantile.js';
