// The statistics core: distributions, tests, peek-safe sequences and sample sizes, each
// checked against R 4.2.2 (scripts/r/reference.R → test/fixtures/r/reference.json).
export { normalCdf, normalUpperTail, normalTails, normalDensity, normalQuantile } from './distributions/normal.js';
export { studentTCdf, studentTUpperTail, studentTTails, studentTDensity, studentTQuantile } from './distributions/student-t.js';
export { chiSquareCdf, chiSquareUpperTail, chiSquareTails } from './distributions/chi-square.js';
export { binomialCdf, binomialTails, binomialQuantile } from './distributions/binomial.js';
export { logGamma, logBeta } from './special/log-gamma.js';
export { regularizedBeta, type Tails } from './special/incomplete-beta.js';
export { regularizedGamma } from './special/incomplete-gamma.js';

export type { Alternative, TestResult } from './tests/result.js';
export { proportionsTest, type ProportionsOptions, type ProportionsTestResult } from './tests/proportions.js';
export { welchTest, type WelchOptions, type WelchTestResult } from './tests/welch.js';
export { mannWhitneyTest, type MannWhitneyOptions, type MannWhitneyTestResult } from './tests/mann-whitney.js';
export { quantileEstimate, quantileBoundTest, type QuantileEstimate, type QuantileBoundResult } from './tests/quantile.js';
export { srmTest, type SrmTestResult } from './tests/srm.js';
export { holm } from './holm.js';

export { summarize, type Summary } from './summary.js';
export { histogramQuantile, summarizeHistogram, normalizeHistogram, type Histogram, type HistogramBucket } from './histogram.js';
export {
  confidenceSequence,
  alwaysValidPValue,
  boundaryMultiplier,
  DEFAULT_TUNE_N,
  type SequentialOptions,
  type AlwaysValidOptions,
  type ConfidenceSequenceInterval,
} from './sequential.js';
export {
  estimateRate,
  estimateMean,
  differenceOf,
  differenceContrast,
  boundContrast,
  shareContrast,
  beyondPValue,
  withinPValue,
  type Counts,
  type ArmEstimate,
  type Margin,
  type Contrast,
} from './contrast.js';
export { requiredSamplesPerArm, type SampleSizeOptions, type SampleSize } from './power.js';
