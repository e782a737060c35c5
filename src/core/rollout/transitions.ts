import type { RolloutPolicy, Stage } from '../model/index.js';
import type { Action, AuditRecordDraft, RolloutPhase, RolloutState, StageVisit } from './types.js';
import type { TrafficSplit } from '../model/traffic-split.js';
import type { Decision } from './decision.js';

/** What every plan returns: the decision, why, the actions in order, and the state after them. */
export interface TickPlan {
  readonly decision: Decision;
  readonly reason: string;
  readonly actions: Action[];
  /** The state once the actions are carried out (equal to the input state when nothing changes). */
  readonly next: RolloutState;
}

export function stageAt(policy: RolloutPolicy, index: number): Stage {
  const stage = policy.spec.stages[index];
  if (!stage) {
    throw new Error(`policy ${policy.metadata.name}: the rollout state points at stage ${index + 1}, but spec.stages has ${policy.spec.stages.length}; the policy changed under a running rollout — roll back or restore the stage`);
  }
  return stage;
}

/** The history with the open visit closed at `at`. */
export function closeHistory(state: RolloutState, at: string): StageVisit[] {
  const history = [...(state.history ?? [])];
  const last = history[history.length - 1];
  if (last && last.until === undefined) history[history.length - 1] = { ...last, until: at };
  return history;
}

/** The state entering `stageIndex` with `split` at `at`. */
export function enterStage(state: RolloutState, policy: RolloutPolicy, stageIndex: number, split: TrafficSplit, at: string): RolloutState {
  const stage = stageAt(policy, stageIndex);
  const { phaseReason: _reason, watchStartedAt: _watch, ...rest } = state;
  return {
    ...rest,
    phase: 'progressing',
    stageIndex,
    stage: stage.name,
    stageStartedAt: at,
    split,
    history: [...closeHistory(state, at), { stage: stage.name, index: stageIndex, split, from: at }],
  };
}

/** The state after a write: next revision, updatedAt and the decision that caused it. */
export function recorded(state: RolloutState, decision: Decision, reason: string, code: string, at: string): RolloutState {
  return { ...state, revision: state.revision + 1, updatedAt: at, lastDecision: { decision, at, reason, code } };
}

/** The state in a phase where traffic stays where it is. */
export function inPhase(state: RolloutState, phase: RolloutPhase, reason: string): RolloutState {
  return { ...state, phase, phaseReason: reason };
}

/** An audit draft about `state` (the state the decision was taken in). */
export function draft(
  state: RolloutState,
  at: string,
  actor: string,
  fields: Pick<AuditRecordDraft, 'event' | 'reason'> & Partial<AuditRecordDraft>,
): AuditRecordDraft {
  return { at, release: state.release, bundleHash: state.bundleHash, stage: state.stage, actor, ...fields };
}
