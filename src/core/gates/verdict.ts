/** The closed set of outcomes of judging one gate or rollback criterion (cf. Argo Rollouts' AnalysisPhase). */
export type VerdictKind = 'pass' | 'fail' | 'inconclusive' | 'no-data';

/** How a verdict was reached: everything a reviewer needs to check it by hand. */
export interface VerdictEvidence {
  /** Test used, such as `proportions`, `welch`, `mann-whitney`, `quantile`, `srm`. */
  readonly test: string;
  readonly statistic?: number;
  /** p-value of the (always-valid, multiplicity-adjusted where said) test. */
  readonly pValue?: number;
  /** e-value of the sequential test, where one is used. */
  readonly eValue?: number;
  /** Estimated effect, canary minus control (or canary value for absolute gates). */
  readonly effect?: number;
  /** Confidence interval for the effect. */
  readonly interval?: readonly [number, number];
  /** Observations per arm. */
  readonly n: { readonly control: number; readonly canary: number };
  /** The margin or bound the gate tests against, in the metric's unit. */
  readonly threshold?: number;
  /** The always-valid p-value before the Holm adjustment that `pValue` carries. */
  readonly rawPValue?: number;
  /**
   * Always-valid p-value that the canary is within the pass threshold (evidence to pass). Not
   * multiplicity-adjusted: a stage passes only when every gate passes, an intersection–union
   * test that keeps its level without correction.
   */
  readonly passPValue?: number;
  /** The bound `effect` must be shown inside to pass, where it differs from `threshold` (a gate with both maxIncrease and nonInferiority). */
  readonly passThreshold?: number;
  /** Each arm's own value: rate, mean, median or quantile, in the metric's unit (canary only for absolute gates). */
  readonly estimates?: { readonly control?: number; readonly canary?: number };
  /**
   * The unit the variance treated as the independent draw: `user` when the data were ratios
   * over users (or other randomisation units), `request` when they were request-level.
   */
  readonly unit?: 'user' | 'request';
  /** The declared design effect the request-level variances were multiplied by, when one was. */
  readonly designEffect?: number;
}

export interface Verdict {
  /** Gate or rollback-criterion name (`rollback[0]` for unnamed criteria). */
  readonly gate: string;
  readonly metric: string;
  readonly verdict: VerdictKind;
  /** A sentence a person can read: why this verdict. */
  readonly reason: string;
  readonly evidence?: VerdictEvidence;
  /** Set when a segment (tenant, locale) decided the verdict. */
  readonly segment?: { readonly attribute: string; readonly value: string };
  readonly critical?: boolean;
  /** Per-segment verdicts of a gate with `segmentBy` (the gate's own verdict is the aggregate's, or a failing segment's). */
  readonly segments?: readonly Verdict[];
  /** Set when the verdict does not count, with why (a relative rollback criterion at 100%, where there is no control arm). */
  readonly skipped?: string;
}
