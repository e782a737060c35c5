// The statistics core: what the judge and the sample-size planner run, each checked against
// R 4.2.2 (scripts/r/reference.R → test/fixtures/r/reference.json). Fixed-horizon tests that
// production does not call (prop.test, t.test, binomial quantile intervals) live in
// test/support/oracles, checked against the same fixture.
export { normalCdf, normalUpperTail, normalTails, normalDensity, normalQuantile } from './distributions/normal.js';
export { chiSquareCdf, chiSquareUpperTail, chiSquareTails } from './distributions/chi-square.js';
export { logGamma } from './special/log-gamma.js';
export type { Tails } from './special/tails.js';
export { regularizedGamma } from './special/incomplete-gamma.js';

export type { Alternative, TestResult } from './tests/result.js';
export { mannWhitneyTest, type MannWhitneyOptions, type MannWhitneyTestResult } from './tests/mann-whitney.js';
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
  agrestiCaffoRate,
  estimateMean,
  estimateRatio,
  agrestiCaffoRatio,
  withDesignEffect,
  widenContrast,
  differenceOf,
  differenceContrast,
  boundContrast,
  rateBoundContrast,
  shareContrast,
  beyondPValue,
  withinPValue,
  type Counts,
  type UnitSums,
  type ArmEstimate,
  type Margin,
  type Contrast,
} from './contrast.js';
export { estimateLogRatio, logRatioContrast, estimateNetBenefit, netBenefitContrast } from './cost-effectiveness.js';
export { requiredSamplesPerArm, type SampleSizeOptions, type SampleSize } from './power.js';
