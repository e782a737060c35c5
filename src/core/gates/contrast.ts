import { agrestiCaffoRate, agrestiCaffoRatio, boundContrast, estimateMean, estimateRate, estimateRatio, rateBoundContrast, shareContrast, type ArmEstimate, type Contrast } from '../stats/index.js';
import type { ArmData } from '../metrics/arm-data.js';
import { summaryOf, type DistributionView } from '../metrics/distribution-view.js';

// The arithmetic lives in the statistics core (src/core/stats/contrast.ts), checked against R;
// this file only maps a provider's data onto it.
export { beyondPValue, boundContrast, differenceContrast, differenceOf, withinPValue, type ArmEstimate, type Contrast } from '../stats/index.js';

/** The rate of counts data, or of a ratio over units (errors / requests per user); undefined for any other kind. */
export function rateEstimate(data: ArmData): ArmEstimate | undefined {
  if (data.kind === 'ratio') return estimateRatio(data);
  return data.kind === 'counts' ? estimateRate(data) : undefined;
}

/**
 * The unit a data kind treats as the independent draw: a ratio's sums are over users (or
 * whatever unit the provider randomises), every other kind counts requests.
 */
export function dataUnit(data: ArmData | undefined): 'user' | 'request' {
  return data?.kind === 'ratio' ? 'user' : 'request';
}

/**
 * The arm a two-arm contrast is tested on: Agresti–Caffo's adjusted rate for counts (decision
 * 0003: the observed x/n let a canary with no errors yet pass too often), and for a ratio of
 * per-user counts that is a rate (`rate`) the same adjustment as a pseudo-unit; the estimate
 * itself otherwise. The evidence still shows `rateEstimate` / `meanEstimate`.
 */
export function testedEstimate(data: ArmData, shown: ArmEstimate, rate = false): ArmEstimate {
  if (data.kind === 'ratio') return rate ? agrestiCaffoRatio(data) : shown;
  return data.kind === 'counts' ? agrestiCaffoRate(data) : shown;
}

/**
 * One arm against a fixed bound: for counts the score form, tested under the bound's own
 * variance (decision 0003: the variance at x/n passed canaries sitting at the bound too
 * often); a mean keeps its own standard error.
 */
export function testedBoundContrast(data: ArmData, shown: ArmEstimate, bound: number, beyond: 'above' | 'below'): Contrast {
  return data.kind === 'counts' ? rateBoundContrast(data, bound, beyond) : boundContrast(shown, bound, beyond);
}

/** The mean of a summary, samples, a ratio over units (cost per request) or (approximately) histogram buckets; undefined for counts. */
export function meanEstimate(data: ArmData): ArmEstimate | undefined {
  if (data.kind === 'ratio') return estimateRatio(data);
  const summary = summaryOf(data);
  return summary ? estimateMean(summary) : undefined;
}

/** Is the q-quantile of the distribution beyond `bound`? The sign test on the share at or below it. */
export function quantileContrast(view: DistributionView, q: number, bound: number, beyond: 'above' | 'below'): Contrast {
  return shareContrast(view.cdf(bound), view.n, q, beyond);
}
