import type { StageJudgement } from '../gates/judgement.js';
import { parseDuration } from '../model/duration.js';
import type { GlidepathConfig, Release, RolloutPolicy } from '../model/index.js';
import { approvalReason, approversFor, stageApproval } from './approvals.js';
import { stageAt } from './transitions.js';
import type { DecisionFacts, DecisionRules, RolloutState } from './types.js';
import { windowStatus } from './window.js';

function durationMs(policy: RolloutPolicy, stageIndex: number, field: 'minDuration' | 'maxDuration' | 'watch'): number | undefined {
  const text = stageAt(policy, stageIndex)[field];
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new Error(`policy ${policy.metadata.name}: spec.stages[${stageIndex}].${field} \`${text}\` is not a duration; write one such as \`30m\`, \`24h\` or \`1h30m\``);
  }
  return ms;
}

export function rulesOf(policy: RolloutPolicy): DecisionRules {
  return {
    onFailure: policy.spec.onFailure ?? 'rollback',
    onInconclusive: policy.spec.onInconclusive ?? 'hold',
    onNoData: policy.spec.onNoData ?? 'hold',
  };
}

/** The stage index traffic moves to next: stage 0 for a pending rollout, none after the last stage. */
export function targetIndex(state: RolloutState, policy: RolloutPolicy): number | undefined {
  if (state.phase === 'pending') return 0;
  const next = state.stageIndex + 1;
  return next < policy.spec.stages.length ? next : undefined;
}

/** Everything but the judgement that the tick's decision depends on, as recorded in the audit log. */
export function buildFacts(input: {
  release: Release;
  policy: RolloutPolicy;
  config: GlidepathConfig | undefined;
  state: RolloutState;
  judgement: StageJudgement | undefined;
  now: Date;
}): DecisionFacts {
  const { release, policy, config, state, judgement, now } = input;
  const stageCount = policy.spec.stages.length;
  const ms = now.getTime();
  const target = targetIndex(state, policy);
  const maxDurationMs = durationMs(policy, state.stageIndex, 'maxDuration');
  const why = target === undefined ? undefined : approvalReason(release, policy, target);
  const window = windowStatus(policy, now);
  const watchStart = state.watchStartedAt ?? state.stageStartedAt;
  return {
    phase: state.phase,
    stage: state.stage,
    stageIndex: state.stageIndex,
    stageCount,
    ...(target !== undefined ? { nextStage: stageAt(policy, target).name } : {}),
    elapsedMs: ms - Date.parse(state.stageStartedAt),
    minDurationMs: durationMs(policy, state.stageIndex, 'minDuration') ?? 0,
    ...(maxDurationMs !== undefined ? { maxDurationMs } : {}),
    watchMs: durationMs(policy, stageCount - 1, 'watch') ?? 0,
    ...(state.phase === 'watching' ? { watchElapsedMs: ms - Date.parse(watchStart) } : {}),
    rules: rulesOf(policy),
    window: window.open ? { open: true } : { open: false, reason: window.reason, ...(window.opensAt ? { opensAt: window.opensAt } : {}) },
    ...(target !== undefined && why !== undefined
      ? {
          approval: {
            stage: stageAt(policy, target).name,
            why,
            granted: stageApproval(state, stageAt(policy, target).name) !== undefined,
            approvers: [...approversFor(policy, config)],
          },
        }
      : {}),
    ...(judgement !== undefined && judgement.stage !== state.stage ? { staleJudgement: true } : {}),
  };
}
