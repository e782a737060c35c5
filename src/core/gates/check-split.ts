import { alwaysValidPValue, srmTest } from '../stats/index.js';
import type { Stage } from '../model/index.js';
import type { SrmResult } from './judgement.js';
import { formatCount, pPhrase } from './format-evidence.js';

export interface SplitCheckInput {
  readonly stage: Stage;
  /** The canary's configured share in percent. */
  readonly canaryWeight: number | undefined;
  readonly requests: { readonly control: number; readonly canary: number };
  /**
   * Randomisation units per arm (users), when the source counts them: the split is then checked
   * on these, which heavy users cannot move.
   */
  readonly units?: { readonly control: number; readonly canary: number };
  /** The policy's randomisation unit: under `user`, request counts are no valid check, and a mismatch on them says so. */
  readonly assignment?: 'user' | 'request';
  readonly srmAlpha: number;
  /** Where the judge's confidence sequences are tightest, in the smaller arm's requests. */
  readonly tuneN: number;
}

/**
 * Sample-ratio-mismatch check: Pearson's chi-square of the arms' request counts against the
 * configured split (100 − w, w). Below `srmAlpha` the split is broken — a redirect bug, a
 * bucketing key that is not sticky, one arm dropping requests — and no comparison between the
 * arms can be trusted. Not applicable where there is no split to check: shadow stages (both
 * arms see every request), ring stages (the share depends on the ring's traffic), 0% and 100%.
 *
 * The split is checked at every tick on counts since the stage started, so its p-value is the
 * always-valid one: with two arms X² = z², z the canary share's distance from w in standard
 * errors, and the two-sided confidence sequence's p-value for that z keeps srmAlpha over all
 * looks (a fixed-horizon chi-square checked 300 times a day would cry wolf and hold good
 * rollouts for hours). The chi-square statistic is reported as computed.
 */
export function checkSplit(input: SplitCheckInput): SrmResult {
  const { stage, canaryWeight: w, srmAlpha } = input;
  // Under sticky assignment a user is the draw: one heavy user moves the request share by
  // thousands, so the check counts users when the source gives them (decision 0012).
  const unit: 'user' | 'request' = input.units ? 'user' : 'request';
  const requests = input.units ?? input.requests;
  const noun = unit === 'user' ? 'users' : 'requests';
  const observed = { control: requests.control, canary: requests.canary };
  const notApplicable = (reason: string): SrmResult => ({ verdict: 'not-applicable', observed, unit, reason });
  if (stage.mode === 'shadow') return notApplicable('shadow stage: both arms see every request (the challenger a mirrored copy), so there is no split to check');
  if (stage.segment) return notApplicable(`ring stage: the canary's share depends on how much traffic ${stage.segment.attribute} ∈ {${stage.segment.values.join(', ')}} carries, which the metrics do not say`);
  if (w === undefined) return notApplicable('the stage has no configured weight to check the split against');
  if (!(w > 0 && w < 100)) return notApplicable(`at ${w}% every request goes to one arm, so there is no split to check`);
  const total = requests.control + requests.canary;
  if (total === 0) return notApplicable(`no ${noun} yet`);
  const result = srmTest([requests.control, requests.canary], [100 - w, w]);
  const expectedCanaryShare = w / 100;
  const share = requests.canary / total;
  const se = Math.sqrt((expectedCanaryShare * (1 - expectedCanaryShare)) / total);
  // tuneN counts the smaller arm; the share's sequence runs on all requests.
  const tuneTotal = input.tuneN / Math.min(expectedCanaryShare, 1 - expectedCanaryShare);
  const pValue = alwaysValidPValue(share, se, total, expectedCanaryShare, { alternative: 'two.sided', tuneN: tuneTotal });
  const base = { statistic: result.statistic, pValue, expectedCanaryShare, observed, unit };
  const shares = `the canary received ${percent(share)} of ${noun} (${formatCount(requests.canary)} of ${formatCount(total)}), expected ${percent(expectedCanaryShare)}`;
  if (pValue < srmAlpha) {
    const requestLevel = unit === 'request' && input.assignment === 'user'
      ? ` (counted in requests under per-user assignment: a few heavy users move the request share without any fault in the split; send units per arm to check it on users)`
      : '';
    return {
      ...base,
      verdict: 'mismatch',
      reason: `the traffic split is broken: ${shares} (always-valid ${pPhrase(pValue)} < ${srmAlpha})${requestLevel}; no gate verdict counts until it is fixed — check the provider's flag, that its bucketing key is sticky, and that neither arm drops or double-logs requests`,
    };
  }
  return { ...base, verdict: 'ok', reason: `${shares} (always-valid ${pPhrase(pValue)})` };
}

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
