import type { RolloutPolicy } from '../model/index.js';
import type { JudgementOutcome, StageJudgement } from './judgement.js';
import type { Decision } from '../rollout/decision.js';

/** What the judgement alone asks for; the engine adds bake time, deploy windows and approvals on top. */
export interface StageDecision {
  readonly decision: Decision;
  readonly reason: string;
}

/**
 * The decision a judgement leads to under the policy: pass → advance; fail → onFailure
 * (default rollback); critical-fail and a fired rollback criterion → rollback whatever the
 * policy says; inconclusive → onInconclusive (default hold); no-data → onNoData (default hold),
 * never advance; a broken split and too few samples → hold.
 */
export function decideFromJudgement(policy: RolloutPolicy, judgement: StageJudgement): StageDecision {
  const spec = policy.spec;
  const rules: Record<JudgementOutcome, () => StageDecision> = {
    pass: () => ({ decision: 'advance', reason: judgement.reason }),
    fail: () => {
      const action = spec.onFailure ?? 'rollback';
      return { decision: action, reason: `${judgement.reason} (onFailure: ${action})` };
    },
    'critical-fail': () => ({ decision: 'rollback', reason: `${judgement.reason} (a critical gate rolls back whatever onFailure says)` }),
    rollback: () => ({ decision: 'rollback', reason: judgement.reason }),
    inconclusive: () => {
      const action = spec.onInconclusive ?? 'hold';
      return { decision: action, reason: `${judgement.reason} (onInconclusive: ${action})` };
    },
    'no-data': () => {
      const action = spec.onNoData ?? 'hold';
      return { decision: action, reason: `${judgement.reason} (onNoData: ${action})` };
    },
    srm: () => ({ decision: 'hold', reason: judgement.reason }),
    'insufficient-samples': () => ({ decision: 'hold', reason: judgement.reason }),
  };
  return rules[judgement.outcome]();
}
