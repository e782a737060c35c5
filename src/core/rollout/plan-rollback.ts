import type { StageJudgement } from '../gates/judgement.js';
import type { MetricsSnapshot } from '../metrics/arm-data.js';
import { summariseInputs } from '../audit/inputs.js';
import type { Release, RolloutPolicy } from '../model/index.js';
import { checkAction, commentAction } from './messages.js';
import { revertEvidence } from './revert-evidence.js';
import { CHAMPION_ONLY, describeSplit } from './split.js';
import { closeHistory, draft, recorded, type TickPlan } from './transitions.js';
import { AUDIT_HASH_PLACEHOLDER, type Action, type AuditRecordDraft, type DecisionFacts, type RollbackTrigger, type RolloutState } from './types.js';

export interface RollbackPlanInput {
  readonly state: RolloutState;
  readonly now: Date;
  readonly actor: string;
  readonly reason: string;
  readonly trigger: RollbackTrigger;
  readonly judgement?: StageJudgement;
  readonly metrics?: MetricsSnapshot;
  readonly facts?: DecisionFacts;
  readonly code?: string;
  readonly provider?: AuditRecordDraft['provider'];
  readonly requestsPerHour?: number;
}

/**
 * Restores the champion. The order is the point: `set-traffic` to champion-only comes FIRST, so
 * that users are safe even if everything after it fails; then the state and the audit record;
 * then the revert PR with the evidence (not for drills, which revert nothing), the comment, the
 * check and the notification. Windows and freezes never delay a rollback.
 */
export function buildRollbackPlan(input: RollbackPlanInput): TickPlan {
  const { state, actor, reason, trigger } = input;
  const at = input.now.toISOString();
  const event = trigger === 'drill' ? 'drill' : 'rollback';
  const code = input.code ?? `rollback:${trigger}`;
  const next = recorded(
    {
      ...state,
      phase: 'rolled-back',
      split: CHAMPION_ONLY,
      history: closeHistory(state, at),
      phaseReason: reason,
      rolledBack: { at, trigger, reason, by: actor },
    },
    'rollback',
    reason,
    code,
    at,
  );
  const evidence = revertEvidence({
    state,
    trigger,
    reason,
    at,
    actor,
    ...(input.judgement ? { judgement: input.judgement } : {}),
    ...(input.requestsPerHour !== undefined ? { requestsPerHour: input.requestsPerHour } : {}),
  });
  const record = draft(state, at, actor, {
    event,
    decision: 'rollback',
    reason,
    code,
    splitBefore: state.split,
    splitAfter: CHAMPION_ONLY,
    ...(input.judgement ? { judgement: input.judgement } : {}),
    ...(input.metrics ? { inputs: summariseInputs(input.metrics) } : {}),
    ...(input.facts ? { facts: input.facts } : {}),
    ...(input.provider ? { provider: input.provider } : {}),
    details: { trigger },
  });
  const actions: Action[] = [
    { type: 'set-traffic', release: state.release, split: CHAMPION_ONLY, from: state.split, reason: `rollback (${trigger}): ${reason}` },
    { type: 'write-state', state: next },
    { type: 'append-audit', record },
  ];
  if (trigger !== 'drill') {
    actions.push({ type: 'open-revert', release: state.release, title: evidence.title, body: evidence.body, ...(state.sourceCommit ? { sourceCommit: state.sourceCommit } : {}) });
  }
  const headline = trigger === 'drill' ? 'rollback drill: the champion serves all traffic' : 'rolled back: the champion serves all traffic';
  actions.push(
    commentAction(state.release, headline, `${describeSplit(state.split)} at ${state.stage} → off. Trigger: ${trigger}. ${reason}`, `Audit record \`${AUDIT_HASH_PLACEHOLDER}\`.`),
    checkAction(state.release, 'failure', `Rolled back at ${state.stage}`, reason),
    { type: 'notify', release: state.release, kind: 'rolled-back', message: `Glidepath rolled back ${state.release} at ${state.stage} (${trigger}): ${reason}` },
  );
  return { decision: 'rollback', reason, actions, next };
}

/** Input of a rollback a person, an alert or a drill asks for. */
export interface RollbackInput extends Pick<RollbackPlanInput, 'state' | 'now' | 'actor' | 'reason' | 'trigger' | 'judgement' | 'requestsPerHour'> {
  readonly release: Release;
  readonly policy: RolloutPolicy;
}

/**
 * Restores the champion now, from any phase but rolled-back (a rolled-back rollout gets an
 * empty plan). A completed rollout may be rolled back too: a regression found after the watch is
 * still a regression, and the provider still knows the champion variant.
 */
export function planRollback(input: RollbackInput): TickPlan {
  const { state } = input;
  if (state.release !== input.release.metadata.name) {
    throw new Error(`planRollback: the state is for ${state.release}, the release is ${input.release.metadata.name}`);
  }
  if (state.phase === 'rolled-back') {
    return { decision: 'hold', reason: `${state.release} was already rolled back at ${state.rolledBack?.at ?? state.updatedAt}; nothing to do`, actions: [], next: state };
  }
  const requestsPerHour = input.requestsPerHour ?? input.release.spec.traffic?.requestsPerHour;
  return buildRollbackPlan({
    state,
    now: input.now,
    actor: input.actor,
    reason: input.reason,
    trigger: input.trigger,
    ...(input.judgement ? { judgement: input.judgement } : {}),
    ...(requestsPerHour !== undefined ? { requestsPerHour } : {}),
  });
}
