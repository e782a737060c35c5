import type { Verdict } from './verdict.js';

/** Sample-ratio-mismatch check: is the observed split the configured one? Blocking when it fires. */
export interface SrmResult {
  readonly verdict: 'ok' | 'mismatch' | 'not-applicable';
  /** Pearson's X² of the request counts against the configured split. */
  readonly statistic?: number;
  /** Always-valid p-value of the split (valid at every look; the fixed-horizon chi-square p-value would not be). */
  readonly pValue?: number;
  /** Configured canary share (0–1) the counts were tested against. */
  readonly expectedCanaryShare?: number;
  readonly observed?: { readonly control: number; readonly canary: number };
  /** What `observed` counts: users (or other randomisation units) when the source gave them, else requests. */
  readonly unit?: 'user' | 'request';
  /** Why the check did not apply, or what the mismatch looks like, in a sentence. */
  readonly reason?: string;
}

/**
 * What the metrics say about one stage, before time, windows and approvals are considered.
 * `fail` on a rollback criterion means the criterion fired.
 */
export type JudgementOutcome =
  | 'pass' // every gate passed, minimum samples met, split healthy
  | 'fail' // a gate failed (apply onFailure)
  | 'critical-fail' // a critical gate failed: roll back whatever onFailure says
  | 'rollback' // a rollback criterion fired
  | 'inconclusive' // some gate can neither pass nor fail yet
  | 'no-data' // a metric had no data or the source failed
  | 'srm' // the split is broken: no verdict counts
  | 'insufficient-samples'; // fewer than minSamples per arm

export interface StageJudgement {
  readonly release: string;
  readonly stage: string;
  readonly outcome: JudgementOutcome;
  /** One sentence a person can read. */
  readonly reason: string;
  readonly srm: SrmResult;
  /** Gate verdicts (p-values Holm-adjusted across the stage's gates). */
  readonly gates: readonly Verdict[];
  /** Rollback-criterion verdicts; `fail` means it fired. */
  readonly rollback: readonly Verdict[];
  readonly samples: { readonly control: number; readonly canary: number };
  /** Set when the metrics source failed: the failure is a measurement, not a crash. */
  readonly sourceError?: string;
  /** The statistical settings the verdicts were reached with, so a decision can be replayed. */
  readonly analysis?: {
    readonly alpha: number;
    readonly srmAlpha: number;
    readonly tuneN: number;
    readonly minSamples: number;
    /** The policy's randomisation unit (`analysis.unit`, default user). */
    readonly unit?: 'user' | 'request';
    /** The declared design effect, when one is. */
    readonly designEffect?: number;
  };
}
